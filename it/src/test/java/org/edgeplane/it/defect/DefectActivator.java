/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it.defect;

import org.edgeplane.core.stage.PipelineStages;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** Registers the {@link DefectStage} with the core's rounds while the test bundle is started. */
public final class DefectActivator implements BundleActivator {
    private AutoCloseable registration;

    @Override
    public void start(final BundleContext context) {
        final ServiceReference<PipelineStages> reference = context.getServiceReference(PipelineStages.class);
        if (reference == null) {
            throw new IllegalStateException("the Edgeplane core is not running");
        }
        registration = context.getService(reference).register(new DefectStage());
    }

    @Override
    public void stop(final BundleContext context) throws Exception {
        if (registration != null) {
            registration.close();
        }
    }
}
