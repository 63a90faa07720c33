/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.reconcile.ContentLedger;
import org.edgeplane.core.reconcile.ContentSums.Sum;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.stage.SwitchFlowReader;
import org.edgeplane.core.stage.SwitchFlowReader.ReportedFlow;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Controller;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.ControllerBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.SwitchLedger;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.CompiledWith;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.CompiledWithBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.SwitchContent;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.SwitchContentBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.SwitchContentKey;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger._switch.content.Entry;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger._switch.content.EntryBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger._switch.content.EntryKey;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger._switch.content.WriteInFlight;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger._switch.content.WriteInFlightBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger._switch.content.write.in.flight.Intended;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger._switch.content.write.in.flight.IntendedBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger._switch.content.write.in.flight.IntendedKey;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.compiled.with.SwitchShape;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.compiled.with.SwitchShapeBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.compiled.with.SwitchShapeKey;
import org.opendaylight.yangtools.yang.binding.DataObject;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content ledger ({@code edgeplane-tenant:switch-ledger}) in the configuration datastore, which a cluster
 * replicates to every member and persists: the member that runs the rounds names each coming write's entries there
 * before it is sent, and records each switch's changed sums after it was accepted; the member that takes over (or
 * the same controller after a restart) reads them. Everything is written on one thread, in order: a write-ahead
 * carries every record still waiting, so a record never overtakes the pending entries it clears.
 */
final class DatastoreContentLedger implements ContentLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreContentLedger.class);
    private static final InstanceIdentifier<Controller> CONTROLLER = InstanceIdentifier.create(Controller.class);
    private static final InstanceIdentifier<SwitchLedger> LEDGER = InstanceIdentifier.create(SwitchLedger.class);
    private static final InstanceIdentifier<CompiledWith> SHAPES = LEDGER.child(CompiledWith.class);

    private final DataBroker broker;
    private final SwitchFlowReader reader;
    private final Duration timeout;
    private final Executor recorder;
    private final Supplier<String> member;
    /** Writes accepted by switches and not yet recorded, merged per switch. */
    private final Map<String, ContentLedger.PendingWrite> unrecorded = new LinkedHashMap<>();
    /** Shapes to record with the next transaction; guarded by {@link #unrecorded}. */
    private @Nullable Map<String, Long> shapesUnrecorded;

    /**
     * A ledger.
     *
     * @param reader asks a switch for its number of Edgeplane flows
     * @param recorder one thread: records are written in the order the switches accepted them
     * @param member this controller's member name, recorded as the writer
     */
    DatastoreContentLedger(final DataBroker broker, final SwitchFlowReader reader, final Duration timeout,
            final Executor recorder, final Supplier<String> member) {
        this.broker = requireNonNull(broker);
        this.reader = requireNonNull(reader);
        this.timeout = requireNonNull(timeout);
        this.recorder = requireNonNull(recorder);
        this.member = requireNonNull(member);
    }

    @Override
    public Optional<Recorded> recorded(final String switchId) {
        return read(recordOf(switchId), "the content record of " + switchId).map(DatastoreContentLedger::toRecorded);
    }

    @Override
    public Map<String, Long> compiledWith() {
        final var shapes = new HashMap<String, Long>();
        read(SHAPES, "the switches' recorded shapes").ifPresent(recorded -> recorded.nonnullSwitchShape().values()
            .forEach(shape -> shapes.put(shape.getNodeId(), shape.getShape().longValue())));
        return shapes;
    }

    private <T extends DataObject> Optional<T> read(
            final InstanceIdentifier<T> path, final String what) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, path).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading " + what, e);
        }
    }

    private static Recorded toRecorded(final SwitchContent record) {
        final var sums = new HashMap<String, Sum>();
        record.nonnullEntry().values().forEach(entry -> sums.put(entry.getName(),
            new Sum(entry.getHash().longValue(), entry.getCount().intValue())));
        final WriteInFlight pending = record.getWriteInFlight();
        Optional<ContentLedger.PendingWrite> named = Optional.empty();
        if (pending != null) {
            final var changes = new HashMap<String, Optional<Sum>>();
            pending.nonnullIntended().values().forEach(intended -> changes.put(intended.getName(),
                intended.getCount().intValue() == 0 ? Optional.empty()
                    : Optional.of(new Sum(intended.getHash().longValue(), intended.getCount().intValue()))));
            named = Optional.of(new ContentLedger.PendingWrite(stampOf(pending.getStamp()),
                Boolean.TRUE.equals(pending.getReplacesAll()), changes));
        }
        return new Recorded(sums, stampOf(record.getStamp()), named);
    }

    private static long stampOf(final @Nullable Uint64 stamp) {
        return stamp == null ? FlowDiff.REMOVE_STAMP : stamp.longValue();
    }

    /** The switch's Edgeplane flow count (one aggregate request) and its stamp (one flow statistics request). */
    @Override
    public Optional<OnSwitch> onSwitch(final String switchId) {
        final Long count = reader.counts(Set.of(switchId), Cookies.EDGEPLANE, Cookies.EDGEPLANE_MASK).get(switchId);
        if (count == null) {
            return Optional.empty();
        }
        final List<ReportedFlow> stamps = reader.flows(Set.of(switchId), Cookies.WRITE_STAMP, Cookies.APP_MASK)
            .get(switchId);
        if (stamps == null || stamps.size() > 1) {
            return Optional.of(new OnSwitch(count, FlowDiff.NO_STAMP));
        }
        return Optional.of(new OnSwitch(count, stamps.isEmpty() ? FlowDiff.REMOVE_STAMP
            : stamps.get(0).cookie() & Cookies.STAMP_VALUE_MASK));
    }

    @Override
    public void intends(final Map<String, ContentLedger.PendingWrite> touched) {
        try {
            CompletableFuture.runAsync(() -> write(drain(), drainShapes(), touched), recorder)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the datastore did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void committed(final String switchId, final ContentLedger.PendingWrite write) {
        final boolean first;
        synchronized (unrecorded) {
            first = isIdle();
            unrecorded.merge(switchId, write, DatastoreContentLedger::then);
        }
        if (first) {
            recorder.execute(this::recordWaiting);
        }
    }

    @Override
    public void compilingWith(final Map<String, Long> shapes) {
        final boolean first;
        synchronized (unrecorded) {
            first = isIdle();
            shapesUnrecorded = Map.copyOf(shapes);
        }
        if (first) {
            recorder.execute(this::recordWaiting);
        }
    }

    /** Whether nothing waits to be recorded, so that the next record needs a task of its own. */
    private boolean isIdle() {
        return unrecorded.isEmpty() && shapesUnrecorded == null;
    }

    /** Two writes a switch accepted, {@code earlier} then {@code later}, as one. */
    private static ContentLedger.PendingWrite then(final ContentLedger.PendingWrite earlier,
            final ContentLedger.PendingWrite later) {
        if (later.replaces()) {
            return later;
        }
        final var merged = new HashMap<>(earlier.changes());
        merged.putAll(later.changes());
        return new ContentLedger.PendingWrite(later.stamp(), earlier.replaces(), merged);
    }

    private Map<String, ContentLedger.PendingWrite> drain() {
        synchronized (unrecorded) {
            final var batch = new LinkedHashMap<>(unrecorded);
            unrecorded.clear();
            return batch;
        }
    }

    private @Nullable Map<String, Long> drainShapes() {
        synchronized (unrecorded) {
            final var shapes = shapesUnrecorded;
            shapesUnrecorded = null;
            return shapes;
        }
    }

    private void recordWaiting() {
        final var batch = drain();
        final var shapes = drainShapes();
        if (batch.isEmpty() && shapes == null) {
            return;
        }
        try {
            write(batch, shapes, Map.of());
        } catch (IllegalStateException e) {
            // Still pending in the ledger: a member taking over now rewrites these entries. The next write retries.
            LOG.warn("Could not record what {} accepted", batch.keySet(), e);
        }
    }

    /**
     * Records {@code batch} (each switch's accepted writes, clearing its pending write) and {@code shapes} (if any)
     * and then names {@code touched} as pending, in one transaction, and waits for it. When it fails, the batch and
     * the shapes wait for the next transaction.
     */
    private void write(final Map<String, ContentLedger.PendingWrite> batch, final @Nullable Map<String, Long> shapes,
            final Map<String, ContentLedger.PendingWrite> touched) {
        final long now = System.currentTimeMillis();
        final var tx = broker.newWriteOnlyTransaction();
        if (shapes != null) {
            final var list = new HashMap<SwitchShapeKey, SwitchShape>();
            shapes.forEach((nodeId, shape) -> {
                final SwitchShape entry = new SwitchShapeBuilder().setNodeId(nodeId)
                    .setShape(Uint64.fromLongBits(shape)).build();
                list.put(entry.key(), entry);
            });
            tx.put(LogicalDatastoreType.CONFIGURATION, SHAPES, new CompiledWithBuilder().setSwitchShape(list).build());
        }
        batch.forEach((switchId, accepted) -> {
            final var record = new SwitchContentBuilder().withKey(new SwitchContentKey(switchId))
                .setStamp(Uint64.fromLongBits(accepted.stamp())).setCommittedAt(Uint64.valueOf(now))
                .setCommittedBy(member.get());
            if (accepted.replaces()) {
                final var entries = new HashMap<EntryKey, Entry>();
                accepted.changes().forEach((name, sum) -> sum.ifPresent(present -> {
                    final Entry entry = entry(name, present);
                    entries.put(entry.key(), entry);
                }));
                tx.put(LogicalDatastoreType.CONFIGURATION, recordOf(switchId), record.setEntry(entries).build());
                return;
            }
            tx.merge(LogicalDatastoreType.CONFIGURATION, recordOf(switchId), record.build());
            tx.delete(LogicalDatastoreType.CONFIGURATION, recordOf(switchId).child(WriteInFlight.class));
            accepted.changes().forEach((name, sum) -> {
                final var path = recordOf(switchId).child(Entry.class, new EntryKey(name));
                if (sum.isPresent()) {
                    tx.put(LogicalDatastoreType.CONFIGURATION, path, entry(name, sum.orElseThrow()));
                } else {
                    tx.delete(LogicalDatastoreType.CONFIGURATION, path);
                }
            });
        });
        touched.forEach((switchId, write) -> {
            final var intended = new HashMap<IntendedKey, Intended>();
            write.changes().forEach((name, sum) -> {
                final Intended entry = new IntendedBuilder().setName(name)
                    .setHash(Uint64.fromLongBits(sum.map(Sum::hash).orElse(0L)))
                    .setCount(Uint32.valueOf(sum.map(Sum::count).orElse(0))).build();
                intended.put(entry.key(), entry);
            });
            tx.merge(LogicalDatastoreType.CONFIGURATION, recordOf(switchId), new SwitchContentBuilder()
                .withKey(new SwitchContentKey(switchId)).build());
            tx.put(LogicalDatastoreType.CONFIGURATION, recordOf(switchId).child(WriteInFlight.class),
                new WriteInFlightBuilder().setStamp(Uint64.fromLongBits(write.stamp()))
                    .setReplacesAll(write.replaces()).setIntended(intended).build());
        });
        try {
            tx.commit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            putBack(batch, shapes);
            throw new IllegalStateException("could not write the content ledger: " + e, e);
        } catch (InterruptedException e) {
            putBack(batch, shapes);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted writing the content ledger", e);
        }
    }

    private void putBack(final Map<String, ContentLedger.PendingWrite> batch,
            final @Nullable Map<String, Long> shapes) {
        synchronized (unrecorded) {
            if (shapesUnrecorded == null) {
                shapesUnrecorded = shapes;
            }
            batch.forEach((switchId, accepted) -> {
                final ContentLedger.PendingWrite later = unrecorded.get(switchId);
                unrecorded.put(switchId, later == null ? accepted : then(accepted, later));
            });
        }
    }

    private static Entry entry(final String name, final Sum sum) {
        return new EntryBuilder().setName(name).setHash(Uint64.fromLongBits(sum.hash()))
            .setCount(Uint32.valueOf(sum.count())).build();
    }

    private static InstanceIdentifier<SwitchContent> recordOf(final String switchId) {
        return LEDGER.child(SwitchContent.class, new SwitchContentKey(switchId));
    }

    /** Records that this member now runs the rounds. */
    void announceLeader() {
        final var tx = broker.newWriteOnlyTransaction();
        tx.merge(LogicalDatastoreType.OPERATIONAL, CONTROLLER, new ControllerBuilder().setLeader(member.get())
            .setLeaderSince(Uint64.valueOf(System.currentTimeMillis())).build());
        tx.commit().addCallback(new com.google.common.util.concurrent.FutureCallback<Object>() {
            @Override
            public void onSuccess(final Object result) {
                LOG.info("Edgeplane's rounds run on {}", member.get());
            }

            @Override
            public void onFailure(final Throwable cause) {
                LOG.warn("Could not record that {} runs the rounds", member.get(), cause);
            }
        }, com.google.common.util.concurrent.MoreExecutors.directExecutor());
    }
}
