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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.reconcile.ContentLedger;
import org.edgeplane.core.reconcile.SwitchContent;
import org.edgeplane.core.stage.SwitchFlowReader;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Controller;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.ControllerBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.SwitchLedger;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.SwitchContentBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.SwitchContentKey;
import org.opendaylight.yangtools.yang.binding.InstanceIdentifier;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content ledger ({@code edgeplane-tenant:switch-ledger}) in the configuration datastore, which a cluster
 * replicates to every member and persists: the member that runs the rounds records each switch's committed content
 * there, and the member that takes over (or the same controller after a restart) reads it. Records are written in
 * order on one thread, the latest per switch, after the round that made them moved on.
 */
final class DatastoreContentLedger implements ContentLedger {
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreContentLedger.class);
    private static final InstanceIdentifier<Controller> CONTROLLER = InstanceIdentifier.create(Controller.class);
    private static final InstanceIdentifier<SwitchLedger> LEDGER = InstanceIdentifier.create(SwitchLedger.class);

    private final DataBroker broker;
    private final SwitchFlowReader reader;
    private final Duration timeout;
    private final Executor recorder;
    private final Supplier<String> member;
    /** Contents accepted by switches and not yet recorded, the latest per switch. */
    private final Map<String, SwitchContent> unrecorded = new LinkedHashMap<>();

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
    public Holding holds(final String switchId, final SwitchContent content) {
        final var recorded = read(switchId);
        if (recorded == null || !recorded.equals(content.fingerprint())) {
            return Holding.NOT_KNOWN_TO;
        }
        final Long count = reader.counts(Set.of(switchId), Cookies.EDGEPLANE, Cookies.EDGEPLANE_MASK).get(switchId);
        if (count == null) {
            return Holding.UNANSWERED;
        }
        return count == content.flows().size() ? Holding.EXACTLY : Holding.NOT_KNOWN_TO;
    }

    private String read(final String switchId) {
        try (var tx = broker.newReadOnlyTransaction()) {
            return tx.read(LogicalDatastoreType.CONFIGURATION, LEDGER.child(
                    org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.SwitchContent.class,
                    new SwitchContentKey(switchId)))
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .map(record -> record.getFingerprint()).orElse(null);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the content record of " + switchId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the content record of " + switchId, e);
        }
    }

    @Override
    public void committed(final String switchId, final SwitchContent content) {
        final boolean first;
        synchronized (unrecorded) {
            first = unrecorded.isEmpty();
            unrecorded.remove(switchId);
            unrecorded.put(switchId, content);
        }
        if (first) {
            recorder.execute(this::recordAll);
        }
    }

    /** Records every waiting content in one transaction and waits for it, so that records never overtake. */
    private void recordAll() {
        final Map<String, SwitchContent> batch;
        synchronized (unrecorded) {
            batch = new LinkedHashMap<>(unrecorded);
            unrecorded.clear();
        }
        final long now = System.currentTimeMillis();
        final var tx = broker.newWriteOnlyTransaction();
        batch.forEach((switchId, content) -> {
            final var key = new SwitchContentKey(switchId);
            tx.put(LogicalDatastoreType.CONFIGURATION, LEDGER.child(
                org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204._switch.ledger.SwitchContent.class, key),
                new SwitchContentBuilder().withKey(key).setFingerprint(content.fingerprint())
                    .setCommittedAt(Uint64.valueOf(now)).setCommittedBy(member.get()).build());
        });
        try {
            tx.commit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // The record lags the switches: a member taking over rewrites these switches in full. Nothing is lost.
            LOG.warn("Could not record the content committed to {}", batch.keySet(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
