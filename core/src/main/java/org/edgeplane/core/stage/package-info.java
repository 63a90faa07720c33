/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: the stage SPI. A stage is a pure function from the endpoints and the binding stage's edge facts to the
 * flows and groups of the tables its app owns; the worker runs every registered stage each round.
 */
package org.edgeplane.core.stage;
