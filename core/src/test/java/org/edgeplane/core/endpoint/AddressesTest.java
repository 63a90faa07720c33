/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.endpoint;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class AddressesTest {
    @Test
    public void aPrefixCoversItselfAndWhatLiesInside() {
        assertTrue(Addresses.covers("10.0.0.0/8", "10.0.0.0/8"));
        assertTrue(Addresses.covers("10.0.0.0/8", "10.1.0.0/16"));
        assertTrue(Addresses.covers("10.0.0.0/8", "10.255.3.4"));
        assertTrue(Addresses.covers("0.0.0.0/0", "192.168.1.0/24"));
        assertTrue(Addresses.covers("10.1.2.3", "10.1.2.3/32"));
        assertTrue(Addresses.covers("fd00::/8", "fd00:1::5/128"));
    }

    @Test
    public void nothingOutsideNarrowerOrOfAnotherFamily() {
        assertFalse(Addresses.covers("10.1.0.0/16", "10.0.0.0/8"));
        assertFalse(Addresses.covers("10.0.0.0/9", "10.128.0.1"));
        assertFalse(Addresses.covers("10.0.0.0/8", "11.0.0.1"));
        assertFalse(Addresses.covers("0.0.0.0/0", "fd00::1"));
        assertFalse(Addresses.covers("::/0", "10.0.0.1"));
        assertFalse(Addresses.covers("not-a-prefix", "10.0.0.1"));
    }
}
