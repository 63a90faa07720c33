/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
/**
 * Pure: what a validator reports (a violation names its field, kind and the objects involved) and the bounds
 * every app's validator enforces.
 */
package org.edgeplane.core.validation;
