/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.validation;

import static org.edgeplane.core.validation.Violation.key;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.edgeplane.core.endpoint.Addresses;
import org.edgeplane.core.endpoint.Intent;
import org.edgeplane.core.endpoint.Network;
import org.edgeplane.core.endpoint.Port;
import org.edgeplane.core.endpoint.PortNames;
import org.edgeplane.core.endpoint.SwitchConfig;
import org.edgeplane.core.endpoint.SwitchPorts;
import org.edgeplane.core.endpoint.Tenant;
import org.edgeplane.core.validation.Limits;
import org.edgeplane.core.validation.Violation;

/**
 * Decides whether a transaction may commit: checks the whole state after it, and reports the violations that
 * involve an entry the transaction changed. Pure; the commit cohort adapts it to the datastore.
 *
 * <p>The order of checks is fixed, so the same request always gets the same first violation (and HTTP status):
 * deletions of entries still in use, then each tenant, network, port and switch by itself (in id order), then the
 * conflicts between entries (switch ports by identity, addresses).
 */
public final class IntentValidator {

    private IntentValidator() {
    }

    /** The violations, with port names unresolved (no switch connected). */
    public static List<Violation> validate(final Intent before, final Intent after) {
        return validate(before, after, PortNames.NONE);
    }

    /**
     * The violations a transaction from {@code before} to {@code after} would introduce, in a stable order.
     *
     * @param names the port names connected switches report, so that a port named and a port numbered are compared
     *        as the one switch port they are
     */
    public static List<Violation> validate(final Intent before, final Intent after, final PortNames names) {
        final var all = new ArrayList<Violation>();
        checkDeletions(before, after, all);
        after.tenants().values().forEach(tenant -> checkTenant(tenant, all));
        after.networks().values().forEach(network -> checkNetwork(network, after, all));
        after.ports().values().forEach(port -> PortChecks.check(port, after, names, all));
        after.switches().values().forEach(config -> checkSwitch(config, names, all));
        checkNetworkUniqueness(after, all);
        IdentityConflicts.check(after, names, all);
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
                out.add(Violation.conflict("tenant[" + tenantId + "]", "cannot be deleted while it has " + users,
                    Set.of(key("tenant", tenantId))));
            }
        }
        for (String networkId : before.networks().keySet()) {
            if (after.networks().containsKey(networkId)) {
                continue;
            }
            final var ports = after.ports().values().stream().filter(p -> networkId.equals(p.networkId()))
                .map(Port::id).toList();
            if (!ports.isEmpty()) {
                out.add(Violation.conflict("network[" + networkId + "]", "cannot be deleted while it has ports "
                    + ports, Set.of(key("network", networkId))));
            }
        }
    }

    private static void checkTenant(final Tenant tenant, final List<Violation> out) {
        Limits.checkLength("tenant[" + tenant.id() + "]/name", tenant.name(), Limits.MAX_TEXT_LENGTH,
            Set.of(key("tenant", tenant.id())), out);
    }

    /** A reference to a tenant: required, bounded and existing. */
    static void checkTenantReference(final String path, final String tenantId, final Intent after,
            final Set<String> involved, final List<Violation> out) {
        if (tenantId == null) {
            out.add(Violation.invalid(path + "tenant-id", "is required", involved));
        } else if (tenantId.length() > Limits.MAX_ID_LENGTH) {
            Limits.checkLength(path + "tenant-id", tenantId, Limits.MAX_ID_LENGTH, involved, out);
        } else if (!after.tenants().containsKey(tenantId)) {
            out.add(Violation.invalid(path + "tenant-id", "tenant '" + tenantId + "' does not exist", involved));
        }
    }

    private static void checkNetwork(final Network network, final Intent after, final List<Violation> out) {
        final String path = "network[" + network.id() + "]/";
        final Set<String> involved = Set.of(key("network", network.id()));
        checkTenantReference(path, network.tenantId(), after, involved, out);
        if (network.segmentationType() == null) {
            out.add(Violation.invalid(path + "segmentation-type", "is required (vlan or vxlan)", involved));
        }
        if (network.segmentationId() == null) {
            out.add(Violation.invalid(path + "segmentation-id", "is required", involved));
        } else if (network.segmentationType() != null) {
            final long id = network.segmentationId();
            final var type = network.segmentationType();
            if (id < type.minId() || id > type.maxId()) {
                out.add(Violation.invalid(path + "segmentation-id", type.yangName() + " id " + id
                    + " is out of range " + type.minId() + ".." + type.maxId(), involved));
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
        reportShared(bySegment, "network", "segmentation-id", out);
    }

    /**
     * For every value held by more than one entry, a violation on each holder naming the others. Each is reported
     * only when its own entry changed, so the entry a transaction adds or edits is the one blamed.
     */
    static void reportShared(final Map<String, List<String>> holders, final String kind, final String field,
            final List<Violation> out) {
        holders.forEach((value, ids) -> {
            if (ids.size() < 2) {
                return;
            }
            for (String id : ids) {
                final var others = ids.stream().filter(other -> !other.equals(id)).map(other -> "'" + other + "'")
                    .collect(Collectors.joining(", "));
                out.add(Violation.conflict(kind + "[" + id + "]/" + field, value + " is already used by " + kind
                    + " " + others, Set.of(key(kind, id))));
            }
        });
    }

    /** Checks a reference to a switch port: well formed, and not a reserved port once the switch resolves it. */
    static void checkSwitchPort(final String path, final String nodeId, final String ref, final PortNames names,
            final Set<String> involved, final List<Violation> out) {
        if (ref == null) {
            out.add(Violation.invalid(path, "is required", involved));
            return;
        }
        final var problem = SwitchPorts.referenceProblem(ref);
        if (problem.isPresent()) {
            out.add(Violation.invalid(path, problem.orElseThrow(), involved));
            return;
        }
        if (nodeId != null) {
            SwitchPorts.resolve(ref, names.numbersByName(nodeId)).stream()
                .mapToObj(SwitchPorts::numberProblem).flatMap(java.util.Optional::stream)
                .forEach(reason -> out.add(Violation.invalid(path, "'" + ref + "' on " + nodeId + " " + reason,
                    involved)));
        }
    }

    private static void checkSwitch(final SwitchConfig config, final PortNames names, final List<Violation> out) {
        final String path = "switch[" + config.nodeId() + "]";
        final Set<String> involved = Set.of(key("switch", config.nodeId()));
        SwitchPorts.nodeIdProblem(config.nodeId())
            .ifPresent(reason -> out.add(Violation.invalid(path + "/node-id", reason, involved)));
        Limits.checkSize(path + "/uplink-port", config.uplinkPorts(), Limits.MAX_UPLINKS_PER_SWITCH, involved, out);
        if (config.uplinkPorts().size() > Limits.MAX_UPLINKS_PER_SWITCH) {
            return;
        }
        config.uplinkPorts().forEach(ref -> checkSwitchPort(path + "/uplink-port", config.nodeId(), ref, names,
            involved, out));
        if (config.tunnelIp() != null
                && Addresses.ipLiteral(config.tunnelIp()).filter(Addresses::isIpv4).isEmpty()) {
            out.add(Violation.invalid(path + "/tunnel-ip", "'" + SwitchPorts.printable(config.tunnelIp())
                + "' is not an IPv4 address", involved));
        }
        if (config.tunnelPort() != null) {
            checkSwitchPort(path + "/tunnel-port", config.nodeId(), config.tunnelPort(), names, involved, out);
        }
    }

    private static Set<String> changedKeys(final Intent before, final Intent after) {
        final var changed = new HashSet<String>();
        diffKeys("tenant", before.tenants(), after.tenants(), changed);
        diffKeys("network", before.networks(), after.networks(), changed);
        diffKeys("port", before.ports(), after.ports(), changed);
        diffKeys("switch", before.switches(), after.switches(), changed);
        return changed;
    }

    private static <T> void diffKeys(final String kind, final SortedMap<String, T> before,
            final SortedMap<String, T> after, final Set<String> changed) {
        final var ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        ids.stream().filter(id -> !Objects.equals(before.get(id), after.get(id)))
            .map(id -> key(kind, id)).forEach(changed::add);
    }
}
