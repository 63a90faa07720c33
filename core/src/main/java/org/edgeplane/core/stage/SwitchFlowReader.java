/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.stage;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Asks the switches themselves which flows they hold, when Edgeplane needs to know: nothing of it is kept between
 * calls. Every call asks all the given switches at once; a switch that does not answer in time is absent from the
 * result, the others are not held up by it.
 */
public interface SwitchFlowReader {
    /** A reader for hosts without switches: every switch is silent. */
    SwitchFlowReader SILENT = new SwitchFlowReader() {
        @Override
        public Map<String, Long> counts(final Collection<String> switchIds, final long cookie, final long mask) {
            return Map.of();
        }

        @Override
        public Map<String, List<ReportedFlow>> flows(final Collection<String> switchIds, final long cookie,
                final long mask) {
            return Map.of();
        }
    };

    /**
     * How many flows each switch holds whose cookie equals {@code cookie} in the bits of {@code mask}: one
     * aggregate request per switch, whatever its number of flows.
     */
    Map<String, Long> counts(Collection<String> switchIds, long cookie, long mask);

    /** The flows each switch holds whose cookie equals {@code cookie} in the bits of {@code mask}. */
    Map<String, List<ReportedFlow>> flows(Collection<String> switchIds, long cookie, long mask);

    /** One flow as its switch reports it: the cookie it was installed with, and what it counted. */
    record ReportedFlow(long cookie, FlowCounter counter) {
    }
}
