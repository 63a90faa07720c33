/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The import rules of the core's and every app's main sources, read from the source tree: each package says in its
 * {@code package-info.java} whether it is pure or an adapter; a pure package imports nothing of ODL, OSGi, the
 * servlet API or Karaf; the core has one adapter package and imports no app; and no app imports another app's
 * implementation: apps meet only in the core (and in the YANG models, which are API).
 */
public class ArchitectureTest {
    private static final Pattern PLATFORM = Pattern.compile(
        "^import (static )?(org\\.opendaylight|org\\.osgi|javax\\.servlet|org\\.apache\\.karaf)\\.", Pattern.MULTILINE);
    private static final Pattern MAIN_PACKAGE =
        Pattern.compile(".*/(core|app-[^/]+/impl)/src/main/java/org/edgeplane/.*");
    private static final Pattern KIND = Pattern.compile("/\\*\\*\\s*\\*\\s*(Pure|Adapter)\\b");
    private static final List<String> APPS = List.of("isolation", "firewall", "insertion");

    @Rule
    public TemporaryFolder temporary = new TemporaryFolder();

    /** Every broken rule under a project root, one line each. */
    static List<String> violations(final Path projectRoot) throws IOException {
        final var out = new ArrayList<String>();
        final List<Path> packages;
        try (Stream<Path> dirs = Files.walk(projectRoot, 12)) {
            packages = dirs.filter(Files::isDirectory).filter(dir -> MAIN_PACKAGE.matcher(dir.toString()
                .replace('\\', '/')).matches()).filter(ArchitectureTest::holdsJava).sorted().toList();
        }
        final var coreAdapters = new ArrayList<String>();
        for (Path dir : packages) {
            final String pkg = projectRoot.relativize(dir).toString().replace('\\', '/')
                .replaceFirst(".*/src/main/java/", "").replace('/', '.');
            final String app = pkg.split("\\.")[2];
            final String kind = kindOf(dir.resolve("package-info.java"));
            if (kind == null) {
                out.add(pkg + ": no package-info.java saying Pure or Adapter");
            }
            final boolean pure = "Pure".equals(kind);
            if ("core".equals(app) && "Adapter".equals(kind)) {
                coreAdapters.add(pkg);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    final String text = Files.readString(file);
                    if (pure && PLATFORM.matcher(text).find()) {
                        out.add(pkg + "." + file.getFileName()
                            + ": a pure package imports ODL, OSGi, servlet or Karaf");
                    }
                    for (String other : APPS) {
                        final String foreign = "org.edgeplane." + other;
                        if (!other.equals(app) && (text.contains("import " + foreign + ".")
                                || text.contains("import static " + foreign + "."))) {
                            out.add(pkg + "." + file.getFileName() + ": " + app + " imports " + foreign);
                        }
                    }
                }
            }
        }
        if (coreAdapters.size() > 1) {
            out.add("the core has more than one adapter package: " + coreAdapters);
        }
        return out;
    }

    /** "Pure" or "Adapter", as the package's documentation starts; null when it says neither. */
    private static String kindOf(final Path info) throws IOException {
        if (!Files.exists(info)) {
            return null;
        }
        final Matcher matcher = KIND.matcher(Files.readString(info));
        return matcher.find() ? matcher.group(1) : null;
    }

    private static boolean holdsJava(final Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(file -> file.toString().endsWith(".java")
                && !file.getFileName().toString().equals("package-info.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    public void theProjectKeepsItsImportRules() throws IOException {
        final Path root = Path.of("").toAbsolutePath().getParent();
        assertTrue("the project root holds the apps: " + root,
            Files.isDirectory(root.resolve("app-tenant-isolation")));
        assertTrue("the core is read too", Files.isDirectory(root.resolve("core/src/main/java/org/edgeplane/core")));
        assertEquals(List.of(), violations(root));
    }

    @Test
    public void eachBrokenRuleIsFound() throws IOException {
        final Path root = temporary.getRoot().toPath();
        final Path pure = root.resolve("app-distributed-firewall/impl/src/main/java/org/edgeplane/firewall/compiler");
        final Path unsaid = root.resolve("app-service-insertion/impl/src/main/java/org/edgeplane/insertion/status");
        Files.createDirectories(pure);
        Files.createDirectories(unsaid);
        Files.writeString(pure.resolve("package-info.java"), "/**\n * Pure: compiles.\n */\npackage x;\n");
        Files.writeString(pure.resolve("A.java"), "package x;\n"
            + "import org.opendaylight.mdsal.binding.api.DataBroker;\n"
            + "import org.edgeplane.insertion.intent.Hop;\nclass A {}\n");
        Files.writeString(unsaid.resolve("B.java"), "package y;\nimport org.edgeplane.isolation.compiler.C;\n"
            + "class B {}\n");
        for (String adapter : List.of("odl", "osgi")) {
            final Path dir = root.resolve("core/src/main/java/org/edgeplane/core/" + adapter);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("package-info.java"), "/**\n * Adapter (ODL): writes.\n */\npackage z;\n");
            Files.writeString(dir.resolve("W.java"), "package z;\nimport org.edgeplane.firewall.odl.P;\nclass W {}\n");
        }
        assertEquals(List.of(
            "org.edgeplane.firewall.compiler.A.java: a pure package imports ODL, OSGi, servlet or Karaf",
            "org.edgeplane.firewall.compiler.A.java: firewall imports org.edgeplane.insertion",
            "org.edgeplane.insertion.status: no package-info.java saying Pure or Adapter",
            "org.edgeplane.insertion.status.B.java: insertion imports org.edgeplane.isolation",
            "org.edgeplane.core.odl.W.java: core imports org.edgeplane.firewall",
            "org.edgeplane.core.osgi.W.java: core imports org.edgeplane.firewall",
            "the core has more than one adapter package: [org.edgeplane.core.odl, org.edgeplane.core.osgi]"),
            violations(root));
    }
}
