#!/usr/bin/env bash
# Builds Edgeplane (once), starts the controller and, unless --controller-only, the demo topology: two edge switches
# (Open vSwitch, userspace datapath) behind an unmanaged fabric switch, two tenants, four networks, eleven hosts,
# all provisioned through RESTCONF. Installs the Debian packages it needs when they are missing (as root; otherwise
# it names the command to run).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d /usr/lib/jvm/java-17-openjdk-amd64 ] && export JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
started=$SECONDS
step() {
  printf '[%02d:%02d] %s\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "$*"
}

if [ "${1:-}" != "--controller-only" ]; then
  step "Checking the Debian packages (Open vSwitch, Mininet, test tools)"
  scripts/install-deps.sh
fi
if [ ! -x karaf-distribution/target/assembly/bin/karaf ] || [ ! -d it/target/test-classes ]; then
  step "Building Edgeplane, tests skipped (first run only: about 5 min warm, longer while Maven downloads)"
  mvn -B -q -Dstyle.color=never clean install -DskipTests
  mvn -B -q -Dstyle.color=never -pl it test-compile
fi

if [ "${1:-}" = "--controller-only" ]; then
  step "Starting the controller in the foreground (Ctrl-D or 'logout' stops it)"
  exec karaf-distribution/target/assembly/bin/karaf
fi

step "Starting Open vSwitch"
scripts/start-ovs.sh >/dev/null
mvn -B -q -Dstyle.color=never -pl it dependency:build-classpath -Dmdep.outputFile=target/demo.classpath \
  -Dmdep.includeScope=test >/dev/null
# One SLF4J binding (slf4j-simple): the Karaf client and logback jars carry others, and SLF4J would list them all.
classpath=$(tr ':' '\n' < it/target/demo.classpath | grep -v -e '/org.apache.karaf.client-' -e '/logback-classic-' \
  | paste -sd:)
step "Starting the controller and the demo topology"
exec java -cp "it/target/test-classes:$classpath" \
  -Dedgeplane.karaf.home=karaf-distribution/target/assembly \
  -Dedgeplane.topology=it/src/test/resources/topology.json \
  -Dedgeplane.mininet.agent=it/src/test/python/mininet_agent.py \
  org.edgeplane.it.DemoMain
