#!/usr/bin/env bash
# A cluster of Edgeplane members on this machine: each member a copy of the built distribution, on its own loopback
# address (member K on 127.0.0.K) for RESTCONF (8181), Karaf SSH (8101), OpenFlow (6653, 6633), JMX and cluster
# traffic (Akka, 2550), with the stock ODL cluster configuration (akka.conf, module-shards.conf) naming all members.
#
#   scripts/cluster.sh up [--members N]   fresh copies with empty datastores, start all, wait until each serves
#   scripts/cluster.sh down               stop every member (SIGTERM, SIGKILL after 60 s)
#   scripts/cluster.sh kill K             SIGKILL member K (a crash)
#   scripts/cluster.sh stop K             stop member K cleanly
#   scripts/cluster.sh start K            start member K again on its own data; it rejoins the others
#   scripts/cluster.sh status             per member: process, RESTCONF, and which member runs Edgeplane's rounds
#
# Environment: EDGEPLANE_CLUSTER_DIR (default /tmp/edgeplane-cluster) holds member-K/; EDGEPLANE_DIST is the built
# distribution (default karaf-distribution/target/assembly); EDGEPLANE_HEAP is each member's heap (default 1g);
# EDGEPLANE_DEBUG=1 logs Edgeplane at DEBUG in each member's data/log/karaf.log.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DIR="${EDGEPLANE_CLUSTER_DIR:-/tmp/edgeplane-cluster}"
DIST="${EDGEPLANE_DIST:-$ROOT/karaf-distribution/target/assembly}"
READY_TIMEOUT="${EDGEPLANE_READY_TIMEOUT:-300}"
AUTH=(-u admin:admin)

die() { echo "cluster.sh: $*" >&2; exit 1; }
address() { echo "127.0.0.$1"; }
home() { echo "$DIR/member-$1"; }
members() { cat "$DIR/members" 2>/dev/null || die "no cluster in $DIR (run: $0 up)"; }
# The JVM's PID, as Karaf last wrote it: it changes when a member restarts itself (a member that finds itself in a
# minority is downed by the split-brain resolver and restarts its container to rejoin). Karaf rewrites the file while
# it boots, so an empty read is retried.
pid_of() {
    local f try pid=""
    f="$(home "$1")/karaf.pid"
    for try in 1 2 3 4 5; do
        pid="$(cat "$f" 2>/dev/null || true)"
        [ -n "$pid" ] && break
        [ -e "$f" ] || break
        sleep 0.2
    done
    echo "$pid"
}
alive() { local pid; pid="$(pid_of "$1")"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

# Edits a member's copy so that every listener binds its own address and the cluster names all members.
configure() {
    local k="$1" n="$2" home ip seeds="" replicas="" i
    home="$(home "$k")"
    ip="$(address "$k")"
    for i in $(seq 1 "$n"); do
        seeds="$seeds${seeds:+, }\"akka://opendaylight-cluster-data@$(address "$i"):2550\""
        replicas="$replicas${replicas:+, }\"member-$i\""
    done
    sed -i "s/^edgeplane.rest.address *=.*/edgeplane.rest.address = $ip/" "$home/etc/system.properties"
    sed -i "s/^sshHost *=.*/sshHost = $ip/" "$home/etc/org.apache.karaf.shell.cfg"
    sed -i -e "s/^rmiRegistryHost *=.*/rmiRegistryHost = $ip/" -e "s/^rmiServerHost *=.*/rmiServerHost = $ip/" \
        "$home/etc/org.apache.karaf.management.cfg"
    sed -i "s#<address>.*</address>#<address>$ip</address>#" \
        "$home"/etc/opendaylight/datastore/initial/config/*-openflow-connection-config.xml
    if [ -n "${EDGEPLANE_DEBUG:-}" ]; then
        printf '%s\n' "log4j2.logger.edgeplane.name = org.edgeplane" "log4j2.logger.edgeplane.level = DEBUG" \
            >> "$home/etc/org.ops4j.pax.logging.cfg"
    fi
    mkdir -p "$home/configuration/initial"
    # The stock files of sal-clustering-config, with this member's address and role and every member as a seed and
    # as a replica of every shard. The features install their own copies only where none exists.
    cat > "$home/configuration/initial/akka.conf" <<EOF
odl-cluster-data {
  akka {
    remote {
      artery {
        enabled = on
        transport = tcp
        canonical.hostname = "$ip"
        canonical.port = 2550
      }
    }
    cluster {
      seed-nodes = [$seeds]
      roles = ["member-$k"]
    }
    persistence {
      snapshot-store.local.use-lz4-compression = false
      snapshot-store.local.lz4-blocksize = 256KB
    }
    disable-default-actor-system-quarantined-event-handling = "false"
  }
}
EOF
    {
        echo "module-shards = ["
        for shard in default topology inventory; do
            echo "  { name = \"$shard\", shards = [ { name = \"$shard\", replicas = [$replicas] } ] },"
        done
        echo "]"
    } > "$home/configuration/initial/module-shards.conf"
}

launch() {
    local k="$1" home
    home="$(home "$k")"
    alive "$k" && die "member $k already runs (pid $(pid_of "$k"))"
    rm -f "$home/karaf.pid"
    # Where this run's log starts: a member's karaf.log keeps the lines of its earlier runs.
    stat -c %s "$home/data/log/karaf.log" > "$home/launch-log-offset" 2>/dev/null || echo 0 > "$home/launch-log-offset"
    (cd "$home" && EDGEPLANE_HEAP="${EDGEPLANE_HEAP:-1g}" nohup bin/karaf server > "$home/karaf-console.log" 2>&1 &)
    local deadline=$((SECONDS + 60)) pid=""
    until [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || die "member $k did not start; see $home/karaf-console.log"
        sleep 0.5
        pid="$(cat "$home/karaf.pid" 2>/dev/null || true)"
    done
    echo "member $k: pid $(pid_of "$k") on $(address "$k")"
}

# Ready: RESTCONF answers and Edgeplane's commit check rejects a network of an unknown tenant, which takes a shard
# leader for the intent (so a majority of members).
ready() {
    local ip body
    ip="$(address "$1")"
    body='{"edgeplane-tenant:network":[{"id":"readiness-probe","tenant-id":"none","segmentation-type":"vlan","segmentation-id":1}]}'
    curl -s -m 10 "${AUTH[@]}" -H Content-Type:application/json -X PUT -d "$body" \
        "http://$ip:8181/rests/data/edgeplane-tenant:intent/network=readiness-probe" 2>/dev/null \
        | grep -q "tenant 'none' does not exist"
}

# Now and then AAA 0.17.14's encryption service never hears of its stored configuration after a start, and RESTCONF
# answers 401 for good (an upstream race): restarting that member once ends it, as an operator would.
aaa_stalled() {
    local this_run offset
    offset="$(cat "$(home "$1")/launch-log-offset" 2>/dev/null || echo 0)"
    this_run="$(tail -c +"$((offset + 1))" "$(home "$1")/data/log/karaf.log" 2>/dev/null)"
    grep -q "aaa.cert/0.17.14 is waiting for dependencies \[(objectClass=org.opendaylight.aaa.encrypt.AAAEncryptionService)\]" \
        <<< "$this_run" && ! grep -q "Encryption Service enabled" <<< "$this_run"
}

wait_ready() {
    local k deadline=$((SECONDS + READY_TIMEOUT)) stall_check give_up reason
    for k in "$@"; do
        stall_check=$((SECONDS + 150))
        give_up=$((SECONDS + READY_TIMEOUT / 2))
        until ready "$k"; do
            alive "$k" || die "member $k exited; see $(home "$k")/data/log/karaf.log"
            [ $SECONDS -lt $deadline ] || die "member $k not ready within ${READY_TIMEOUT}s; see $(home "$k")/data/log"
            reason=""
            if [ $SECONDS -ge $stall_check ] && aaa_stalled "$k"; then
                reason="AAA's encryption service did not start (upstream race)"
            elif [ $SECONDS -ge $give_up ]; then
                # A start that stalls silently (seen once on a loaded CI machine, every log quiet): keep its threads
                # for a diagnosis, then do what an operator would.
                reason="not ready after $((READY_TIMEOUT / 2))s (threads in data/log/threads-stalled.txt)"
                jcmd "$(pid_of "$k")" Thread.print > "$(home "$k")/data/log/threads-stalled.txt" 2>&1 || true
            fi
            if [ -n "$reason" ]; then
                echo "member $k: $reason; restarting it once"
                stop_member "$k" TERM
                mv "$(home "$k")/data/log/karaf.log" "$(home "$k")/data/log/karaf.log.stalled"
                launch "$k"
                stall_check=$deadline
                give_up=$deadline
            fi
            sleep 2
        done
        echo "member $k: ready at http://$(address "$k"):8181"
    done
}

# Sends the signal to member K's JVM, after ending its launcher (bin/karaf), which would otherwise start the JVM
# again when it exits to restart (as a member that loses its majority does).
signal_member() {
    local k="$1" signal="$2" pid launcher
    pid="$(pid_of "$k")"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    launcher="$(ps -o ppid= -p "$pid" | tr -d ' ')"
    if [ -n "$launcher" ] && ps -o args= -p "$launcher" | grep -q "bin/karaf"; then
        kill -TERM "$launcher" 2>/dev/null || true
    fi
    kill "-$signal" "$pid"
    echo "$pid"
}

await_stopped() {
    local k="$1" pid="$2" signal="$3"
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null; do
        if [ $SECONDS -ge $deadline ]; then kill -KILL "$pid"; fi
        sleep 0.5
    done
    rm -f "$(home "$k")/karaf.pid"
    echo "member $k: stopped ($signal)"
}

stop_member() {
    local k="$1" signal="$2" pid
    pid="$(signal_member "$k" "$signal")" || { echo "member $k: not running"; return 0; }
    await_stopped "$k" "$pid" "$signal"
}

# Every member at once: stopped one by one, the last ones would lose their majority and restart to rejoin.
stop_all() {
    local k pids=()
    for k in $(seq 1 "$(members)"); do
        pids[k]="$(signal_member "$k" TERM)" || { echo "member $k: not running"; pids[k]=""; }
    done
    for k in $(seq 1 "$(members)"); do
        [ -z "${pids[k]}" ] || await_stopped "$k" "${pids[k]}" TERM
    done
}

leader() {
    curl -s -m 5 "${AUTH[@]}" "http://$(address "$1"):8181/rests/data/edgeplane-tenant:controller?content=nonconfig" \
        2>/dev/null | sed -n 's/.*"leader":"\([^"]*\)".*/\1/p'
}

cmd="${1:-}"
shift || true
case "$cmd" in
    up)
        n=3
        if [ "${1:-}" = "--members" ]; then n="${2:?--members needs a number}"; fi
        [ -x "$DIST/bin/karaf" ] || die "no built distribution at $DIST (build first: mvn -B install -DskipTests)"
        if [ -f "$DIR/members" ]; then stop_all; fi
        rm -rf "$DIR"
        mkdir -p "$DIR"
        echo "$n" > "$DIR/members"
        for k in $(seq 1 "$n"); do
            cp -a "$DIST" "$(home "$k")"
            rm -rf "$(home "$k")"/{data,segmented-journal,journal,snapshots,karaf.pid}
            configure "$k" "$n"
        done
        for k in $(seq 1 "$n"); do launch "$k"; done
        wait_ready $(seq 1 "$n")
        echo "Edgeplane runs as leader on: $(leader 1)"
        ;;
    down)
        stop_all
        ;;
    kill) stop_member "${1:?member number}" KILL ;;
    stop) stop_member "${1:?member number}" TERM ;;
    start)
        launch "${1:?member number}"
        wait_ready "$1"
        ;;
    status)
        for k in $(seq 1 "$(members)"); do
            if alive "$k"; then
                state="pid $(pid_of "$k")"
                if ready "$k"; then state="$state, serving; leader: $(leader "$k")"; else state="$state, not serving"; fi
            else
                state="down"
            fi
            echo "member $k ($(address "$k")): $state"
        done
        ;;
    *)
        sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
        [ -z "$cmd" ] || exit 2
        ;;
esac
