/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.firewall.odl;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.edgeplane.firewall.compiler.FirewallCompiler;
import org.edgeplane.firewall.compiler.FirewallFlows;
import org.edgeplane.firewall.intent.FirewallIntent;
import org.edgeplane.firewall.validation.FirewallValidator;
import org.edgeplane.isolation.compiler.CompiledIntent;
import org.edgeplane.isolation.flow.FlowRecord;
import org.edgeplane.isolation.intent.Intent;
import org.edgeplane.isolation.odl.IntentCodec;
import org.edgeplane.isolation.odl.IntentCommitCohort;
import org.edgeplane.isolation.service.PipelineStage;
import org.edgeplane.isolation.service.PipelineStages;
import org.opendaylight.mdsal.binding.api.DataBroker;
import org.opendaylight.mdsal.binding.api.DataTreeChangeListener;
import org.opendaylight.mdsal.binding.api.DataTreeIdentifier;
import org.opendaylight.mdsal.binding.dom.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.mdsal.common.api.LogicalDatastoreType;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohortRegistry;
import org.opendaylight.mdsal.dom.api.DOMDataTreeIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firewall app: follows its part of the intent and plugs its compiled tables into tenant isolation's
 * pipeline, whose one reconciler writes them with the rest.
 */
public final class FirewallProvider implements PipelineStage, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallProvider.class);

    private final DataBroker broker;
    private final DOMDataBroker domBroker;
    private final BindingNormalizedNodeSerializer codec;
    private final PipelineStages stages;
    private final List<AutoCloseable> registrations = new ArrayList<>();
    private volatile FirewallIntent firewall = FirewallIntent.EMPTY;
    private volatile FirewallFlows lastFlows = FirewallFlows.EMPTY;

    public FirewallProvider(final DataBroker broker, final DOMDataBroker domBroker,
            final BindingNormalizedNodeSerializer codec, final PipelineStages stages) {
        this.broker = requireNonNull(broker);
        this.domBroker = requireNonNull(domBroker);
        this.codec = requireNonNull(codec);
        this.stages = requireNonNull(stages);
    }

    public void init() {
        final var cohortRegistry = domBroker.getExtensions().getInstance(DOMDataTreeCommitCohortRegistry.class);
        if (cohortRegistry == null) {
            LOG.error("The data broker cannot validate commits: bad firewall intent will not be rejected");
        } else {
            final var cohort = new IntentCommitCohort(codec, (before, after) -> after == null ? List.of()
                : FirewallValidator.validate(IntentCodec.fromBinding(after), FirewallCodec.fromBinding(after)));
            registrations.add(cohortRegistry.registerCommitCohort(
                new DOMDataTreeIdentifier(LogicalDatastoreType.CONFIGURATION, cohort.path()), cohort));
        }
        registrations.add(broker.registerDataTreeChangeListener(
            DataTreeIdentifier.create(LogicalDatastoreType.CONFIGURATION, IntentCodec.PATH),
            (DataTreeChangeListener<org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261122.Intent>) changes -> {
                changes.forEach(change -> firewall = FirewallCodec.fromBinding(change.getRootNode().getDataAfter()));
                stages.stageChanged(this);
            }));
        registrations.add(stages.register(this));
        LOG.info("Edgeplane distributed firewall started");
    }

    @Override
    public String name() {
        return "firewall";
    }

    @Override
    public Map<String, Map<String, FlowRecord>> compile(final Intent intent, final CompiledIntent compiled) {
        final FirewallFlows flows = FirewallCompiler.compile(firewall, intent, compiled);
        if (!flows.problems().equals(lastFlows.problems())) {
            flows.problems().forEach(problem -> LOG.warn("Firewall rule not installed: {}", problem));
        }
        lastFlows = flows;
        return flows.flowsBySwitch();
    }

    /** The flows of the last round, with what their cookies stand for (for counters). */
    public FirewallFlows lastFlows() {
        return lastFlows;
    }

    // Closing must go on past a registration that fails to close.
    @SuppressWarnings("checkstyle:IllegalCatch")
    @Override
    public void close() {
        for (AutoCloseable registration : registrations) {
            try {
                registration.close();
            } catch (Exception e) {
                LOG.warn("Failed to close {}", registration, e);
            }
        }
        registrations.clear();
        LOG.info("Edgeplane distributed firewall stopped");
    }
}
