/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.compiler;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.edgeplane.core.endpoint.SwitchProfile;
import org.edgeplane.firewall.compiler.FirewallCompiler.LabelledRule;

/**
 * Which rule lists each network on each switch uses (its ports' group rules, its tenant's policy), counted per
 * switch profile: a list is resolved for the profiles that use it, and forgotten once nothing uses it. Rule lists
 * are shared instances, so identity tells them apart.
 */
final class ListUses {
    private record Used(SwitchProfile profile, List<List<LabelledRule>> lists) {
    }

    private final Map<List<LabelledRule>, int[]> counts = new IdentityHashMap<>();
    private final Map<String, Map<String, Used>> bySwitch = new HashMap<>();
    /** Lists used since the last {@link #takeNew}, with the profiles they are used on. */
    private Map<List<LabelledRule>, Set<SwitchProfile>> added = new IdentityHashMap<>();

    /**
     * Records the lists a network on a switch uses now (none: it has no governed port there any more); a list that
     * nothing uses any more goes to {@code forgotten}.
     */
    void use(final String switchId, final String networkId, final SwitchProfile profile,
            final List<List<LabelledRule>> lists, final Consumer<List<LabelledRule>> forgotten) {
        final Map<String, Used> networks = bySwitch.computeIfAbsent(switchId, key -> new HashMap<>());
        // The new lists are counted before the old ones are released, so a list used by both is never forgotten.
        for (List<LabelledRule> list : lists) {
            counts.computeIfAbsent(list, key -> new int[SwitchProfile.values().length])[profile.ordinal()]++;
            added.computeIfAbsent(list, key -> EnumSet.noneOf(SwitchProfile.class)).add(profile);
        }
        final Used before = lists.isEmpty() ? networks.remove(networkId)
            : networks.put(networkId, new Used(profile, lists));
        if (networks.isEmpty()) {
            bySwitch.remove(switchId);
        }
        if (before != null) {
            for (List<LabelledRule> list : before.lists()) {
                final int[] uses = counts.get(list);
                uses[before.profile().ordinal()]--;
                if (isUnused(uses)) {
                    counts.remove(list);
                    added.remove(list);
                    forgotten.accept(list);
                }
            }
        }
    }

    /** Releases every list a switch's networks use: the switch is gone or compiles afresh. */
    void dropSwitch(final String switchId, final Consumer<List<LabelledRule>> forgotten) {
        for (String networkId : List.copyOf(bySwitch.getOrDefault(switchId, Map.of()).keySet())) {
            use(switchId, networkId, SwitchProfile.OVS, List.of(), forgotten);
        }
    }

    /** The lists used since the last call, with their profiles: those to resolve if not resolved yet. */
    Map<List<LabelledRule>, Set<SwitchProfile>> takeNew() {
        final Map<List<LabelledRule>, Set<SwitchProfile>> taken = added;
        added = new IdentityHashMap<>();
        return taken;
    }

    private static boolean isUnused(final int[] uses) {
        for (int count : uses) {
            if (count != 0) {
                return false;
            }
        }
        return true;
    }
}
