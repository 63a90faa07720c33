/**
 * Tenant isolation: intent model, edge pipeline contract, flow compiler and reconciler.
 */
package org.edgeplane.isolation;
