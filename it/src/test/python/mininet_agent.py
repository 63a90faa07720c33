#!/usr/bin/python3
"""Mininet agent for Edgeplane's end-to-end tests and demo.

Reads one JSON request per line on stdin, answers one JSON line on stdout. Builds a topology of edge switches
controlled by Edgeplane (OVS userspace datapath, OpenFlow 1.3, fail-mode secure) joined through a fabric switch that
no controller manages (OVS in standalone mode: a plain learning switch that carries VLAN-tagged frames).

Requests:
  {"op": "start", "controller": "127.0.0.1:6653", "topology": {...}, "appliances": false}
      (controller: one address, or several separated by commas, all of which every edge switch connects to)
                                                 see it/src/test/resources/topology.json; with "appliances", the
                                                 topology's service appliances are built too (namespaces with two
                                                 ports: a Linux bridge, or a router with host routes)
  {"op": "pings", "pairs": [["h1", "10.0.1.2"], ...], "count": 2, "wait": 1}  -> {"results": {"h1 10.0.1.2": true}}
  {"op": "sh", "host": "h1", "cmd": "ip link"}                          -> {"output": "..."}
  {"op": "capture", "host": "h2", "intf": "h2-eth0", "filter": "icmp", "seconds": 3,
   "during": {"host": "h1", "cmd": "ping -c 3 10.0.1.2"}}             -> {"packets": 0, "lines": [...], "output": "..."}
  {"op": "capture", "targets": [{"host": "rt", "intf": "rt-eth0", "filter": "tcp"}, ...], "seconds": 3,
   "during": {...}}                                   -> {"by_target": {"rt/rt-eth0": ["<tcpdump -e line>", ...]}}
  {"op": "pids"}                                                        -> {"pids": {"h1": 1234}}
  {"op": "stop"}
Mininet's own output goes to stderr, so stdout carries answers only.
"""
import json
import subprocess
import sys
import threading
import time

from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.node import OVSSwitch, RemoteController

NET = None
# Bridges the agent made outside Mininet (the VXLAN underlay), removed on stop.
EXTRA_BRIDGES = []


def answer(payload):
    sys.stdout.write(json.dumps(payload) + "\n")
    sys.stdout.flush()


def clean_leftovers(topology):
    """Removes bridges and veths that a crashed earlier run of this topology left in the root namespace."""
    names = [edge["name"] for edge in topology["switches"]] + [topology["fabric"]["name"]]
    if "underlay" in topology:
        names.append(topology["underlay"]["bridge"])
    for name in names:
        subprocess.call(["ovs-vsctl", "--if-exists", "del-br", name])
    links = subprocess.run(["ip", "-o", "link", "show"], capture_output=True, text=True).stdout
    for line in links.splitlines():
        intf = line.split(":")[1].strip().split("@")[0]
        if any(intf.startswith(name + "-eth") for name in names):
            subprocess.call(["ip", "link", "del", intf])


def build_underlay(underlay):
    """VXLAN between the edge switches with the userspace datapath: every tunnel endpoint IP lives on one underlay
    bridge; encapsulated frames leave through its LOCAL port and are sent straight back into it, where Open vSwitch
    terminates the tunnel whose local_ip they are addressed to (native tunnelling, tnl_push/tnl_pop)."""
    bridge = underlay["bridge"]
    EXTRA_BRIDGES.append(bridge)
    # Their chatter (ovs-appctl prints "OK") must not reach stdout, which is the JSON channel to the test.
    run = lambda *argv: subprocess.check_call(list(argv), stdout=subprocess.DEVNULL)
    run("ovs-vsctl", "add-br", bridge, "--", "set", "bridge", bridge, "datapath_type=netdev",
        "other-config:hwaddr=" + underlay["mac"])
    for ip in underlay["vteps"].values():
        run("ip", "addr", "add", ip + "/24", "dev", bridge)
    run("ip", "link", "set", bridge, "up")
    run("ovs-ofctl", "add-flow", bridge, "priority=100,in_port=LOCAL,udp,tp_dst=4789,actions=in_port")
    for switch, ip in underlay["vteps"].items():
        run("ovs-appctl", "tnl/arp/set", bridge, ip, underlay["mac"])
        port = "vx-" + switch
        run("ovs-vsctl", "add-port", switch, port, "--", "set", "interface", port, "type=vxlan",
            "options:remote_ip=flow", "options:key=flow", "options:local_ip=" + ip,
            "ofport_request=%d" % underlay["tunnelPort"])


def start(request):
    global NET
    topology = request["topology"]
    clean_leftovers(topology)
    net = Mininet(controller=None, build=False, autoSetMacs=False, autoStaticArp=False)
    # One controller, or a cluster's members separated by commas: each edge switch connects to all of them.
    controllers = []
    for index, address in enumerate(request["controller"].split(",")):
        host, port = address.strip().split(":")
        controllers.append(net.addController("c%d" % index, controller=RemoteController, ip=host, port=int(port)))
    edges = {}
    for edge in topology["switches"]:
        edges[edge["name"]] = net.addSwitch(edge["name"], cls=OVSSwitch, dpid="%016x" % edge["dpid"],
                                            datapath="user", protocols="OpenFlow13", failMode="secure")
    fabric = net.addSwitch(topology["fabric"]["name"], cls=OVSSwitch, dpid="%016x" % topology["fabric"]["dpid"],
                           datapath="user", failMode="standalone")
    for edge in topology["switches"]:
        net.addLink(edges[edge["name"]], fabric, port1=edge["uplinkPort"])
    for h in topology["hosts"]:
        node = net.addHost(h["name"], ip=h["ip"] + "/" + str(topology.get("prefixLength", 16)), mac=h["mac"])
        net.addLink(node, edges[h["switch"]], port2=h["port"])
    for spare in topology.get("spares", []):
        node = net.addHost(spare["name"], ip=None)
        net.addLink(node, edges[spare["switch"]], port2=spare["port"])
    appliances = topology.get("appliances", []) if request.get("appliances") else []
    for appliance in appliances:
        node = net.addHost(appliance["name"], ip=None)
        for port, mac in zip(appliance["ports"], appliance["macs"]):
            net.addLink(node, edges[appliance["switch"]], port2=port, addr1=mac)
    net.build()
    for controller in controllers:
        controller.start()
    for edge in edges.values():
        edge.start(controllers)
    fabric.start([])
    if "underlay" in topology:
        build_underlay(topology["underlay"])
    for spare in topology.get("spares", []):
        net.get(spare["name"]).cmd("ip addr flush dev %s-eth0" % spare["name"])
    for appliance in appliances:
        configure_appliance(net.get(appliance["name"]), appliance, topology.get("prefixLength", 16))
    for h in net.hosts:
        # IPv6 neighbour discovery and router solicitations would be noise in the traffic assertions.
        h.cmd("sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1")
        for intf in h.intfList():
            h.cmd("ethtool -K %s tx off rx off >/dev/null 2>&1" % intf.name)
    NET = net
    answer({"ok": True})


def configure_appliance(node, appliance, prefix_length):
    """A service function as plain Linux networking, unaware of chains: a bridge between its two ports, or a router
    that forwards between them by host routes (both ports are in the one tenant subnet)."""
    intfs = ["%s-eth%d" % (appliance["name"], index) for index in range(len(appliance["ports"]))]
    for intf in intfs:
        node.cmd("ip addr flush dev %s" % intf)
    if appliance["kind"] == "bridge":
        node.cmd("ip link add br0 type bridge stp_state 0 && ip link set br0 up")
        for intf in intfs:
            node.cmd("ip link set %s master br0" % intf)
        return
    node.cmd("sysctl -qw net.ipv4.ip_forward=1 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0"
             " net.ipv4.conf.all.send_redirects=0")
    for intf, ip in zip(intfs, appliance["ips"]):
        node.cmd("sysctl -qw net.ipv4.conf.%s.rp_filter=0 net.ipv4.conf.%s.send_redirects=0" % (intf, intf))
        node.cmd("ip addr add %s/%d dev %s" % (ip, prefix_length, intf))
    for address, index in appliance["routes"]:
        node.cmd("ip route add %s/32 dev %s" % (address, intfs[index]))


def pings(request):
    count = int(request.get("count", 1))
    wait = int(request.get("wait", 1))
    by_source = {}
    for src, ip in request["pairs"]:
        by_source.setdefault(src, []).append(ip)
    results = {}
    for src, ips in by_source.items():
        host = NET.get(src)
        # One shell per source, all destinations in parallel, each with its own deadline.
        script = " ".join("(ping -n -q -c %d -W %d %s >/dev/null 2>&1 && echo '%s ok' || echo '%s fail') &"
                          % (count, wait, ip, ip, ip) for ip in ips) + " wait"
        output = host.cmd(script)
        for line in output.splitlines():
            parts = line.strip().split()
            if len(parts) == 2 and parts[1] in ("ok", "fail"):
                results[src + " " + parts[0]] = parts[1] == "ok"
    answer({"results": results})


def sh(request):
    answer({"output": NET.get(request["host"]).cmd(request["cmd"])})


def capture(request):
    """tcpdump on one host's interface, or on several at once ("targets"), while another host runs a command.

    The capture lasts at least "seconds", and always until a second after the command has finished: a command slowed
    down by a loaded machine must not have its last packets cut off by a fixed window.
    """
    seconds = int(request.get("seconds", 3))
    targets = request.get("targets") or [{"host": request["host"], "intf": request.get("intf"),
                                          "filter": request["filter"]}]
    started = time.monotonic()
    running = []
    for target in targets:
        node = NET.get(target["host"])
        intf = target.get("intf") or node.defaultIntf().name
        # The timeout only bounds a capture whose command never returns.
        process = node.popen(["timeout", str(seconds + 120), "tcpdump", "-n", "-e", "-l", "-i", intf,
                              target["filter"]], stdout=-1, stderr=-1)
        lines = []
        reader = threading.Thread(target=lambda process=process, lines=lines: lines.extend(
            line for line in process.stdout.read().decode().splitlines() if line.strip()))
        reader.start()
        running.append((target["host"] + "/" + intf, process, reader, lines))
    # tcpdump needs a moment to attach before the traffic under test starts.
    NET.get(targets[0]["host"]).cmd("sleep 1")
    during = request.get("during")
    output = NET.get(during["host"]).cmd(during["cmd"]) if during else ""
    time.sleep(max(seconds - (time.monotonic() - started), 1.0))
    by_target = {}
    for name, process, reader, lines in running:
        process.terminate()
        process.wait()
        reader.join()
        by_target[name] = lines
    first = running[0][0]
    answer({"packets": len(by_target[first]), "lines": by_target[first], "by_target": by_target,
            "output": output})


def pids():
    answer({"pids": {h.name: h.pid for h in NET.hosts}})


def stop():
    global NET
    if NET is not None:
        NET.stop()
        NET = None
    while EXTRA_BRIDGES:
        subprocess.call(["ovs-vsctl", "--if-exists", "del-br", EXTRA_BRIDGES.pop()])
    answer({"ok": True})


def main():
    setLogLevel("warning")
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        op = request["op"]
        try:
            if op == "start":
                start(request)
            elif op == "pings":
                pings(request)
            elif op == "sh":
                sh(request)
            elif op == "capture":
                capture(request)
            elif op == "pids":
                pids()
            elif op == "stop":
                stop()
                return
            else:
                answer({"error": "unknown op " + op})
        except Exception as error:  # answer every request, so the test sees the failure instead of hanging
            answer({"error": "%s: %s" % (type(error).__name__, error)})
    stop()


if __name__ == "__main__":
    main()
