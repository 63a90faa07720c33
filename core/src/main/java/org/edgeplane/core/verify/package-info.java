/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: proves the isolation properties of compiled flows before they reach a switch. Header-space analysis with
 * ternary cubes over every field the pipeline matches or rewrites; every packet an endpoint can send is followed
 * through goto, set-field, push/pop, every group bucket and output, across the uplinks' fabric and the tunnels.
 */
package org.edgeplane.core.verify;
