/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.FluentFuture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.validation.Violation;
import org.opendaylight.mdsal.binding.dom.codec.api.BindingNormalizedNodeSerializer;
import org.opendaylight.mdsal.common.api.DataValidationFailedException;
import org.opendaylight.mdsal.common.api.PostCanCommitStep;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCandidate;
import org.opendaylight.mdsal.dom.api.DOMDataTreeCommitCohort;
import org.opendaylight.netconf.api.NetconfDocumentedException;
import org.opendaylight.yangtools.util.concurrent.FluentFutures;
import org.opendaylight.yangtools.yang.common.ErrorSeverity;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.data.api.YangInstanceIdentifier;
import org.opendaylight.yangtools.yang.data.api.schema.NormalizedNode;
import org.opendaylight.yangtools.yang.model.api.EffectiveModelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates every transaction that touches the intent container before it commits, so that bad input is rejected
 * with nothing written. There is one cohort for all apps: each app adds its checks with an order (isolation 0,
 * firewall 10, service insertion 20), and the violations are reported in that order, so the same request always
 * gets the same status whatever app would have answered first. The failure carries a
 * {@link NetconfDocumentedException} as its cause: RESTCONF (netconf 5.0.x) turns that into the HTTP status of its
 * error tag (400 invalid-value, 409 in-use) and the message that names the field, instead of a generic 500.
 */
public final class IntentCommitCohort implements DOMDataTreeCommitCohort {
    private static final Logger LOG = LoggerFactory.getLogger(IntentCommitCohort.class);

    private final BindingNormalizedNodeSerializer codec;
    private final ConcurrentSkipListMap<String, IntentChecks.IntentCheck> checks = new ConcurrentSkipListMap<>();

    public IntentCommitCohort(final BindingNormalizedNodeSerializer codec) {
        this.codec = requireNonNull(codec);
    }

    /** Adds an app's checks, as {@link IntentChecks#addCheck} describes. */
    public AutoCloseable addCheck(final int order, final String app, final IntentChecks.IntentCheck check) {
        final String key = String.format(Locale.ROOT, "%04d %s", order, app);
        if (checks.putIfAbsent(key, requireNonNull(check)) != null) {
            throw new IllegalStateException("checks of " + app + " are already registered");
        }
        return () -> checks.remove(key, check);
    }

    /** The path the cohort guards. */
    public YangInstanceIdentifier path() {
        return codec.toYangInstanceIdentifier(IntentCodec.PATH);
    }

    @Override
    public FluentFuture<PostCanCommitStep> canCommit(final Object txId, final EffectiveModelContext ctx,
            final Collection<DOMDataTreeCandidate> candidates) {
        for (DOMDataTreeCandidate candidate : candidates) {
            final YangInstanceIdentifier path = candidate.getRootPath().getRootIdentifier();
            final var before = decode(path, candidate.getRootNode().getDataBefore());
            final var after = decode(path, candidate.getRootNode().getDataAfter());
            final var violations = new ArrayList<Violation>();
            checks.values().forEach(check -> violations.addAll(check.check(before, after)));
            if (!violations.isEmpty()) {
                final String message = Violation.describeAll(violations);
                // One line, no stack trace: a client's mistake must not flood the log.
                LOG.info("Transaction {} rejected: {}", txId, message.length() > 1000
                    ? message.substring(0, 1000) + "..." : message);
                final ErrorTag tag = violations.get(0).kind() == Violation.Kind.CONFLICT ? ErrorTag.IN_USE
                    : ErrorTag.INVALID_VALUE;
                return FluentFutures.immediateFailedFluentFuture(new DataValidationFailedException(
                    YangInstanceIdentifier.class, path, message,
                    new NetconfDocumentedException(message, ErrorType.APPLICATION, tag, ErrorSeverity.ERROR)));
            }
        }
        return PostCanCommitStep.NOOP_SUCCESSFUL_FUTURE;
    }

    private org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.@Nullable Intent decode(
            final YangInstanceIdentifier path, final Optional<NormalizedNode> data) {
        if (data.isEmpty()) {
            return null;
        }
        final var entry = codec.fromNormalizedNode(path, data.orElseThrow());
        return entry == null ? null : (org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent) entry
            .getValue();
    }
}
