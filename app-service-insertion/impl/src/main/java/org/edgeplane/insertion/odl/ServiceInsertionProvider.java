/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.odl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.edgeplane.insertion.validation.ChainValidator;
import org.edgeplane.isolation.odl.IntentCodec;
import org.edgeplane.isolation.odl.IntentCommitCohort;
import org.edgeplane.isolation.odl.Registrations;
import org.opendaylight.mdsal.binding.dom.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.mdsal.dom.api.DOMDataBroker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service insertion in the controller. Today: every transaction that touches the tenant intent is checked
 * against the service-insertion rules before it commits (bad input is refused with the reason, nothing
 * written). Steering flows are not compiled yet.
 */
public final class ServiceInsertionProvider implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceInsertionProvider.class);

    private final DOMDataBroker domBroker;
    private final BindingNormalizedNodeSerializer codec;
    private final Registrations registrations = new Registrations();

    public ServiceInsertionProvider(final DOMDataBroker domBroker, final BindingNormalizedNodeSerializer codec) {
        this.domBroker = requireNonNull(domBroker);
        this.codec = requireNonNull(codec);
    }

    public void init() {
        registrations.addCohort(domBroker, new IntentCommitCohort(codec, (before, after) -> after == null
            ? List.of() : ChainValidator.validate(IntentCodec.fromBinding(after), ChainCodec.fromBinding(after))),
            "service-insertion");
        LOG.info("Edgeplane service insertion started");
    }

    @Override
    public void close() {
        registrations.close();
        LOG.info("Edgeplane service insertion stopped");
    }
}
