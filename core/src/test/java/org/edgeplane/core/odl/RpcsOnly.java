/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.yangtools.yang.binding.RpcService;

/** A test's fake plugin: it offers RPCs one by one ({@code getRpc}); Edgeplane asks for no RPC service. */
abstract class RpcsOnly implements RpcConsumerRegistry {
    @Override
    public final <S extends RpcService> S getRpcService(final Class<S> serviceInterface) {
        throw new UnsupportedOperationException(serviceInterface.getName());
    }
}
