/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.validation;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.edgeplane.isolation.intent.AddressPair;
import org.edgeplane.isolation.intent.Addresses;
import org.edgeplane.isolation.intent.Intent;
import org.edgeplane.isolation.intent.Network;
import org.edgeplane.isolation.intent.Port;
import org.edgeplane.isolation.intent.SwitchConfig;
import org.edgeplane.isolation.validation.Violation.Kind;

/**
 * Decides whether a transaction may commit: checks the whole state after it, and reports the violations that
 * involve an entry the transaction changed. Pure; the commit cohort adapts it to the datastore.
 */
public final class IntentValidator {
    private static final Pattern NODE_ID = Pattern.compile("openflow:[1-9][0-9]{0,19}");
    private static final Pattern PORT_NUMBER = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern PORT_NAME = Pattern.compile("[^\\s/]{1,64}");
    /** OpenFlow 1.3 physical and logical ports end below OFPP_MAX; the egress metadata field holds 16 bits. */
    private static final long MAX_PORT_NUMBER = 0xFF00;

    private IntentValidator() {
    }

    /**
     * The violations a transaction from {@code before} to {@code after} would introduce, in a stable order.
     */
    public static List<Violation> validate(final Intent before, final Intent after) {
        final var all = new ArrayList<Violation>();
        checkDeletions(before, after, all);
        after.networks().values().forEach(network -> checkNetwork(network, after, all));
        after.ports().values().forEach(port -> checkPort(port, after, all));
        after.switches().values().forEach(config -> checkSwitch(config, all));
        checkNetworkUniqueness(after, all);
        checkPortUniqueness(after, all);
        final Set<String> changed = changedKeys(before, after);
        return all.stream().filter(violation -> violation.involved().stream().anyMatch(changed::contains))
            .toList();
    }

    private static void checkDeletions(final Intent before, final Intent after, final List<Violation> out) {
        for (String tenantId : before.tenants().keySet()) {
            if (after.tenants().containsKey(tenantId)) {
                continue;
            }
            final var users = new ArrayList<String>();
            after.networks().values().stream().filter(n -> tenantId.equals(n.tenantId()))
                .forEach(n -> users.add("network " + n.id()));
            after.ports().values().stream().filter(p -> tenantId.equals(p.tenantId()))
                .forEach(p -> users.add("port " + p.id()));
            if (!users.isEmpty()) {
                out.add(new Violation("tenant[" + tenantId + "]", "cannot be deleted while it has " + users,
                    Kind.CONFLICT, Set.of(key("tenant", tenantId))));
            }
        }
        for (String networkId : before.networks().keySet()) {
            if (after.networks().containsKey(networkId)) {
                continue;
            }
            final var ports = after.ports().values().stream().filter(p -> networkId.equals(p.networkId()))
                .map(Port::id).toList();
            if (!ports.isEmpty()) {
                out.add(new Violation("network[" + networkId + "]", "cannot be deleted while it has ports " + ports,
                    Kind.CONFLICT, Set.of(key("network", networkId))));
            }
        }
    }

    private static void checkTenantReference(final String path, final String tenantId, final Intent after,
            final Set<String> involved, final List<Violation> out) {
        if (tenantId == null) {
            out.add(new Violation(path + "tenant-id", "is required", Kind.INVALID, involved));
        } else if (!after.tenants().containsKey(tenantId)) {
            out.add(new Violation(path + "tenant-id", "tenant '" + tenantId + "' does not exist", Kind.INVALID,
                involved));
        }
    }

    private static void checkNetwork(final Network network, final Intent after, final List<Violation> out) {
        final String path = "network[" + network.id() + "]/";
        final Set<String> involved = Set.of(key("network", network.id()));
        checkTenantReference(path, network.tenantId(), after, involved, out);
        if (network.segmentationType() == null) {
            out.add(new Violation(path + "segmentation-type", "is required (vlan or vxlan)", Kind.INVALID,
                involved));
        }
        if (network.segmentationId() == null) {
            out.add(new Violation(path + "segmentation-id", "is required", Kind.INVALID, involved));
        } else if (network.segmentationType() != null) {
            final long id = network.segmentationId();
            final var type = network.segmentationType();
            if (id < type.minId() || id > type.maxId()) {
                out.add(new Violation(path + "segmentation-id", type.yangName() + " id " + id
                    + " is out of range " + type.minId() + ".." + type.maxId(), Kind.INVALID, involved));
            }
        }
    }

    private static void checkNetworkUniqueness(final Intent after, final List<Violation> out) {
        final var bySegment = new TreeMap<String, List<String>>();
        for (Network network : after.networks().values()) {
            if (network.segmentationType() != null && network.segmentationId() != null) {
                bySegment.computeIfAbsent(network.segmentationType().yangName() + " " + network.segmentationId(),
                    key -> new ArrayList<>()).add(network.id());
            }
        }
        reportShared(bySegment, "network", "segmentation-id", "network", Kind.CONFLICT, out);
    }

    /**
     * For every value held by more than one entry, a violation on each holder naming the others. Each is reported
     * only when its own entry changed, so the entry a transaction adds or edits is the one blamed.
     */
    private static void reportShared(final Map<String, List<String>> holders, final String kind, final String field,
            final String holderNoun, final Kind violationKind, final List<Violation> out) {
        holders.forEach((value, ids) -> {
            if (ids.size() < 2) {
                return;
            }
            for (String id : ids) {
                final var others = ids.stream().filter(other -> !other.equals(id)).map(other -> "'" + other + "'")
                    .collect(Collectors.joining(", "));
                out.add(new Violation(kind + "[" + id + "]/" + field, value + " is already used by " + holderNoun
                    + " " + others, violationKind, Set.of(key(kind, id))));
            }
        });
    }

    private static void checkPort(final Port port, final Intent after, final List<Violation> out) {
        final String path = "port[" + port.id() + "]/";
        final Set<String> involved = Set.of(key("port", port.id()));
        checkTenantReference(path, port.tenantId(), after, involved, out);
        final Network network = port.networkId() == null ? null : after.networks().get(port.networkId());
        if (port.networkId() == null) {
            out.add(new Violation(path + "network-id", "is required", Kind.INVALID, involved));
        } else if (network == null) {
            out.add(new Violation(path + "network-id", "network '" + port.networkId() + "' does not exist",
                Kind.INVALID, Set.of(key("port", port.id()), key("network", port.networkId()))));
        } else if (after.tenants().containsKey(port.tenantId()) && !port.tenantId().equals(network.tenantId())) {
            out.add(new Violation(path + "network-id", "network '" + network.id() + "' belongs to tenant '"
                + network.tenantId() + "', not '" + port.tenantId() + "'", Kind.INVALID,
                Set.of(key("port", port.id()), key("network", network.id()))));
        }
        if (port.switchId() == null) {
            out.add(new Violation(path + "switch-id", "is required", Kind.INVALID, involved));
        } else if (!NODE_ID.matcher(port.switchId()).matches()) {
            out.add(new Violation(path + "switch-id", "'" + port.switchId()
                + "' is not an OpenFlow node id such as openflow:1", Kind.INVALID, involved));
        }
        checkSwitchPort(path + "switch-port", port.switchPort(), involved, out);
        if (port.macAddress() == null) {
            out.add(new Violation(path + "mac-address", "is required", Kind.INVALID, involved));
        } else if (Addresses.unicastMac(port.macAddress()).isEmpty()) {
            out.add(new Violation(path + "mac-address", "'" + port.macAddress()
                + "' is not a unicast MAC address such as 02:00:00:00:00:01", Kind.INVALID, involved));
        }
        for (String ip : port.ipAddresses()) {
            if (Addresses.ipLiteral(ip).isEmpty()) {
                out.add(new Violation(path + "ip-address", "'" + ip
                    + "' is not an IPv4 or IPv6 address (without prefix length)", Kind.INVALID, involved));
            }
        }
        for (AddressPair pair : port.allowedAddressPairs()) {
            final String pairPath = path + "allowed-address-pair[" + pair.ipPrefix() + "]/";
            if (Addresses.ipPrefix(pair.ipPrefix()).isEmpty()) {
                out.add(new Violation(pairPath + "ip-prefix", "'" + pair.ipPrefix()
                    + "' is not an IP address or prefix with zero host bits, such as 10.0.0.0/24", Kind.INVALID,
                    involved));
            }
            if (pair.macAddress() != null && Addresses.unicastMac(pair.macAddress()).isEmpty()) {
                out.add(new Violation(pairPath + "mac-address", "'" + pair.macAddress()
                    + "' is not a unicast MAC address", Kind.INVALID, involved));
            }
        }
    }

    private static void checkSwitchPort(final String path, final String ref, final Set<String> involved,
            final List<Violation> out) {
        if (ref == null) {
            out.add(new Violation(path, "is required", Kind.INVALID, involved));
        } else if (ref.chars().allMatch(Character::isDigit) && !ref.isEmpty()) {
            if (!PORT_NUMBER.matcher(ref).matches() || Long.parseLong(ref) >= MAX_PORT_NUMBER) {
                out.add(new Violation(path, "OpenFlow port number " + ref + " is out of range 1.."
                    + (MAX_PORT_NUMBER - 1), Kind.INVALID, involved));
            }
        } else if (!PORT_NAME.matcher(ref).matches()) {
            out.add(new Violation(path, "'" + ref + "' is neither a port number nor a port name", Kind.INVALID,
                involved));
        }
    }

    private static void checkSwitch(final SwitchConfig config, final List<Violation> out) {
        final String path = "switch[" + config.nodeId() + "]";
        final Set<String> involved = Set.of(key("switch", config.nodeId()));
        if (!NODE_ID.matcher(config.nodeId()).matches()) {
            out.add(new Violation(path + "/node-id", "'" + config.nodeId()
                + "' is not an OpenFlow node id such as openflow:1", Kind.INVALID, involved));
        }
        config.uplinkPorts().forEach(ref -> checkSwitchPort(path + "/uplink-port", ref, involved, out));
        if (config.tunnelIp() != null
                && Addresses.ipLiteral(config.tunnelIp()).filter(Addresses::isIpv4).isEmpty()) {
            out.add(new Violation(path + "/tunnel-ip", "'" + config.tunnelIp() + "' is not an IPv4 address",
                Kind.INVALID, involved));
        }
        if (config.tunnelPort() != null) {
            checkSwitchPort(path + "/tunnel-port", config.tunnelPort(), involved, out);
            if (config.uplinkPorts().contains(config.tunnelPort())) {
                out.add(new Violation(path + "/tunnel-port", "'" + config.tunnelPort() + "' is also an uplink port",
                    Kind.CONFLICT, involved));
            }
        }
    }

    private static void checkPortUniqueness(final Intent after, final List<Violation> out) {
        final var macs = new TreeMap<String, List<String>>();
        final var ips = new TreeMap<String, List<String>>();
        final var locations = new TreeMap<String, List<String>>();
        for (Port port : after.ports().values()) {
            final Optional<String> mac = Addresses.unicastMac(port.macAddress());
            if (port.networkId() != null && mac.isPresent()) {
                macs.computeIfAbsent(mac.orElseThrow() + " in network '" + port.networkId() + "'",
                    key -> new ArrayList<>()).add(port.id());
            }
            for (String text : port.ipAddresses()) {
                final Optional<InetAddress> ip = Addresses.ipLiteral(text);
                if (port.networkId() != null && ip.isPresent()) {
                    ips.computeIfAbsent(Addresses.canonical(ip.orElseThrow()) + " in network '" + port.networkId()
                        + "'", key -> new ArrayList<>()).add(port.id());
                }
            }
            if (port.switchId() != null && port.switchPort() != null) {
                locations.computeIfAbsent(port.switchId() + " port " + port.switchPort(), key -> new ArrayList<>())
                    .add(port.id());
                final SwitchConfig config = after.switches().get(port.switchId());
                if (config != null && (config.uplinkPorts().contains(port.switchPort())
                        || port.switchPort().equals(config.tunnelPort()))) {
                    out.add(new Violation("port[" + port.id() + "]/switch-port", port.switchId() + " port "
                        + port.switchPort() + " is an uplink or tunnel port of the switch", Kind.CONFLICT,
                        Set.of(key("port", port.id()), key("switch", port.switchId()))));
                }
            }
        }
        reportShared(macs, "port", "mac-address", "port", Kind.CONFLICT, out);
        reportShared(ips, "port", "ip-address", "port", Kind.CONFLICT, out);
        reportShared(locations, "port", "switch-port", "port", Kind.CONFLICT, out);
    }

    private static Set<String> changedKeys(final Intent before, final Intent after) {
        final var changed = new java.util.HashSet<String>();
        diffKeys("tenant", before.tenants(), after.tenants(), changed);
        diffKeys("network", before.networks(), after.networks(), changed);
        diffKeys("port", before.ports(), after.ports(), changed);
        diffKeys("switch", before.switches(), after.switches(), changed);
        return changed;
    }

    private static <T> void diffKeys(final String kind, final SortedMap<String, T> before,
            final SortedMap<String, T> after, final Set<String> changed) {
        final var ids = new java.util.TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        ids.stream().filter(id -> !Objects.equals(before.get(id), after.get(id)))
            .map(id -> key(kind, id)).forEach(changed::add);
    }

    private static String key(final String kind, final String id) {
        return kind + ":" + id;
    }

    /** All violations as one message, for a protocol error. */
    public static String describe(final List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
