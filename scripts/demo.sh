#!/usr/bin/env bash
# Builds Edgeplane (once), starts the controller and, unless --controller-only, the demo topology: two edge switches
# (Open vSwitch, userspace datapath) behind an unmanaged fabric switch, two tenants, three networks, nine hosts,
# all provisioned through RESTCONF. Needs root, Debian's openvswitch-switch and mininet (see .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /usr/lib/jvm/java-17-openjdk-amd64 ] && export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64

if [ ! -x karaf-distribution/target/assembly/bin/karaf ] || [ ! -d it/target/test-classes ]; then
  echo "Building Edgeplane (first run only; tests skipped) ..."
  mvn -B -q clean install -DskipTests
  mvn -B -q -pl it test-compile
fi

if [ "${1:-}" = "--controller-only" ]; then
  echo "Starting the controller in the foreground (Ctrl-D or 'logout' stops it) ..."
  exec karaf-distribution/target/assembly/bin/karaf
fi

scripts/start-ovs.sh
mvn -B -q -pl it dependency:build-classpath -Dmdep.outputFile=target/demo.classpath -Dmdep.includeScope=test
exec java -cp "it/target/test-classes:$(cat it/target/demo.classpath)" \
  -Dedgeplane.karaf.home=karaf-distribution/target/assembly \
  -Dedgeplane.topology=it/src/test/resources/topology.json \
  -Dedgeplane.mininet.agent=it/src/test/python/mininet_agent.py \
  org.edgeplane.it.DemoMain
