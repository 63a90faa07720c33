/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * What a reconciler believes one kind of switch object keyed by a number (meters, groups) is installed, per switch.
 * An object whose content was forgotten is always rewritten while desired.
 *
 * @param <T> the object record; equal records are the same object on the switch
 */
final class InstalledObjects<T> {
    private final Map<String, Map<Long, Optional<T>>> bySwitch = new HashMap<>();
    private final ToLongFunction<T> idOf;

    InstalledObjects(final ToLongFunction<T> idOf) {
        this.idOf = idOf;
    }

    Set<String> switches() {
        return bySwitch.keySet();
    }

    boolean holds(final String switchId, final long id) {
        return bySwitch.getOrDefault(switchId, Map.of()).containsKey(id);
    }

    /** Forgets every switch: nothing is believed installed. */
    void clear() {
        bySwitch.clear();
    }

    /** Forgets one switch's objects. */
    void clear(final String switchId) {
        bySwitch.remove(switchId);
    }

    /** Keeps the ids but forgets the content, so every desired object of the switch is rewritten. */
    void forget(final String switchId) {
        final var known = bySwitch.get(switchId);
        if (known != null) {
            known.replaceAll((id, object) -> Optional.empty());
        }
    }

    /** The switch holds an object with this id whose content is not known: a desired one is rewritten. */
    void holdUnknown(final String switchId, final long id) {
        bySwitch.computeIfAbsent(switchId, key -> new HashMap<>()).put(id, Optional.empty());
    }

    /** The objects a switch holds, as written; one whose content was forgotten is the desired one, if any. */
    Map<Long, T> contents(final String switchId, final Map<Long, T> desired) {
        final var contents = new HashMap<Long, T>();
        bySwitch.getOrDefault(switchId, Map.of()).forEach((id, object) -> object
            .or(() -> Optional.ofNullable(desired.get(id))).ifPresent(content -> contents.put(id, content)));
        return contents;
    }

    /** Desired objects the switch does not hold exactly, in id order. */
    List<T> writes(final String switchId, final Map<Long, T> desired) {
        final var known = bySwitch.getOrDefault(switchId, Map.of());
        final var writes = new ArrayList<T>();
        desired.values().stream().sorted(Comparator.comparingLong(idOf))
            .filter(object -> !known.getOrDefault(idOf.applyAsLong(object), Optional.empty())
                .equals(Optional.of(object)))
            .forEach(writes::add);
        return writes;
    }

    /** Installed objects no longer desired. */
    SortedSet<Long> removals(final String switchId, final Map<Long, T> desired) {
        final var removals = new TreeSet<Long>(bySwitch.getOrDefault(switchId, Map.of()).keySet());
        removals.removeAll(desired.keySet());
        return removals;
    }

    /** Records a difference the switch accepted. */
    void remember(final String switchId, final List<T> writes, final Set<Long> removals) {
        final var known = bySwitch.computeIfAbsent(switchId, key -> new HashMap<>());
        removals.forEach(known::remove);
        writes.forEach(object -> known.put(idOf.applyAsLong(object), Optional.of(object)));
        if (known.isEmpty()) {
            bySwitch.remove(switchId);
        }
    }
}
