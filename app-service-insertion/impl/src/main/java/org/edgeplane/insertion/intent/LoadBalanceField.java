/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.intent;

/** A header field a hop's instance selection depends on. */
public enum LoadBalanceField {
    ETH_SRC, ETH_DST, IP_SRC, IP_DST, IP_PROTO, L4_SRC, L4_DST
}
