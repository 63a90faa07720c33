/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import java.util.List;
import java.util.StringJoiner;

/**
 * What one verification found.
 *
 * @param findings every broken property, with a witness each; empty when the flows are proven isolated
 * @param sources endpoint ports whose traffic the result covers
 * @param examined of those, the ports whose traffic this run followed (the others' results were still valid)
 * @param paths packet sets the examined ports' walks delivered
 * @param unfollowed ports whose traffic the run did not follow because it reached its budget of lookups
 * @param nanos how long it took
 */
public record VerificationReport(List<Finding> findings, int sources, int examined, long paths, int unfollowed,
        long nanos) {
    public VerificationReport {
        findings = List.copyOf(findings);
    }

    /** Whether every port's traffic was followed and none breaks a property. */
    public boolean proven() {
        return findings.isEmpty() && unfollowed == 0;
    }

    /** Whether the run stopped at its budget before following every port's traffic. */
    public boolean unfinished() {
        return unfollowed > 0;
    }

    /** For an operator: the verdict with the figures, then each finding with its witness. */
    public String text() {
        final var text = new StringJoiner("\n");
        text.add((proven() ? "Proven: " : "NOT proven: " + findings.size() + " finding(s); ") + "traffic of "
            + sources + " port(s) followed to every port it reaches (" + examined + " examined in this run, "
            + paths + " packet sets delivered, " + nanos / 1_000_000 + " ms).");
        if (unfinished()) {
            text.add("  Unfinished: the traffic of " + unfollowed + " more port(s) was not followed: the run reached"
                + " its budget of table lookups.");
        }
        if (proven()) {
            for (IsolationProperty property : IsolationProperty.values()) {
                text.add("  holds: " + property.label() + ": " + property.statement());
            }
        }
        findings.forEach(finding -> text.add(finding.text()));
        return text.toString();
    }
}
