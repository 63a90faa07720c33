#!/usr/bin/env bash
# Installs the Debian packages the demo and the tests need, when any is missing: Open vSwitch, Mininet and the
# tools the end-to-end tests drive. Installing needs root; run without it, it names the command to run instead.
set -euo pipefail
PACKAGES=(openvswitch-switch mininet iputils-ping iproute2 tcpdump traceroute netcat-openbsd iperf3 ethtool procps
  curl)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them as root:  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
echo "Installing the missing Debian packages: ${missing[*]} ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed."
