#!/usr/bin/env bash
# Starts Open vSwitch without a kernel module: ovsdb-server through ovs-ctl, then ovs-vswitchd by hand (bridges
# must use datapath_type=netdev). Does nothing when both already run.
set -euo pipefail
if ovs-vsctl --timeout=2 show >/dev/null 2>&1 && pgrep -x ovs-vswitchd >/dev/null; then
  exit 0
fi
/usr/share/openvswitch/scripts/ovs-ctl --no-ovs-vswitchd start
# Its log goes to its file only: the console of a first start (the demo's) shows no INFO lines.
pgrep -x ovs-vswitchd >/dev/null || ovs-vswitchd --pidfile --detach --log-file -vconsole:off
ovs-vsctl --timeout=10 show >/dev/null
echo "Open vSwitch is running (userspace datapath only)"
