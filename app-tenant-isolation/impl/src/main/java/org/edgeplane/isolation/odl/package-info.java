/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Adapter (ODL): the only package of tenant isolation that imports ODL: datastore codecs and listeners, the commit
 * cohort, the OpenFlow translator and inventory writer, the RESTCONF guard, and the Blueprint-wired provider.
 */
package org.edgeplane.isolation.odl;
