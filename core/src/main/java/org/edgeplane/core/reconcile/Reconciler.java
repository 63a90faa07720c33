/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.reconcile;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.reconcile.ContentSums.Sum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps installed flows equal to desired flows. It remembers what it installed (per switch, by flow id), diffs the
 * desired state against that, writes only the difference through the {@link FlowWriter}, and updates its memory
 * only for writes that succeeded. A switch whose content it does not know (first write of this run, after a
 * reconnect, a failed write or an audit that found it changed) is taken over through the {@link ContentLedger}:
 * every entry (one object's flows in one table, a meter, a group) whose recorded sum equals its desired one, and
 * that no write left pending, is held as it is; the flows of every other recorded entry are swept and written
 * anew. So a controller taking over from another writes only what changed, and nothing when nothing did. A switch
 * without a record, or whose flow count shows it lost flows, gets its whole desired state, which replaces
 * everything Edgeplane owns on it. Before each write the entries it may change are named in the ledger, and after
 * it the new sums are recorded. A takeover waits until the switches are reported as completely as when their
 * content was compiled ({@link #compilingWith}). Not thread safe: one worker owns it.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    /**
     * How long a switch to take over may leave its flow count unanswered before it is replaced in full: longer than
     * a change of its master takes, so that a failover does not rewrite it.
     */
    static final Duration TAKEOVER_PATIENCE = Duration.ofSeconds(60);
    /**
     * How long the switches' reports must have been quiet before a switch is taken over. After a leader change or a
     * restart of the cluster, the OpenFlow plugin writes each switch, then its ports, then the next switch: compiled
     * in between, a switch's content would lack the flows of ports and switches not reported yet, and taking it over
     * would rewrite them twice.
     */
    static final Duration INVENTORY_SETTLE = Duration.ofSeconds(2);

    private final FlowWriter writer;
    private final Duration writeTimeout;
    private final ContentLedger ledger;
    private final LongSupplier nanoTime;
    /** Fresh write stamps: random, so that no two writes to a switch, by any member, share one. */
    private final LongSupplier stamps = () -> ThreadLocalRandom.current().nextLong(1, Cookies.STAMP_VALUE_MASK + 1);
    /** Per switch to take over, since when it has not answered for its flow count. */
    private final Map<String, Long> silentSince = new HashMap<>();
    /** Per switch to take over, since when it waits for the switches' reports to settle. */
    private final Map<String, Long> unsettledSince = new HashMap<>();
    private long inventoryChanged = Long.MIN_VALUE;
    /** The shapes of the switches the coming reconcile's desired state was compiled from, by node id. */
    private Map<String, Long> shapes = Map.of();
    /** The shapes the ledger records, as far as this reconciler knows; null: not read since it last forgot all. */
    private @Nullable Map<String, Long> shapesRecorded;
    private final Map<String, Map<String, InstalledFlow>> installed = new HashMap<>();
    private final InstalledObjects<MeterRecord> installedMeters = new InstalledObjects<>(MeterRecord::meterId);
    private final InstalledObjects<GroupRecord> installedGroups = new InstalledObjects<>(GroupRecord::groupId);
    /** Switches whose Edgeplane content is exactly what {@link #installed} and the object memories say. */
    private final Set<String> known = new HashSet<>();
    /**
     * Per switch, the desired tables (by identity) that were last applied in full. The compiler hands out the same
     * table objects for switches an update did not touch, so a round costs what changed, not what exists.
     */
    private final Map<String, Applied> lastApplied = new HashMap<>();
    /** Per switch, the sums of what it holds, as the ledger records them: only for known switches. */
    private final Map<String, ContentSums> sums = new HashMap<>();
    /** Per switch taken over, the recorded objects whose flows its next write sweeps before adding. */
    private final Map<String, SortedSet<FlowSweep>> sweepsDue = new HashMap<>();
    private WriteTimes lastTimes = new WriteTimes(0, 0, 0);

    /**
     * Where the last reconcile's time went.
     *
     * @param diffNanos diffing every switch
     * @param sendNanos the writers turning the differences into messages and sending them
     * @param ackNanos waiting for every switch to acknowledge
     */
    public record WriteTimes(long diffNanos, long sendNanos, long ackNanos) {
    }

    private record Applied(Map<String, FlowRecord> flows, Map<Long, MeterRecord> meters,
            Map<Long, GroupRecord> groups) {
        boolean isSame(final Applied other) {
            return flows == other.flows && meters == other.meters && groups == other.groups;
        }

        SwitchContent content() {
            return new SwitchContent(flows, meters, groups);
        }
    }

    /**
     * The outcome for one switch.
     *
     * @param awaitsSwitch the write failed only because the switch is not connected: its connection starts the
     *     next write, so retrying sooner is pointless
     */
    public record SwitchResult(int desired, int installed, int changes, Optional<String> error,
            boolean awaitsSwitch) {
        public SwitchResult(final int desired, final int installed, final int changes, final Optional<String> error) {
            this(desired, installed, changes, error, false);
        }
    }

    /** A reconciler that records nothing: every switch it does not know is rewritten in full. */
    public Reconciler(final FlowWriter writer, final Duration writeTimeout) {
        this(writer, writeTimeout, ContentLedger.NONE);
    }

    public Reconciler(final FlowWriter writer, final Duration writeTimeout, final ContentLedger ledger) {
        this(writer, writeTimeout, ledger, System::nanoTime);
    }

    /**
     * A reconciler with its own clock.
     *
     * @param nanoTime a monotonic clock in nanoseconds
     */
    Reconciler(final FlowWriter writer, final Duration writeTimeout, final ContentLedger ledger,
            final LongSupplier nanoTime) {
        this.writer = requireNonNull(writer);
        this.writeTimeout = requireNonNull(writeTimeout);
        this.ledger = requireNonNull(ledger);
        this.nanoTime = requireNonNull(nanoTime);
    }

    /**
     * Forgets everything about a switch that (re)connected, which may have kept its flows or lost them: the next
     * reconcile takes it over through the ledger.
     */
    public void reconnected(final String switchId) {
        forget(switchId);
        installed.remove(switchId);
        installedMeters.clear(switchId);
        installedGroups.clear(switchId);
    }

    /** Forgets every switch, as {@link #reconnected} does one: a controller that stops leading or starts to lead. */
    public void forgetAll() {
        installed.clear();
        known.clear();
        lastApplied.clear();
        installedMeters.clear();
        installedGroups.clear();
        sums.clear();
        sweepsDue.clear();
        silentSince.clear();
        unsettledSince.clear();
        shapesRecorded = null;
    }

    /**
     * The switches the next reconcile's desired state is compiled from, each by its shape (a digest of what it
     * reports piece by piece once discovered: ports by name, profile), by node id. They are recorded in the ledger
     * with the writes. A takeover waits, up to {@link #TAKEOVER_PATIENCE}, until every recorded switch shows its
     * recorded shape again: a successor compiling while the OpenFlow plugin still rebuilds its inventory (after a
     * lost majority or a restart) would otherwise remove the flows of every port not reported yet, and write them
     * back a round later. A switch the record does not name is not waited for: it connected since.
     */
    public void compilingWith(final Map<String, Long> shapesByNode) {
        shapes = Map.copyOf(shapesByNode);
    }

    /** The switches' reports (connections, ports) changed now: takeovers wait until they have settled. */
    public void inventoryChanged() {
        inventoryChanged = nanoTime.getAsLong();
    }

    /**
     * Forgets what a switch holds, so the next reconcile replaces everything Edgeplane owns on it with its whole
     * desired state.
     */
    public void forget(final String switchId) {
        lastApplied.remove(switchId);
        known.remove(switchId);
        sums.remove(switchId);
        sweepsDue.remove(switchId);
    }

    /** Flows only: every switch should hold no meter and no group. */
    public SortedMap<String, SwitchResult> reconcile(final Map<String, ? extends Map<String, FlowRecord>>
            desiredBySwitch) {
        return reconcile(desiredBySwitch, Map.of(), Map.of());
    }

    /**
     * Brings every switch that has desired or installed flows to its desired state. All diffs are submitted before
     * any is awaited; every future is awaited, so none is dropped.
     *
     * @param desiredBySwitch desired flows per switch; a switch that is absent should hold no Edgeplane flow
     * @param desiredMetersBySwitch desired meters per switch, by meter id
     * @param desiredGroupsBySwitch desired groups per switch, by group id
     * @return per switch: counts, and the error if its write failed
     */
    public SortedMap<String, SwitchResult> reconcile(final Map<String, ? extends Map<String, FlowRecord>>
            desiredBySwitch, final Map<String, ? extends Map<Long, MeterRecord>> desiredMetersBySwitch,
            final Map<String, ? extends Map<Long, GroupRecord>> desiredGroupsBySwitch) {
        final var switchIds = new TreeSet<String>(desiredBySwitch.keySet());
        switchIds.addAll(installed.keySet());
        switchIds.addAll(desiredMetersBySwitch.keySet());
        switchIds.addAll(installedMeters.switches());
        switchIds.addAll(desiredGroupsBySwitch.keySet());
        switchIds.addAll(installedGroups.switches());
        final var pending = new TreeMap<String, Future<?>>();
        final var results = new TreeMap<String, SwitchResult>();
        final var tables = new HashMap<String, Applied>();
        boolean takeoverWaits = false;
        for (String switchId : switchIds) {
            final Map<String, FlowRecord> desired = desiredOf(desiredBySwitch, switchId);
            final Applied wanted = new Applied(desired, desiredOf(desiredMetersBySwitch, switchId),
                desiredOf(desiredGroupsBySwitch, switchId));
            final Applied last = lastApplied.get(switchId);
            if (!known.contains(switchId) && !installed.containsKey(switchId)) {
                final Takeover takeover = takeOver(switchId, wanted);
                if (takeover == Takeover.HELD) {
                    results.put(switchId, new SwitchResult(desired.size(), desired.size(), 0, Optional.empty()));
                    continue;
                }
                if (takeover == Takeover.WAIT) {
                    takeoverWaits = true;
                    results.put(switchId, new SwitchResult(desired.size(), 0, 0, Optional.of(
                        "waiting for the switch to report its flow count, and the switches their ports, before "
                            + "taking it over")));
                    continue;
                }
            }
            if (!known.contains(switchId)) {
                // Every desired meter and group is written again: the content of those held is not known.
                installedMeters.forget(switchId);
                installedGroups.forget(switchId);
            }
            if (last != null && last.isSame(wanted)) {
                results.put(switchId, new SwitchResult(desired.size(), installed.getOrDefault(switchId, Map.of())
                    .size(), 0, Optional.empty()));
            } else {
                tables.put(switchId, wanted);
            }
        }
        final long started = System.nanoTime();
        // Each switch's diff reads only its own tables and what it holds, so switches are diffed in parallel.
        final Map<String, FlowDiff> diffs = new TreeMap<>(tables.keySet().parallelStream().collect(
            Collectors.toMap(switchId -> switchId, switchId -> diff(switchId, tables.get(switchId)))));
        final long diffed = System.nanoTime();
        final var wasKnown = new HashSet<String>();
        final var touched = new TreeMap<String, ContentLedger.PendingWrite>();
        diffs.forEach((switchId, diff) -> {
            // An unknown switch is written even with nothing desired: the write clears what an earlier run left.
            if (known.contains(switchId)) {
                wasKnown.add(switchId);
            }
            if (!diff.isEmpty() || !known.contains(switchId)) {
                touched.put(switchId, pendingWrite(switchId, diff, tables.get(switchId).content()));
            }
        });
        recordShapes(takeoverWaits);
        final Optional<String> unrecorded = intend(touched);
        if (unrecorded.isEmpty()) {
            touched.forEach((switchId, write) -> pending.put(switchId, submit(diffs.get(switchId)
                .withStamp(write.stamp()), held(switchId))));
            // Sent: a failed write makes the switch unknown again. Not sent: the next round sweeps them again.
            touched.keySet().forEach(sweepsDue::remove);
        }
        final long sent = System.nanoTime();
        for (var entry : diffs.entrySet()) {
            final String switchId = entry.getKey();
            final FlowDiff diff = entry.getValue();
            final Map<String, FlowRecord> desired = desiredOf(desiredBySwitch, switchId);
            Optional<String> error = Optional.empty();
            boolean awaitsSwitch = false;
            final Future<?> future = pending.get(switchId);
            if (touched.containsKey(switchId) && unrecorded.isPresent()) {
                // Nothing was sent: the switch holds what it held, and the next round tries this diff again.
                results.put(switchId, new SwitchResult(desired.size(), installed.getOrDefault(switchId, Map.of())
                    .size(), diff.size(), unrecorded));
                continue;
            }
            if (future != null) {
                final Throwable failure = await(switchId, future);
                if (failure == null) {
                    final ContentLedger.PendingWrite write = touched.get(switchId);
                    if (write.replaces()) {
                        sums.put(switchId, ContentSums.empty());
                    }
                    sums.computeIfAbsent(switchId, key -> ContentSums.empty()).update(write.changes());
                    ledger.committed(switchId, write);
                    remember(switchId, diff, wasKnown.contains(switchId));
                } else {
                    awaitsSwitch = failure instanceof SwitchUnreachableException;
                    error = Optional.of(awaitsSwitch ? failure.getMessage() : "flow write failed: " + failure);
                }
            }
            if (error.isEmpty()) {
                lastApplied.put(switchId, tables.get(switchId));
            } else {
                forget(switchId);
            }
            final int installedCount = installed.getOrDefault(switchId, Map.of()).size();
            if (installedCount == 0) {
                installed.remove(switchId);
            }
            results.put(switchId, new SwitchResult(desired.size(), installedCount, diff.size(), error,
                awaitsSwitch));
        }
        lastTimes = new WriteTimes(diffed - started, sent - diffed, System.nanoTime() - sent);
        return results;
    }

    /** What taking a switch over through the ledger came to this round. */
    private enum Takeover {
        /** It holds exactly its desired content: nothing to write. */
        HELD,
        /** Some recorded entries are held; the rest are swept and written by this round's diff. */
        PARTLY_HELD,
        /** Nothing it holds is known: it is replaced in full. */
        REPLACE,
        /**
         * The ledger or the switch did not answer, or the switches' reports are still arriving: writing on a guess
         * could replace flows it holds; next round.
         */
        WAIT
    }

    // The ledger asks the datastore and the switch. A controller that cannot read them now does not rewrite the
    // switch on a guess: it waits for the next round.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private Takeover takeOver(final String switchId, final Applied wanted) {
        final Optional<ContentLedger.Recorded> record;
        final Optional<ContentLedger.OnSwitch> shown;
        try {
            record = ledger.recorded(switchId);
            // Nothing to keep: no reason to wait for the switch (it may not even be connected).
            if (record.isEmpty()) {
                return Takeover.REPLACE;
            }
            if (shapesRecorded == null) {
                shapesRecorded = ledger.compiledWith();
            }
            shown = ledger.onSwitch(switchId);
        } catch (RuntimeException e) {
            LOG.warn("Switch {}: could not read its content record; trying again next round", switchId, e);
            return Takeover.WAIT;
        }
        if (shown.isEmpty()) {
            // A replacement in flight leaves nothing certain to keep but itself, which only the switch can show.
            if (!record.orElseThrow().replacing() && !outOfPatience(silentSince, switchId)) {
                return Takeover.WAIT;
            }
            // A switch that never answers must still be programmed; what it holds is not known.
            LOG.warn("Switch {}: has not shown its flow count and write stamp; replacing its content", switchId);
            silentSince.remove(switchId);
            return Takeover.REPLACE;
        }
        silentSince.remove(switchId);
        final boolean settling = inventoryChanged != Long.MIN_VALUE
            && nanoTime.getAsLong() - inventoryChanged < INVENTORY_SETTLE.toNanos();
        final List<String> unseen = unseenShapes();
        if (settling || !unseen.isEmpty()) {
            final boolean first = !unsettledSince.containsKey(switchId);
            if (!outOfPatience(unsettledSince, switchId)) {
                if (first && !unseen.isEmpty()) {
                    LOG.info("Switch {}: waiting until {} are reported as they were when its flows were written",
                        switchId, unseen);
                }
                return Takeover.WAIT;
            }
            LOG.warn("Switch {}: taken over after waiting {} for the switches' reports; {} still differ", switchId,
                TAKEOVER_PATIENCE, unseen);
        }
        unsettledSince.remove(switchId);
        final ContentLedger.Recorded resolved = record.orElseThrow().resolvedBy(shown.orElseThrow().stamp());
        if (record.orElseThrow().pending().isPresent()) {
            final String outcome;
            if (resolved.pending().isPresent()) {
                outcome = "neither its stamp nor the one before, so its entries are rewritten";
            } else if (resolved.stamp() == record.orElseThrow().stamp()) {
                outcome = "that it never landed";
            } else {
                outcome = "that it landed";
            }
            LOG.info("Switch {}: a write to it was in flight; the switch shows {}", switchId, outcome);
            if (resolved.pending().isEmpty()) {
                // The record must say so too: the next write-ahead replaces the write in flight, and what it did
                // would be lost from the record.
                ledger.committed(switchId, resolved.stamp() == record.orElseThrow().stamp()
                    ? new ContentLedger.PendingWrite(resolved.stamp(), false, Map.of())
                    : record.orElseThrow().pending().orElseThrow());
            }
        }
        final TakeoverPlan plan = TakeoverPlan.of(resolved, shown.orElseThrow().flows(), wanted.content());
        if (plan.kind() == TakeoverPlan.Kind.REPLACE) {
            LOG.info("Switch {}: {}; replacing its content", switchId, plan.reason());
            return Takeover.REPLACE;
        }
        adopt(switchId, wanted, plan, ContentSums.recorded(resolved.sums()));
        if (plan.kind() == TakeoverPlan.Kind.HELD) {
            lastApplied.put(switchId, wanted);
            LOG.info("Switch {}: holds exactly its {} desired flows; taken over without a write", switchId,
                wanted.flows().size());
            return Takeover.HELD;
        }
        sweepsDue.put(switchId, plan.sweeps());
        if (LOG.isInfoEnabled()) {
            final Map<String, Sum> desired = plan.desired();
            LOG.info("Switch {}: taken over; {} of {} entries changed ({} of them in flight) are rewritten, such as {}",
                switchId, plan.changed().size(), plan.changed().size() + plan.clean().size(),
                plan.changed().stream().filter(resolved.pendingEntries()::contains).count(),
                plan.changed().stream().limit(4).map(entry -> entry + " (recorded " + resolved.sums().get(entry)
                    + ", desired " + desired.get(entry) + ")").toList());
        }
        return Takeover.PARTLY_HELD;
    }

    /** The recorded switches that do not show their recorded shape now: not reported (yet), or changed. */
    private List<String> unseenShapes() {
        final Map<String, Long> recorded = shapesRecorded == null ? Map.of() : shapesRecorded;
        return recorded.entrySet().stream().filter(entry -> !entry.getValue().equals(shapes.get(entry.getKey())))
            .map(Map.Entry::getKey).sorted().toList();
    }

    /**
     * Records the shapes this reconcile compiled with, when they changed. While a takeover waits (for whatever
     * reason), the recorded shapes still describe what the switches it waits for were written from: they are
     * replaced only by shapes that show every recorded switch as recorded.
     */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private void recordShapes(final boolean takeoverWaits) {
        if (shapes.equals(shapesRecorded)
                || takeoverWaits && (shapesRecorded == null || !unseenShapes().isEmpty())) {
            return;
        }
        try {
            ledger.compilingWith(shapes);
            shapesRecorded = shapes;
        } catch (RuntimeException e) {
            LOG.warn("Could not record the switches' shapes in the content ledger; trying again next round", e);
        }
    }

    /** Whether a switch has waited longer than {@link #TAKEOVER_PATIENCE} since it started waiting here. */
    private boolean outOfPatience(final Map<String, Long> waitingSince, final String switchId) {
        final long now = nanoTime.getAsLong();
        return now - waitingSince.computeIfAbsent(switchId, key -> now) >= TAKEOVER_PATIENCE.toNanos();
    }

    /**
     * Takes the switch to hold the desired flows, meters and groups of the plan's clean entries exactly, and the
     * meters and groups of its held-unknown entries with other content.
     */
    private void adopt(final String switchId, final Applied wanted, final TakeoverPlan plan,
            final ContentSums recorded) {
        final Set<String> clean = plan.clean();
        final var flows = new HashMap<String, InstalledFlow>();
        wanted.flows().values().forEach(flow -> {
            if (clean.contains(ContentSums.key(flow))) {
                flows.put(flow.id(), InstalledFlow.written(flow));
            }
        });
        if (flows.isEmpty()) {
            installed.remove(switchId);
        } else {
            installed.put(switchId, flows);
        }
        installedMeters.clear(switchId);
        installedGroups.clear(switchId);
        installedMeters.remember(switchId, wanted.meters().values().stream()
            .filter(meter -> clean.contains(ContentSums.meterKey(meter.meterId()))).toList(), Set.of());
        installedGroups.remember(switchId, wanted.groups().values().stream()
            .filter(group -> clean.contains(ContentSums.groupKey(group.groupId()))).toList(), Set.of());
        plan.heldUnknown().forEach(entry -> {
            final long id = Long.parseLong(entry.substring(2));
            if (entry.equals(ContentSums.meterKey(id))) {
                installedMeters.holdUnknown(switchId, id);
            } else {
                installedGroups.holdUnknown(switchId, id);
            }
        });
        known.add(switchId);
        sums.put(switchId, recorded);
    }

    /** Names the coming writes' entries in the ledger; empty when recorded, else why not (nothing is then sent). */
    @SuppressWarnings("checkstyle:IllegalCatch")
    private Optional<String> intend(final Map<String, ContentLedger.PendingWrite> touched) {
        if (touched.isEmpty()) {
            return Optional.empty();
        }
        try {
            ledger.intends(touched);
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("Could not record the coming writes to {} in the content ledger; not writing them",
                touched.keySet(), e);
            return Optional.of("could not record the coming write in the content ledger: " + e.getMessage());
        }
    }

    /**
     * The coming write to a switch as the ledger names it: a fresh stamp (none when it leaves no content), and the
     * sums it leaves in each entry it changes; a write to a switch whose content is not known replaces them all.
     */
    private ContentLedger.PendingWrite pendingWrite(final String switchId, final FlowDiff diff,
            final SwitchContent content) {
        if (content.flows().isEmpty() && content.meters().isEmpty() && content.groups().isEmpty()) {
            // "Leaves nothing" says in one record what naming every removed entry would: a DELETE of everything
            // costs one small write-ahead, not one entry per object and table.
            return new ContentLedger.PendingWrite(FlowDiff.REMOVE_STAMP, true, Map.of());
        }
        final long stamp = stamps.getAsLong();
        if (!known.contains(switchId)) {
            final var all = new HashMap<String, Optional<Sum>>();
            ContentSums.of(content).entries().forEach((entry, sum) -> all.put(entry, Optional.of(sum)));
            return new ContentLedger.PendingWrite(stamp, true, all);
        }
        return new ContentLedger.PendingWrite(stamp, false, sums.computeIfAbsent(switchId,
            key -> ContentSums.empty()).changesOf(diff, held(switchId)));
    }

    private FlowDiff diff(final String switchId, final Applied wanted) {
        final Applied last = lastApplied.get(switchId);
        final Map<String, InstalledFlow> installedFlows = known.contains(switchId)
            ? installed.getOrDefault(switchId, Map.of()) : Map.of();
        // Last round's tables were applied in full, so the switch holds them: only their changed parts matter.
        final FlowDiff flows = last != null
            ? FlowDiff.betweenParts(switchId, installedFlows, last.flows(), wanted.flows())
            : FlowDiff.between(switchId, installedFlows, wanted.flows());
        final FlowDiff diff = flows.withObjects(installedMeters.writes(switchId, wanted.meters()),
            installedMeters.removals(switchId, wanted.meters()),
            installedGroups.writes(switchId, wanted.groups()),
            installedGroups.removals(switchId, wanted.groups()));
        final SortedSet<FlowSweep> sweeps = sweepsDue.get(switchId);
        return sweeps == null ? diff : diff.withSweeps(sweeps);
    }

    private static <K, V> Map<K, V> desiredOf(final Map<String, ? extends Map<K, V>> desiredBySwitch,
            final String switchId) {
        final Map<K, V> desired = desiredBySwitch.get(switchId);
        return desired == null ? Map.of() : desired;
    }

    /** Where the last reconcile's time went. */
    public WriteTimes lastTimes() {
        return lastTimes;
    }

    /**
     * What this reconciler believes is installed on a switch (flow ids): a read-only view, valid on the thread that
     * reconciles (copy it to hand it elsewhere).
     */
    public Set<String> installedIds(final String switchId) {
        final var flows = installed.get(switchId);
        return flows == null ? Set.of() : Collections.unmodifiableSet(flows.keySet());
    }

    /**
     * What a switch holds of Edgeplane's, as far as this reconciler knows: each installed flow, group and meter as it
     * was written. One adopted without its content (found on the switch by a takeover, which adopts only what equals
     * the desired content) is the desired one of its id; one of those no longer desired is left out. On the thread
     * that reconciles.
     */
    public InstalledContent installedContent(final String switchId, final Map<String, FlowRecord> desiredFlows,
            final Map<Long, GroupRecord> desiredGroups, final Map<Long, MeterRecord> desiredMeters) {
        if (!knowsContentOf(switchId)) {
            return new InstalledContent(List.of(), Map.of(), Map.of());
        }
        final var flows = new ArrayList<FlowRecord>();
        installed.getOrDefault(switchId, Map.of()).forEach((flowId, flow) -> flow.content()
            .or(() -> Optional.ofNullable(desiredFlows.get(flowId))).ifPresent(flows::add));
        return new InstalledContent(flows, installedGroups.contents(switchId, desiredGroups),
            installedMeters.contents(switchId, desiredMeters));
    }

    /**
     * Whether this reconciler knows what a switch holds of Edgeplane's: not after a failed write, a reconnect or
     * before a takeover resolved it (the next round then replaces everything). On the thread that reconciles.
     */
    public boolean knowsContentOf(final String switchId) {
        return known.contains(switchId);
    }

    /** A switch's flows, groups by id and meters by id, as written. */
    public record InstalledContent(List<FlowRecord> flows, Map<Long, GroupRecord> groups,
            Map<Long, MeterRecord> meters) {
        public InstalledContent {
            flows = List.copyOf(flows);
            groups = Map.copyOf(groups);
            meters = Map.copyOf(meters);
        }
    }

    /** What the switch holds, read by the writer while it builds its messages (before this reconciler moves on). */
    private SwitchHeld held(final String switchId) {
        final boolean isKnown = known.contains(switchId);
        final Map<String, InstalledFlow> flows = installed.getOrDefault(switchId, Map.of());
        return new SwitchHeld() {
            @Override
            public boolean isKnown() {
                return isKnown;
            }

            @Override
            public int flowCount() {
                return isKnown ? flows.size() : 0;
            }

            @Override
            public Optional<FlowRecord> flow(final String flowId) {
                final InstalledFlow flow = isKnown ? flows.get(flowId) : null;
                return flow == null ? Optional.empty() : flow.content();
            }

            @Override
            public boolean holdsGroup(final long groupId) {
                return isKnown && installedGroups.holds(switchId, groupId);
            }

            @Override
            public boolean holdsMeter(final long meterId) {
                return isKnown && installedMeters.holds(switchId, meterId);
            }
        };
    }

    // A writer that throws instead of failing its future must not take the other switches down with it.
    @SuppressWarnings("checkstyle:IllegalCatch")
    private Future<?> submit(final FlowDiff diff, final SwitchHeld held) {
        try {
            return writer.apply(diff, held);
        } catch (RuntimeException e) {
            LOG.warn("Switch {}: could not submit {} flow changes", diff.switchId(), diff.size(), e);
            return com.google.common.util.concurrent.Futures.immediateFailedFuture(e);
        }
    }

    /** Null when the write succeeded, else why it failed. */
    private @Nullable Throwable await(final String switchId, final Future<?> future) {
        try {
            future.get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SwitchUnreachableException) {
                LOG.debug("Switch {}: {}", switchId, e.getCause().getMessage());
            } else {
                LOG.warn("Switch {}: flow write failed", switchId, e.getCause());
            }
            return e.getCause();
        } catch (TimeoutException e) {
            LOG.warn("Switch {}: flow write did not complete within {}", switchId, writeTimeout);
            return new TimeoutException("flow write timed out after " + writeTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private void remember(final String switchId, final FlowDiff diff, final boolean wasKnown) {
        if (!wasKnown) {
            // The write replaced everything Edgeplane owned on the switch with the diff's flows.
            installed.remove(switchId);
        }
        known.add(switchId);
        final var flows = installed.computeIfAbsent(switchId, key -> new HashMap<>());
        diff.removals().keySet().forEach(flows::remove);
        diff.writes().forEach(flow -> flows.put(flow.id(), InstalledFlow.written(flow)));
        installedMeters.remember(switchId, diff.meterWrites(), diff.meterRemovals());
        installedGroups.remember(switchId, diff.groupWrites(), diff.groupRemovals());
    }
}
