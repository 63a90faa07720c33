#!/usr/bin/python3
"""Southbound benchmark (issue 18): from a REST request to the flows in Open vSwitch, by default on one bridge with
1,000 ports (--switches N spreads the ports over N bridges, one switch each).

The workload is the issue's: 100 VLAN networks of 10 ports, 10 tenants of 100 ports, each tenant with one security
group that allows everything from its own members (remote group = itself) plus TCP 22 and 80 from anywhere, every
port in its tenant's group, the whole intent in one PUT. Per run (after one warm-up run):

  bulk        REST returns -> first Edgeplane flow on the switch, and -> all of them (the count the controller's
              status desires, which the switch then holds);
  one port    a port more, one at a time (10 per run): REST returns -> all of its flows on the switch;
  delete      DELETE of the whole intent -> no Edgeplane flow left; what is still left 1 s and 10 s later (stale).

Prints a table of medians and ranges, the flows per port and the controller's resident memory, and writes a plot
(gnuplot, PNG): the flows on the switches over time in each bulk run, and the one-port latencies. Timing comes from
polling each bridge's count of flows with Edgeplane's cookie prefix (the aggregate request of `ovs-ofctl
dump-aggregate`, sent on a management connection kept open, so a poll costs well under a millisecond) every 50 ms
(every millisecond for one port), so every figure is an upper bound by up to one poll interval. Never fails on time; fails only when a run does not converge
within its deadline.
"""
import argparse
import base64
import json
import os
import shutil
import signal
import socket
import statistics
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request

REST = 'http://127.0.0.1:8181/rests/data'
# The OpenFlow listeners the bridges connect to: one controller, or every member of a cluster (--cluster).
CONTROLLERS = ['tcp:127.0.0.1:6653']
AUTH = 'Basic ' + base64.b64encode(b'admin:admin').decode()
UPLINK = 2000
POLL = 0.05
# A switch whose flow count stands still this long short of the desired count will not get the rest.
STALL = 30


def rest(method, path, body=None, timeout=120, base=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request((base or REST) + path, data=data, method=method,
                                     headers={'Authorization': AUTH, 'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        return 0, str(error)


def bridge_name(switch):
    return f'bench{switch}'


def switch_id(switch):
    return f'openflow:{switch}'


EDGEPLANE, EDGEPLANE_MASK, ALL_BITS = 0xed00000000000000, 0xff00000000000000, 0xffffffffffffffff


def port_cookie(port_id):
    """The cookie of an endpoint port's isolation flows, as Cookies.of(Owner.ISOLATION, ObjectKind.PORT, id) makes
    it: Edgeplane's prefix, app 1, kind 3, and the low 40 bits of the id's FNV-1a hash."""
    digest = 0xcbf29ce484222325
    for byte in port_id.encode():
        digest = ((digest ^ byte) * 0x100000001b3) & ALL_BITS
    return EDGEPLANE | 0x01 << 48 | 3 << 40 | digest & ((1 << 40) - 1)


class SwitchCounter:
    """Asks a bridge for its count of Edgeplane's flows over the bridge's management socket, as `ovs-ofctl
    dump-aggregate` does (an OpenFlow 1.3 aggregate request filtered by cookie), but on one connection kept open:
    a poll then costs well under a millisecond instead of a process start (20-30 ms on this machine), so the
    figures are not late by the measurement."""

    OFP13 = 4
    HELLO, ECHO_REQUEST, ECHO_REPLY, ERROR = 0, 2, 3, 1
    MULTIPART_REQUEST, MULTIPART_REPLY, AGGREGATE = 18, 19, 2

    def __init__(self, bridge):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(f'/var/run/openvswitch/{bridge}.mgmt')
        self.xid = 0
        self.sock.sendall(struct.pack('!BBHI', self.OFP13, self.HELLO, 8, 0))
        self._receive(self.HELLO)

    def _receive(self, wanted):
        while True:
            header = self._read(8)
            version, kind, length, xid = struct.unpack('!BBHI', header)
            body = self._read(length - 8)
            if kind == self.ECHO_REQUEST:
                self.sock.sendall(struct.pack('!BBHI', self.OFP13, self.ECHO_REPLY, length, xid) + body)
            elif kind == self.ERROR:
                raise SystemExit(f'bench-southbound: the switch refused a count: {body.hex()}')
            elif kind == wanted:
                return body

    def _read(self, size):
        data = b''
        while len(data) < size:
            chunk = self.sock.recv(size - len(data))
            if not chunk:
                raise SystemExit('bench-southbound: the switch closed the management connection')
            data += chunk
        return data

    def count(self, cookie=EDGEPLANE, mask=EDGEPLANE_MASK):
        self.xid += 1
        # Aggregate over every table, any out port and group, the cookie under its mask, an empty OXM match.
        body = struct.pack('!HH4xB3xII4xQQHH4x', self.AGGREGATE, 0, 0xff, 0xffffffff, 0xffffffff,
                           cookie, mask, 1, 4)
        self.sock.sendall(struct.pack('!BBHI', self.OFP13, self.MULTIPART_REQUEST, 8 + len(body), self.xid) + body)
        reply = self._receive(self.MULTIPART_REPLY)
        return struct.unpack('!I', reply[8 + 16:8 + 20])[0]


COUNTERS = {}


def flows_on(switch, cookie=EDGEPLANE, mask=EDGEPLANE_MASK):
    """Edgeplane's flows on one bridge (or those under a cookie and mask)."""
    counter = COUNTERS.get(switch)
    if counter is None:
        counter = COUNTERS[switch] = SwitchCounter(bridge_name(switch))
    return counter.count(cookie, mask)


def edgeplane_flows(switches):
    """Edgeplane's flows on the bridges of switches 1..switches."""
    return sum(flows_on(switch) for switch in range(1, switches + 1))


def desired_flows(switches):
    """The flows the controller's status desires on switches 1..switches; None while one has no status yet."""
    total = 0
    for switch in range(1, switches + 1):
        status, text = rest('GET', '/edgeplane-tenant:status/switch-status=' + switch_id(switch).replace(':', '%3A'))
        if status != 200:
            return None
        total += json.loads(text)['edgeplane-tenant:switch-status'][0].get('desired-flows', 0)
    return total


def wait_until(condition, deadline, what, poll=POLL):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        result = condition()
        if result:
            return result
        time.sleep(poll)
    raise SystemExit(f'bench-southbound: {what} did not happen within {deadline} s')


def ovs_get(*args):
    return subprocess.run(['ovs-vsctl', 'get', *args], capture_output=True, text=True).stdout.strip()


def switches_connected(switches):
    """Every bridge connected to every controller, and one of them its master."""
    for switch in range(1, switches + 1):
        uuids = ovs_get('bridge', bridge_name(switch), 'controller').strip('[]').replace(' ', '').split(',')
        if len(uuids) != len(CONTROLLERS) or any(ovs_get('controller', uuid, 'is_connected') != 'true'
                                                  for uuid in uuids):
            return False
        if 'master' not in [ovs_get('controller', uuid, 'role') for uuid in uuids]:
            return False
    return True


def mac(index):
    return f'02:00:00:{index >> 16 & 0xff:02x}:{index >> 8 & 0xff:02x}:{index & 0xff:02x}'


class Layout:
    """Where the workload's ports go: in blocks, one per switch; the extra ports on switch 1 after its block."""

    def __init__(self, ports, switches, extra):
        self.ports, self.switches, self.extra = ports, switches, extra
        self.per_switch = -(-ports // switches)

    def place(self, index):
        if index >= self.ports:
            return 1, self.per_switch + index - self.ports + 1
        return index // self.per_switch + 1, index % self.per_switch + 1

    def bridge_ports(self, switch):
        count = min(self.per_switch, self.ports - (switch - 1) * self.per_switch)
        return count + (self.extra if switch == 1 else 0)


def port(index, tenants, per_network, layout):
    network = index // per_network
    switch, number = layout.place(index)
    # The network's tenant, as workload() assigns it.
    return {'id': f'p{index}', 'tenant-id': f't{network * tenants // (layout.ports // per_network)}',
            'network-id': f'n{network}', 'switch-id': switch_id(switch), 'switch-port': str(number),
            'mac-address': mac(index), 'ip-address': [f'10.{network // 250}.{network % 250}.{index % per_network + 10}'],
            'edgeplane-firewall:security-group': ['sg']}


def workload(ports, tenants, per_network, layout):
    networks = ports // per_network
    return {'edgeplane-tenant:intent': {
        'tenant': [{'id': f't{t}', 'name': f'tenant {t}'} for t in range(tenants)],
        'network': [{'id': f'n{n}', 'tenant-id': f't{n * tenants // networks}', 'segmentation-type': 'vlan',
                     'segmentation-id': 101 + n} for n in range(networks)],
        'switch': [{'node-id': switch_id(s), 'uplink-port': [str(UPLINK)], 'profile': 'ovs'}
                   for s in range(1, layout.switches + 1)],
        'port': [port(i, tenants, per_network, layout) for i in range(ports)],
        'edgeplane-firewall:security-group': [{'tenant-id': f't{t}', 'name': 'sg', 'rule': [
            {'id': 'members', 'direction': 'ingress', 'ethertype': 'ipv4', 'remote-group': 'sg'},
            {'id': 'ssh', 'direction': 'ingress', 'protocol': 'tcp', 'port-range-min': 22, 'port-range-max': 22},
            {'id': 'http', 'direction': 'ingress', 'protocol': 'tcp', 'port-range-min': 80, 'port-range-max': 80}]}
            for t in range(tenants)]}}


def start_controller(assembly, workdir):
    home = os.path.join(workdir, 'karaf')
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(assembly, home, symlinks=True)
    log = open(os.path.join(workdir, 'karaf-console.log'), 'w')
    process = subprocess.Popen([os.path.join(home, 'bin/karaf'), 'server'], cwd=home, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    probe = {'edgeplane-tenant:network': [{'id': 'readiness-probe', 'tenant-id': 'none',
                                           'segmentation-type': 'vlan', 'segmentation-id': 1}]}
    started = time.monotonic()

    def ready():
        if process.poll() is not None:
            raise SystemExit(f'bench-southbound: Karaf exited, see {home}/data/log')
        status, text = rest('PUT', '/edgeplane-tenant:intent/network=readiness-probe', probe, timeout=10)
        time.sleep(0 if status == 400 else 1)
        return status == 400 and "tenant 'none' does not exist" in text
    wait_until(ready, 600, 'the controller start')
    print(f'controller ready in {time.monotonic() - started:.0f} s', flush=True)
    return process


class Cluster:
    """Members started by scripts/cluster.sh (member K on 127.0.0.K), stopped by it."""

    def __init__(self, root, workdir, members):
        self.script = os.path.join(root, 'scripts/cluster.sh')
        self.env = dict(os.environ, EDGEPLANE_CLUSTER_DIR=os.path.join(workdir, 'cluster'))
        self.members = members

    def run(self, *args):
        subprocess.run(['bash', self.script, *args], env=self.env, check=True)

    def up(self):
        started = time.monotonic()
        self.run('up', '--members', str(self.members))
        print(f'cluster of {self.members} ready in {time.monotonic() - started:.0f} s', flush=True)

    def pids(self):
        pids = []
        for member in range(1, self.members + 1):
            path = os.path.join(self.env['EDGEPLANE_CLUSTER_DIR'], f'member-{member}', 'karaf.pid')
            if os.path.exists(path):
                pids.append(open(path).read().strip())
        return pids

    def leader(self, reader):
        status, text = rest('GET', '/edgeplane-tenant:controller?content=nonconfig', base=member_rest(reader))
        leader = json.loads(text)['edgeplane-tenant:controller'].get('leader', '') if status == 200 else ''
        return int(leader.split('-')[1]) if leader.startswith('member-') else None


def member_rest(member):
    return f'http://127.0.0.{member}:8181/rests/data'


def java_pids(process):
    if isinstance(process, Cluster):
        return process.pids()
    return subprocess.run(['pgrep', '-s', str(process.pid), 'java'], capture_output=True, text=True).stdout.split()


def java_rss_mib(process):
    """The controller's resident memory; on a cluster, its largest member's."""
    children = java_pids(process)
    rss = 0
    for pid in children:
        with open(f'/proc/{pid}/status') as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    rss = max(rss, int(line.split()[1]))
    return rss / 1024


def delete_bridges(switches):
    command = ['ovs-vsctl']
    for switch in range(1, switches + 1):
        command += ['--', '--if-exists', 'del-br', bridge_name(switch)]
    subprocess.run(command, check=False)


def live_heap_mib(process):
    """The controller's heap in use right after a full collection (what the intent really holds), or None."""
    jcmd = shutil.which('jcmd') or os.path.join(os.environ.get('JAVA_HOME', '/usr'), 'bin/jcmd')
    pids = java_pids(process)
    if not pids or not os.path.exists(jcmd):
        return None
    subprocess.run([jcmd, pids[0], 'GC.run'], capture_output=True, text=True)
    info = subprocess.run([jcmd, pids[0], 'GC.heap_info'], capture_output=True, text=True).stdout
    for line in info.splitlines():
        if 'used' in line and 'total' in line:
            return int(line.split('used')[1].split('K')[0].strip()) / 1024
    return None


def create_bridges(layout, port_devices=True):
    """Every bridge with its ports and its controller, in one ovs-vsctl call; without port devices, only uplinks."""
    delete_bridges(layout.switches)
    command = ['ovs-vsctl']
    for switch in range(1, layout.switches + 1):
        bridge = bridge_name(switch)
        command += ['--', 'add-br', bridge, '--', 'set', 'bridge', bridge, 'datapath_type=netdev',
                    'protocols=OpenFlow13', 'fail-mode=secure', f'other-config:datapath-id={switch:016x}']
        numbers = list(range(1, layout.bridge_ports(switch) + 1)) if port_devices else []
        for number in numbers + [UPLINK]:
            name = f'b{switch}p{number}'
            command += ['--', 'add-port', bridge, name, '--', 'set', 'interface', name, 'type=internal',
                        f'ofport_request={number}']
        command += ['--', 'set-controller', bridge, *CONTROLLERS]
    subprocess.run(command, check=True)


def last_round_times():
    """Where the controller says the last round's time went (status/rounds/last-times), or None."""
    status, text = rest('GET', '/edgeplane-tenant:status/rounds')
    if status != 200:
        return None
    return json.loads(text)['edgeplane-tenant:rounds'].get('last-times')


BREAKDOWN = ['rest-to-noticed', 'wait', 'read', 'compile', 'diff', 'send', 'ack', 'ack-to-seen']


# REST return -> the switch acknowledged the round's bundle, on the controller's clock.
COMMIT_STEPS = ('rest-to-noticed', 'wait', 'read', 'compile', 'diff', 'send', 'ack')


def poll_cost(switch, samples=21):
    """The median time one poll of a switch's flow count takes: the measured times include up to one of it."""
    costs = []
    for _ in range(samples):
        started = time.monotonic()
        flows_on(switch)
        costs.append(time.monotonic() - started)
    return percentile(costs, 0.5)


def breakdown(times, returned_epoch, seen_epoch):
    """The bulk install's time by step, in ms: REST return -> change noticed -> ... -> switch ack -> seen by polling."""
    if not times:
        return None
    noticed = int(times['noticed-at'])
    steps = {'rest-to-noticed': noticed - returned_epoch * 1000}
    for key in ('wait', 'read', 'compile', 'diff', 'send', 'ack'):
        steps[key] = int(times.get(f'{key}-ms', 0))
    acked = noticed + sum(steps[key] for key in ('wait', 'read', 'compile', 'diff', 'send', 'ack'))
    steps['ack-to-seen'] = seen_epoch * 1000 - acked
    return steps


def one_run(layout, intent, tenants, per_network):
    switches = layout.switches
    figures = {}
    sent = time.monotonic()
    status, text = rest('PUT', '/edgeplane-tenant:intent', intent)
    returned = time.monotonic()
    returned_epoch = time.time()
    if status not in (200, 201, 204):
        raise SystemExit(f'bench-southbound: PUT of the intent answered {status}: {text[:400]}')
    figures['rest'] = returned - sent
    samples = [(0.0, 0)]
    figures['samples'] = samples

    def first_flow():
        count = edgeplane_flows(switches)
        samples.append((time.monotonic() - returned, count))
        return count > 0
    wait_until(first_flow, 300, 'the first flow')
    figures['first'] = time.monotonic() - returned

    held = {'count': -1, 'since': time.monotonic()}

    def converged():
        # The status is read only when the switches' count stands still: polling must not slow the install.
        count = edgeplane_flows(switches)
        samples.append((time.monotonic() - returned, count))
        steady = count == held['count']
        if not steady:
            held['count'] = count
            held['since'] = time.monotonic()
        desired = desired_flows(switches) if steady else None
        if desired and count != desired and time.monotonic() - held['since'] > STALL:
            raise SystemExit(f'bench-southbound: the switch count stood still at {count} for {STALL} s')
        return desired and desired > 0 and count == desired and desired
    try:
        figures['flows'] = wait_until(converged, 300, 'the bulk install')
        figures['all'] = time.monotonic() - returned
        figures['missing'] = 0
        figures['breakdown'] = breakdown(last_round_times(), returned_epoch, returned_epoch + figures['all'])
        print(f'  bulk: {figures["flows"]} flows on the switches {figures["all"]:.2f} s after the REST request '
              f'returned', flush=True)
    except SystemExit as timeout:
        # Reported, not fatal: a switch that never gets every desired flow is a finding of the benchmark.
        figures['flows'] = desired_flows(switches) or 0
        figures['all'] = float('nan')
        figures['missing'] = figures['flows'] - edgeplane_flows(switches)
        print(f'{timeout}: the switches hold {figures["missing"]} flows fewer than desired', flush=True)
    figures['per_port'] = figures['flows'] / layout.ports
    incremental = []
    port_breakdowns = []
    for index in range(layout.ports, layout.ports + layout.extra):
        before = figures['flows'] if not incremental else last
        body = {'edgeplane-tenant:port': [port(index, tenants, per_network, layout) | {
            'network-id': f'n{index % 10}', 'tenant-id': 't0'}]}
        body['edgeplane-tenant:port'][0]['ip-address'] = [f'10.200.0.{index - layout.ports + 10}']
        status, text = rest('PUT', f'/edgeplane-tenant:intent/port=p{index}', body)
        done = time.monotonic()
        done_epoch = time.time()
        if status not in (200, 201, 204):
            raise SystemExit(f'bench-southbound: PUT of port p{index} answered {status}: {text[:400]}')

        seen = {}

        own_cookie = port_cookie(f'p{index}')

        def port_converged():
            # The extra ports are on switch 1, whose bundle commits in one step: the port's own flows appear at
            # once with every other flow of that round. Polling for its cookie alone asks the switch one cheap
            # lookup (Open vSwitch indexes flows by cookie), not a walk of its 20,000 flows. The time they appear
            # is when the port's flows were on the switch; the status, asked afterwards, confirms that the count
            # reached is all it desires (else the time of the confirmation counts). Flows the bulk install never
            # got stay missing.
            if 'own' not in seen:
                if flows_on(1, own_cookie, ALL_BITS) == 0:
                    return False
                seen['own'] = time.monotonic()
            count = flows_on(1)
            seen.setdefault(count, seen['own'])
            desired = desired_flows(switches)
            return (desired and desired > before and edgeplane_flows(switches) + figures['missing'] == desired
                    and desired)
        try:
            last = wait_until(port_converged, 60, f'port p{index}', poll=0.001)
        except SystemExit as timeout:
            # Reported, not fatal, as for the bulk install.
            print(f'{timeout}', flush=True)
            incremental.append(float('nan'))
            last = desired_flows(switches) or before
            continue
        on_switch = seen.get(flows_on(1))
        incremental.append((on_switch if on_switch is not None else time.monotonic()) - done)
        port_breakdowns.append(breakdown(last_round_times(), done_epoch, done_epoch + incremental[-1]))
    figures['incremental'] = incremental
    figures['port_breakdowns'] = [b for b in port_breakdowns if b]
    sent = time.monotonic()
    status, text = rest('DELETE', '/edgeplane-tenant:intent')
    returned = time.monotonic()
    if status not in (200, 204):
        raise SystemExit(f'bench-southbound: DELETE of the intent answered {status}: {text[:400]}')
    try:
        wait_until(lambda: edgeplane_flows(switches) == 0, 60, 'the delete')
        figures['delete'] = time.monotonic() - returned
    except SystemExit:
        figures['delete'] = float('nan')
    time.sleep(max(0.0, 1 - (time.monotonic() - returned)))
    figures['stale_1s'] = edgeplane_flows(switches)
    time.sleep(max(0.0, 10 - (time.monotonic() - returned)))
    figures['stale_10s'] = edgeplane_flows(switches)
    return figures


def flow_ages(switch):
    """Each Edgeplane flow of a bridge (without its statistics) and its age in seconds."""
    out = subprocess.run(['ovs-ofctl', '-O', 'OpenFlow13', 'dump-flows', bridge_name(switch),
                          f'cookie={EDGEPLANE:#x}/{EDGEPLANE_MASK:#x}'], capture_output=True, text=True).stdout
    ages = {}
    for line in out.splitlines():
        if 'cookie=' in line:
            age = float(line.split('duration=')[1].split('s,')[0])
            key = ', '.join(part for part in line.split(', ') if not part.split('=')[0].strip() in
                            ('duration', 'n_packets', 'n_bytes', 'idle_age', 'hard_age'))
            ages[key] = age
    return ages


def failover(cluster, layout, tenants, per_network, index):
    """SIGKILL of the leader's member: when the new leader ran its first round, when a port added through a survivor
    had its flows on switch 1, and how many flows the takeover rewrote (younger than the time since the kill)."""
    leader = wait_until(lambda: cluster.leader(2), 60, 'a leader')
    survivor = next(member for member in range(1, cluster.members + 1) if member != leader)
    rounds_before = rest('GET', '/edgeplane-tenant:status/rounds', base=member_rest(survivor))[1]
    ages_before = {switch: flow_ages(switch) for switch in range(1, layout.switches + 1)}
    body = {'edgeplane-tenant:port': [port(index, tenants, per_network, layout) | {
        'network-id': 'n0', 'tenant-id': 't0'}]}
    path = f'/edgeplane-tenant:intent/port=p{index}'
    killed = time.monotonic()
    cluster.run('kill', str(leader))

    def new_leaders_round():
        status, text = rest('GET', '/edgeplane-tenant:status/rounds', base=member_rest(survivor), timeout=10)
        return status == 200 and text != rounds_before and 'leader' in text and cluster.leader(survivor) != leader
    wait_until(new_leaders_round, 180, 'the new leader\'s first round', poll=0.05)
    takeover = time.monotonic() - killed
    wait_until(lambda: rest('PUT', path, body, timeout=30, base=member_rest(survivor))[0] in (200, 201, 204), 180,
               f'a write through member {survivor}')
    own_cookie = port_cookie(f'p{index}')
    wait_until(lambda: flows_on(1, own_cookie, ALL_BITS) > 0, 180, f'port p{index} after the failover', poll=0.005)
    converged = time.monotonic() - killed
    # A flow of the intent that is younger than the time since the kill was removed and added again.
    elapsed = time.monotonic() - killed
    rewritten = sum(1 for switch, ages in ages_before.items() for flow, age in flow_ages(switch).items()
                    if flow in ages and age < ages[flow] + elapsed - 1)
    print(f'failover: member {leader} killed; member {cluster.leader(survivor)} ran its first round after '
          f'{takeover:.2f} s (flows rewritten: {rewritten}); a new port through member {survivor} had its flows '
          f'after {converged:.2f} s', flush=True)
    cluster.run('start', str(leader))
    rest('DELETE', path, base=member_rest(survivor))
    wait_until(lambda: flows_on(1, own_cookie, ALL_BITS) == 0, 120, f'port p{index} deleted')
    return {'takeover': takeover, 'converged': converged, 'rewritten': rewritten}


def plot(runs, workdir, title):
    """Flows on the switches over time in each measured bulk run, and the one-port latencies, as one PNG."""
    for number, figures in enumerate(runs, 1):
        with open(os.path.join(workdir, f'bulk-run{number}.dat'), 'w') as data:
            data.writelines(f'{t:.3f} {count}\n' for t, count in figures['samples'])
    latencies = sorted(1000 * value for figures in runs for value in figures['incremental'])
    with open(os.path.join(workdir, 'one-port.dat'), 'w') as data:
        data.writelines(f'{ms:.1f} {(i + 1) / len(latencies):.3f}\n' for i, ms in enumerate(latencies))
    image = os.path.join(workdir, 'southbound.png')
    bulk = ', '.join(f"'{workdir}/bulk-run{n}.dat' using 1:2 with steps title 'run {n}'"
                     for n in range(1, len(runs) + 1))
    script = f"""set terminal png size 1200,500
set output '{image}'
set multiplot layout 1,2 title '{title}'
set title 'bulk install: Edgeplane flows on the switches'
set xlabel 's after the REST request returned'
set ylabel 'flows'
set key bottom right
plot {bulk}
set title 'one more port: REST returns -> all its flows on the switch'
set xlabel 'ms'
set ylabel 'fraction of ports'
set yrange [0:1]
plot '{workdir}/one-port.dat' using 1:2 with steps title 'cumulative'
unset multiplot
"""
    if shutil.which('gnuplot') is None:
        print('gnuplot is not installed (apt-get install gnuplot-nox): no plot', flush=True)
        return
    subprocess.run(['gnuplot'], input=script, text=True, check=True)
    print(f'plot: {image}', flush=True)


def spread(values, unit='s', scale=1.0, digits=2):
    values = [v * scale for v in values if v == v] or [float('nan')]
    return (f'{statistics.median(values):.{digits}f} {unit} ({min(values):.{digits}f}-{max(values):.{digits}f})')


def percentile(values, fraction):
    ordered = sorted(v for v in values if v == v) or [float('nan')]
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def breakdown_table(what, breakdowns):
    """Where the time of these rounds went, step by step: medians and ranges in ms."""
    if not breakdowns:
        return
    print()
    print(f'| {what}, step | ms, median (range) |')
    print('|---|---|')
    for key in BREAKDOWN:
        print(f'| {key} | {spread([b[key] for b in breakdowns], "", 1.0, 0)} |')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--runs', type=int, default=3, help='measured runs after the warm-up (default 3)')
    parser.add_argument('--ports', type=int, default=1000)
    parser.add_argument('--switches', type=int, default=1, help='bridges the ports are spread over (default 1)')
    parser.add_argument('--extra', type=int, default=10, help='ports added one at a time per run')
    parser.add_argument('--workdir', default='/tmp/edgeplane-bench-southbound')
    parser.add_argument('--cluster', type=int, default=0, metavar='N',
                        help='run the controller as a cluster of N members (scripts/cluster.sh), the bridges '
                             'connected to all of them, the REST requests sent to member 2')
    parser.add_argument('--failovers', type=int, default=3,
                        help='with --cluster: times the leader\'s member is SIGKILLed once the intent is installed, '
                             'each followed by a port added through a survivor (default 3)')
    parser.add_argument('--no-port-devices', action='store_true',
                        help='create only the uplinks: ports are bound by OpenFlow number, which needs no device, and '
                             'Open vSwitch takes flows for ports it does not have (10,000 tap devices take it '
                             'minutes to create and delete on the userspace datapath)')
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    assembly = os.path.join(root, 'karaf-distribution/target/assembly')
    if not os.path.exists(os.path.join(assembly, 'bin/karaf')):
        raise SystemExit('bench-southbound: build first (mvn -B clean install -DskipTests)')
    os.makedirs(args.workdir, exist_ok=True)
    subprocess.run([os.path.join(root, 'scripts/start-ovs.sh')], check=True)
    # The shape at any size: networks of 10 ports, tenants of 100.
    tenants, per_network = max(1, args.ports // 100), 10
    layout = Layout(args.ports, args.switches, args.extra)
    intent = workload(args.ports, tenants, per_network, layout)
    global REST, CONTROLLERS
    if args.cluster:
        REST = member_rest(2)
        CONTROLLERS = [f'tcp:127.0.0.{member}:6653' for member in range(1, args.cluster + 1)]
        controller = Cluster(root, args.workdir, args.cluster)
        controller.up()
    else:
        controller = start_controller(assembly, args.workdir)
    try:
        create_bridges(layout, not args.no_port_devices)
        wait_until(lambda: switches_connected(args.switches), 120, 'the switches connecting')
        runs = []
        for run in range(args.runs + 1):
            figures = one_run(layout, intent, tenants, per_network)
            label = 'warm-up' if run == 0 else f'run {run}'
            print(f'{label}: missing {figures["missing"]}; REST {figures["rest"]:.2f} s, first flow {figures["first"]:.2f} s, all '
                  f'{figures["flows"]} flows {figures["all"]:.2f} s; one port p50 '
                  f'{1000 * percentile(figures["incremental"], 0.5):.0f} ms; delete {figures["delete"]:.2f} s, '
                  f'stale after 1 s {figures["stale_1s"]}, after 10 s {figures["stale_10s"]}', flush=True)
            if figures.get('breakdown'):
                print('  bulk round, ms: ' + ', '.join(f'{key} {figures["breakdown"][key]:.0f}'
                                                       for key in BREAKDOWN), flush=True)
            if run > 0:
                runs.append(figures)
            if run == 0:
                rss = java_rss_mib(controller)
        rss_end = java_rss_mib(controller)
        # With the intent in place once more, for what it holds per port.
        rest('PUT', '/edgeplane-tenant:intent', intent)
        wait_until(lambda: (desired_flows(args.switches) or 0) > 0
                   and edgeplane_flows(args.switches) == desired_flows(args.switches), 300, 'the last install')
        live = live_heap_mib(controller)
        rss_live = java_rss_mib(controller)
        incremental = [value for figures in runs for value in figures['incremental']]
        where = f'{args.ports} ports on {args.switches} switch{"es" if args.switches > 1 else ""}'
        print()
        print(f'| metric ({where}, medians of {args.runs} runs after a warm-up, ranges) | figure |')
        print('|---|---|')
        print(f'| REST request returns | {spread([f["rest"] for f in runs])} |')
        print(f'| REST returns -> first flow on the switch | {spread([f["first"] for f in runs])} |')
        print(f'| REST returns -> all flows on the switch | {spread([f["all"] for f in runs])} |')
        print(f'| flows, flows per port | {runs[0]["flows"]}, {runs[0]["per_port"]:.1f} |')
        print(f'| one more port -> all its flows, p50 / p90 ({len(incremental)} ports) | '
              f'{1000 * percentile(incremental, 0.5):.0f} / {1000 * percentile(incremental, 0.9):.0f} ms |')
        committed = [sum(b[key] for key in COMMIT_STEPS) / 1000 for f in runs for b in f['port_breakdowns']]
        if committed:
            print(f'| one more port -> its bundle acknowledged by the switch (controller clock), p50 / p90 | '
                  f'{1000 * percentile(committed, 0.5):.0f} / {1000 * percentile(committed, 0.9):.0f} ms |')
        print(f'| one poll of a switch\'s flow count (part of the measured times), median | '
              f'{1000 * poll_cost(1):.2f} ms |')
        print(f'| DELETE of the whole intent -> no Edgeplane flow | {spread([f["delete"] for f in runs])} |')
        print(f'| desired flows never on the switch (max over runs) | '
              f'{max(f["missing"] for f in runs)} |')
        print(f'| stale flows 1 s / 10 s after the DELETE (max over runs) | '
              f'{max(f["stale_1s"] for f in runs)} / {max(f["stale_10s"] for f in runs)} |')
        print(f'| controller resident memory after the warm-up run / after the last run | {rss:.0f} / '
              f'{rss_end:.0f} MiB |')
        if live is not None:
            print(f'| with the intent installed: heap in use after a full GC, resident memory | {live:.0f} MiB '
                  f'({1024 * live / args.ports:.0f} KiB per port), {rss_live:.0f} MiB |')
        if args.cluster:
            failovers = [failover(controller, layout, tenants, per_network, layout.ports + layout.extra + attempt)
                         for attempt in range(args.failovers)]
            if failovers:
                print(f'| SIGKILL of the leader\'s member -> the new leader\'s first round, median (range) | '
                      f'{spread([f["takeover"] for f in failovers])} |')
                print(f'| SIGKILL of the leader\'s member -> a port added through a survivor has its flows, median '
                      f'(range) | {spread([f["converged"] for f in failovers])} |')
                print(f'| flows rewritten on the switches by the takeovers (max) | '
                      f'{max(f["rewritten"] for f in failovers)} |')
        breakdown_table('bulk round', [f['breakdown'] for f in runs if f.get('breakdown')])
        breakdown_table('one-port round', [b for f in runs for b in f['port_breakdowns']])
        print()
        plot(runs, args.workdir, f'Edgeplane southbound, {where}')
    finally:
        delete_bridges(args.switches)
        if isinstance(controller, Cluster):
            controller.run('down')
        else:
            os.killpg(controller.pid, signal.SIGTERM)
            try:
                controller.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(controller.pid, signal.SIGKILL)


if __name__ == '__main__':
    sys.exit(main())
