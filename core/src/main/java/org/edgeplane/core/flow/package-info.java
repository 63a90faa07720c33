/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: the flow model every app compiles into (matches, actions, instructions, flow, group and meter records),
 * the IP protocol table, and the pipeline contract each flow is checked against.
 */
package org.edgeplane.core.flow;
