/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.insertion.odl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.insertion.intent.ChainIntent;
import org.edgeplane.insertion.intent.Classifier;
import org.edgeplane.insertion.intent.Classifier.PortRange;
import org.edgeplane.insertion.intent.FailurePolicy;
import org.edgeplane.insertion.intent.Hop;
import org.edgeplane.insertion.intent.LoadBalanceField;
import org.edgeplane.insertion.intent.ServiceChain;
import org.edgeplane.insertion.intent.ServiceFunction;
import org.opendaylight.yang.gen.v1.urn.edgeplane.service.insertion.rev261123.Intent1;
import org.opendaylight.yang.gen.v1.urn.edgeplane.tenant.rev261204.Intent;
import org.opendaylight.yangtools.yang.common.Uint16;

/** Reads service insertion out of the binding form of the tenant intent. */
public final class ChainCodec {
    private ChainCodec() {
    }

    public static ChainIntent fromBinding(final @Nullable Intent intent) {
        final Intent1 insertion = intent == null ? null : intent.augmentation(Intent1.class);
        if (insertion == null) {
            return ChainIntent.EMPTY;
        }
        final var functions = new ArrayList<ServiceFunction>();
        insertion.nonnullServiceFunction().values().forEach(function -> functions.add(new ServiceFunction(
            function.getTenantId(), function.getName(), function.getIngressPort(), function.getEgressPort(),
            function.getForwarding() == org.opendaylight.yang.gen.v1.urn.edgeplane.service.insertion.rev261123
                .intent.ServiceFunction.Forwarding.Routed)));
        final var hops = new ArrayList<Hop>();
        insertion.nonnullHop().values().forEach(hop -> hops.add(new Hop(hop.getTenantId(), hop.getName(),
            hop.getServiceFunction() == null ? List.of() : hop.getServiceFunction().stream().sorted().toList(),
            hop.getLoadBalanceField() == null ? List.of() : hop.getLoadBalanceField().stream()
                .map(field -> LoadBalanceField.valueOf(field.getName().toUpperCase(Locale.ROOT).replace('-', '_')))
                .sorted().toList())));
        final var chains = new ArrayList<ServiceChain>();
        insertion.nonnullServiceChain().values().forEach(chain -> {
            final var classifiers = new ArrayList<Classifier>();
            chain.nonnullClassifier().values().forEach(classifier -> classifiers.add(new Classifier(
                classifier.getName(), classifier.getEthertype() == null ? Classifier.IPV4
                    : classifier.getEthertype().getName(), classifier.getProtocol(), classifier.getSourcePrefix(),
                classifier.getDestinationPrefix(), range(classifier.getSourcePortMin(),
                    classifier.getSourcePortMax()), range(classifier.getDestinationPortMin(),
                    classifier.getDestinationPortMax()), classifier.getLogicalSourcePort(),
                classifier.getLogicalDestinationPort())));
            classifiers.sort((left, right) -> left.name().compareTo(right.name()));
            chains.add(new ServiceChain(chain.getTenantId(), chain.getName(),
                chain.getHop() == null ? List.of() : chain.getHop(), classifiers,
                Boolean.TRUE.equals(chain.getSymmetric()), chain.getFailurePolicy() == null ? null
                    : FailurePolicy.valueOf(chain.getFailurePolicy().getName().toUpperCase(Locale.ROOT)
                        .replace('-', '_'))));
        });
        return ChainIntent.of(functions, hops, chains);
    }

    private static @Nullable PortRange range(final @Nullable Uint16 min, final @Nullable Uint16 max) {
        if (min == null && max == null) {
            return null;
        }
        return new PortRange(min == null ? null : min.intValue(), max == null ? null : max.intValue());
    }
}
