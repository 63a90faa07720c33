/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: the firewall compiler: security groups and tenant policy in, the firewall tables of every switch out;
 * a port or switch whose compile fails is quarantined alone.
 */
package org.edgeplane.firewall.compiler;
