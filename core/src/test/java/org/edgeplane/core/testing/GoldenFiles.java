/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.testing;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;

/**
 * Expected compiler output kept in src/test/resources/golden of the module under test. Run with
 * -Dgolden.update=true to rewrite the files after an intended change, and review the diff.
 */
public final class GoldenFiles {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private GoldenFiles() {
    }

    /** Flows by switch in switch order, one sorted line per flow (tables named, not numbered). */
    public static String render(final Map<String, ? extends Map<String, FlowRecord>> flowsBySwitch) {
        return new TreeMap<>(flowsBySwitch).entrySet().stream()
            .map(entry -> "# " + entry.getKey() + "\n" + entry.getValue().values().stream().map(FlowRecord::toString)
                .sorted().collect(Collectors.joining("\n")))
            .collect(Collectors.joining("\n")) + "\n";
    }

    /** Flows by switch as {@link #render}, then each switch's groups in id order, one line per group. */
    public static String render(final Map<String, ? extends Map<String, FlowRecord>> flowsBySwitch,
            final Map<String, ? extends Map<Long, GroupRecord>> groupsBySwitch) {
        return render(flowsBySwitch) + new TreeMap<>(groupsBySwitch).entrySet().stream()
            .map(entry -> "# groups of " + entry.getKey() + "\n" + new TreeMap<>(entry.getValue()).values().stream()
                .map(GroupRecord::toString).collect(Collectors.joining("\n")))
            .collect(Collectors.joining("\n")) + "\n";
    }

    public static void assertGolden(final String name, final String actual) throws IOException {
        final Path file = GOLDEN.resolve(name + ".flows");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual);
    }
}
