/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.verify;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.annotation.Nullable;

/**
 * A property some packet breaks.
 *
 * @param property which
 * @param sourcePort the intent port the packet leaves
 * @param targetPort the intent port it reaches, when the property is about a pair
 * @param summary what is wrong in one sentence, naming the objects
 * @param witness one such packet and its path
 */
public record Finding(IsolationProperty property, String sourcePort, @Nullable String targetPort, String summary,
        Witness witness) {
    public Finding {
        requireNonNull(property);
        requireNonNull(sourcePort);
        requireNonNull(summary);
        requireNonNull(witness);
    }

    /** The intent ports involved: the source, and the target when there is one. */
    public List<String> ports() {
        final var ports = new ArrayList<String>();
        ports.add(sourcePort);
        if (targetPort != null && !targetPort.equals(sourcePort)) {
            ports.add(targetPort);
        }
        return ports;
    }

    /** The finding in one line: the property's label and the summary. */
    public String headline() {
        return property.label() + ": " + summary;
    }

    /** The headline, the property's statement and the witness. */
    public String text() {
        return headline() + "\n  (" + property.statement() + ")\n" + witness.text();
    }
}
