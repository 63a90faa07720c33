/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: what a switch does to a frame, flow by flow, under OpenFlow 1.3 semantics as Open vSwitch implements them;
 * the one pipeline walk that the packet trace and the tests' flow-table model share.
 */
package org.edgeplane.core.trace;
