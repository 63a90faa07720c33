/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.edgeplane.core.stage.RoundOperations;
import org.edgeplane.core.trace.OvsMicroflow;
import org.edgeplane.core.verify.Finding;
import org.edgeplane.core.verify.VerificationReport;
import org.edgeplane.core.verify.Witness;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.Verify;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.VerifyInput;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.VerifyOutput;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.VerifyOutputBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.verify.output.FindingBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.verify.output.FindingKey;
import org.opendaylight.yangtools.yang.common.ErrorTag;
import org.opendaylight.yangtools.yang.common.ErrorType;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.RpcResultBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;

/**
 * The {@code edgeplane-verify:verify} RPC, registered by the member that runs the rounds while it does (ODL routes
 * a call made on another member to it). A member not ready to verify answers resource-denied (409).
 */
final class VerifyService implements Verify {
    private final RoundOperations rounds;

    VerifyService(final RoundOperations rounds) {
        this.rounds = requireNonNull(rounds);
    }

    @Override
    public ListenableFuture<RpcResult<VerifyOutput>> invoke(final VerifyInput input) {
        final VerificationReport report;
        try {
            report = rounds.verify(input.getFlows() != VerifyInput.Flows.Desired);
        } catch (IllegalStateException e) {
            return RpcResultBuilder.<VerifyOutput>failed().withError(ErrorType.APPLICATION,
                ErrorTag.RESOURCE_DENIED, "cannot verify now: " + e.getMessage()).buildFuture();
        }
        final var findings = new HashMap<FindingKey, org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206
            .verify.output.Finding>();
        for (int index = 0; index < report.findings().size(); index++) {
            final Finding finding = report.findings().get(index);
            final Witness witness = finding.witness();
            final var path = new ArrayList<String>();
            witness.hops().forEach(hop -> hop.flows().forEach(flow -> path.add(hop.switchId() + " " + flow + " ["
                + flow.id() + "]")));
            final var built = new FindingBuilder().setIndex(Uint32.valueOf(index))
                .setProperty(finding.property().label()).setSourcePort(finding.sourcePort())
                .setTargetPort(finding.targetPort()).setSummary(finding.summary()).setSwitch(witness.switchId())
                .setInPort(Uint32.valueOf(witness.inPort())).setFlow(OvsMicroflow.of(witness.inPort(),
                    witness.frame())).setPath(List.copyOf(path))
                .setOutput(witness.lastOutput() == null ? null : Uint32.valueOf(witness.lastOutput())).build();
            findings.put(built.key(), built);
        }
        return RpcResultBuilder.success(new VerifyOutputBuilder().setProven(report.proven())
            .setPorts(Uint32.valueOf(report.sources())).setText(report.text()).setFinding(findings).build())
            .buildFuture();
    }
}
