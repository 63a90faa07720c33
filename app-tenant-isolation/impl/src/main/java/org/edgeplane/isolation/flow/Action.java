/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.flow;

/**
 * An OpenFlow 1.3 apply-action. Only standard actions so far; Nicira actions come with the ovs profile.
 */
public sealed interface Action {

    /** Send the frame, as it is now, out of a port. The switch never sends it back out of its in_port. */
    record Output(long port) implements Action {
        @Override
        public String toString() {
            return "output:" + port;
        }
    }

    /** Push an 802.1Q header (TPID 0x8100). */
    record PushVlan() implements Action {
        @Override
        public String toString() {
            return "push_vlan";
        }
    }

    /** Set the VLAN id of the outermost tag. */
    record SetVlanId(int vlanId) implements Action {
        @Override
        public String toString() {
            return "set_vlan_vid:" + vlanId;
        }
    }

    /** Remove the outermost 802.1Q header. */
    record PopVlan() implements Action {
        @Override
        public String toString() {
            return "pop_vlan";
        }
    }
}
