/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: the pipeline's declarations: tables and their order, metadata bits, cookies, owners, priority bands, and
 * which fields a table may match.
 */
package org.edgeplane.core.pipeline;
