/*
 * Copyright (c) 2026 Edgeplane. All rights reserved.
 */
package org.edgeplane.isolation.compiler;

import java.util.Optional;

/**
 * What the compiler made of one port.
 *
 * @param portId the port
 * @param switchId the switch it is bound to
 * @param flowCount flows compiled for it on its own switch
 * @param error why it got no flows, if it got none
 */
public record PortOutcome(String portId, String switchId, int flowCount, Optional<String> error) {
}
