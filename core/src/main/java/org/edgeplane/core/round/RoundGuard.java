/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.round;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.edgeplane.core.stage.EdgeFacts;
import org.edgeplane.core.stage.Snapshot;
import org.edgeplane.core.trace.PacketTrace;
import org.edgeplane.core.verify.Finding;
import org.edgeplane.core.verify.Steering;
import org.edgeplane.core.verify.VerificationInput;
import org.edgeplane.core.verify.VerificationReport;
import org.edgeplane.core.verify.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves every round isolated before the writer sends it. In {@link Mode#BLOCK} (the default) a round that breaks
 * a property is not installed: the switches keep the last proven flows and the ports involved get an error naming
 * the property and a witness. In {@link Mode#REPORT_ONLY} the round is installed and the findings are reported
 * alike. Worker thread only: the verifier is incremental across rounds.
 */
public final class RoundGuard {
    private static final Logger LOG = LoggerFactory.getLogger(RoundGuard.class);

    /** What a round that breaks a property gets. */
    public enum Mode {
        BLOCK,
        REPORT_ONLY;

        /**
         * The mode a configuration value names: {@code block} or {@code report-only}.
         *
         * @throws IllegalArgumentException for any other value, naming the ones it takes
         */
        public static Mode parse(final String text) {
            for (Mode mode : values()) {
                if (mode.label().equals(text.trim().toLowerCase(Locale.ROOT))) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("verification mode '" + text + "' is not block or report-only");
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Mode mode;
    private Verifier verifier = new Verifier();
    /** Why the last verification could not finish, when it could not; worker thread only. */
    private String failure;
    /** Whether the last run stopped at its budget; worker thread only. */
    private boolean catchingUp;
    private volatile VerificationReport last = new VerificationReport(List.of(), 0, 0, 0, 0, 0);
    private List<Finding> logged = List.of();

    public RoundGuard(final Mode mode) {
        this.mode = requireNonNull(mode);
    }

    public Mode mode() {
        return mode;
    }

    /** The verdict of the last round: what its flows were proven to hold, or what they break. Any thread. */
    public VerificationReport last() {
        return last;
    }

    /** Verifies a round's flows against its snapshot's intent. */
    // A verifier that fails has proven nothing: the round is judged unproven, and the next starts afresh.
    @SuppressWarnings("checkstyle:IllegalCatch")
    VerificationReport verify(final RoundUnion union, final Snapshot snapshot, final EdgeFacts facts,
            final List<Steering> steering) {
        final VerificationReport report;
        try {
            report = verifier.verify(new VerificationInput(union.flowsBySwitch(), union.groupsBySwitch(),
                snapshot.intent(), facts, steering));
        } catch (RuntimeException e) {
            if (failure == null) {
                LOG.error("The isolation verifier failed; rounds are {} until it succeeds", mode == Mode.BLOCK
                    ? "not installed" : "installed unverified", e);
            }
            failure = String.valueOf(e.getMessage());
            verifier = new Verifier();
            return new VerificationReport(List.of(), 0, 0, 0, 0, 0);
        }
        failure = null;
        last = report;
        if (report.unfinished() && !catchingUp) {
            LOG.warn("Rounds installed unverified while the verifier catches up: {} ports' traffic not followed "
                + "within its budget", report.unfollowed());
        } else if (!report.unfinished() && catchingUp) {
            LOG.info("The verifier caught up: every port's traffic followed");
        }
        catchingUp = report.unfinished();
        if (!report.findings().equals(logged)) {
            logged = report.findings();
            if (report.proven()) {
                LOG.info("Round proven isolated again: {} ports' traffic followed", report.sources());
            } else {
                report.findings().forEach(finding -> LOG.error("{} round: {}", mode == Mode.BLOCK
                    ? "Not installing the" : "Installing (report-only) the", finding.text()));
            }
        }
        return report;
    }

    /**
     * Whether the round must not be installed: a property it breaks, or a verifier that failed. A round whose
     * verification reached its budget with nothing found so far is installed, unverified (and logged so): blocking
     * every round of an intent too large to follow would stop the controller.
     */
    boolean blocks(final VerificationReport report) {
        return mode == Mode.BLOCK && (failure != null || !report.findings().isEmpty());
    }

    /** Why a round is not installed, for every switch's result. */
    String refusal(final VerificationReport report) {
        return failure != null ? "round not installed: the isolation verifier failed (" + failure + ")"
            : "round not installed: its flows break " + report.findings().size() + " isolation finding(s), first "
                + report.findings().get(0).headline();
    }

    /**
     * The status error of each port a finding involves: the property, what breaks it and the witness frame.
     */
    public static Map<String, String> portErrors(final VerificationReport report, final Mode mode) {
        final var errors = new TreeMap<String, String>();
        for (Finding finding : report.findings()) {
            final String text = (mode == Mode.BLOCK ? "flows not installed, " : "") + "breaks "
                + finding.headline() + "; witness: " + PacketTrace.describe(finding.witness().frame()) + " sent into "
                + finding.witness().switchId() + " port " + finding.witness().inPort();
            finding.ports().forEach(port -> errors.putIfAbsent(port, text));
        }
        return errors;
    }
}
