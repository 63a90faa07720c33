/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import javax.management.JMException;
import javax.management.ObjectName;

/** This controller's name in its cluster, as the distributed datastore's shard manager reports it over JMX. */
final class MemberName {
    private static final String SHARD_MANAGER = "org.opendaylight.controller:type=DistributedOperationalDatastore,"
        + "Category=ShardManager,name=shard-manager-operational";

    private MemberName() {
    }

    /** The member name (member-1), or the host's name where no distributed datastore runs (tests). */
    static String local() {
        try {
            return String.valueOf(ManagementFactory.getPlatformMBeanServer().getAttribute(
                new ObjectName(SHARD_MANAGER), "MemberName"));
        } catch (JMException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException unknown) {
                return "local";
            }
        }
    }
}
