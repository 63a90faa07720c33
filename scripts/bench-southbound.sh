#!/usr/bin/env bash
# Southbound benchmark (issue 18): REST -> flows in Open vSwitch on one bridge of 1,000 ports, one more port at a
# time, and DELETE of the whole intent (with the flows still left afterwards). Needs root, a built distribution
# (mvn -B clean install -DskipTests) and Debian's openvswitch-switch; nothing else may listen on 8181 or 6653.
# Options: --runs N (measured runs after one warm-up, default 3), --ports N (default 1000), --extra N (ports
# added one at a time per run, default 10). See scripts/bench_southbound.py.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /usr/lib/jvm/java-17-openjdk-amd64 ] && export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
exec /usr/bin/python3 scripts/bench_southbound.py "$@"
