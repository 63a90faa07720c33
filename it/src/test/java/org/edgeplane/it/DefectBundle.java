/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Packs the test's deliberately broken stage ({@code org.edgeplane.it.defect}, compiled with the tests) as an OSGi
 * bundle that a running controller installs with {@code bundle:install}: the only way a defect reaches the round
 * guard as a defect would, through a stage's flows.
 */
final class DefectBundle {
    static final String SYMBOLIC_NAME = "org.edgeplane.it.defect";
    private static final String PACKAGE_PATH = "org/edgeplane/it/defect";

    private DefectBundle() {
    }

    /** Writes the bundle to {@code jar} and returns its path. */
    static Path build(final Path jar) throws IOException {
        final var manifest = new Manifest();
        final Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", "org.edgeplane.it.defect.DefectActivator");
        main.putValue("Import-Package", String.join(",", List.of("org.edgeplane.core.endpoint",
            "org.edgeplane.core.flow", "org.edgeplane.core.pipeline", "org.edgeplane.core.stage",
            "org.osgi.framework")));
        final Path classes = Path.of("target/test-classes");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest);
             Stream<Path> compiled = Files.list(classes.resolve(PACKAGE_PATH))) {
            for (Path entry : compiled.filter(path -> path.toString().endsWith(".class")).sorted().toList()) {
                out.putNextEntry(new JarEntry(PACKAGE_PATH + "/" + entry.getFileName()));
                out.write(Files.readAllBytes(entry));
                out.closeEntry();
            }
        }
        return jar.toAbsolutePath();
    }
}
