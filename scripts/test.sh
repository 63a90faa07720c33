#!/usr/bin/env bash
# Runs every test on a bare Debian machine with JDK 17 and Maven: installs the Debian packages the end-to-end
# suites need (as root; otherwise it names the command), starts Open vSwitch, and builds with every test.
# Extra arguments go to Maven (e.g. -o for offline).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/start-ovs.sh
# ODL Argon is built and run with JDK 17.
if [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
java -version 2>&1 | head -1
exec mvn -B clean install "$@"
