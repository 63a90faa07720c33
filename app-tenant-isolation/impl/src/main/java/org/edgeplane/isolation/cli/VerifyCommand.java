/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.isolation.cli;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.Verify;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.VerifyInput;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.VerifyInputBuilder;
import org.opendaylight.yang.gen.v1.urn.edgeplane.verify.rev261206.VerifyOutput;
import org.opendaylight.yangtools.yang.common.RpcError;
import org.opendaylight.yangtools.yang.common.RpcResult;

/**
 * {@code edgeplane:verify}: the {@code edgeplane-verify:verify} RPC from the shell, so it works on any member (ODL
 * routes it to the one that runs the rounds). Exits non-zero when a property is broken, so scripts can gate on it.
 */
@Service
@Command(scope = "edgeplane", name = "verify",
    description = "Prove the switches' flows isolated: every packet of every port followed; witnesses for what breaks")
public final class VerifyCommand implements Action {
    @Reference
    RpcConsumerRegistry rpcs;

    @Reference
    Session session;

    @Option(name = "--desired", description = "Verify the last round's flows instead of those the switches hold")
    boolean desired;

    @Override
    public Object execute() throws InterruptedException, ExecutionException, TimeoutException {
        final RpcResult<VerifyOutput> result = rpcs.getRpc(Verify.class).invoke(new VerifyInputBuilder()
            .setFlows(desired ? VerifyInput.Flows.Desired : VerifyInput.Flows.Installed).build())
            .get(120, TimeUnit.SECONDS);
        if (!result.isSuccessful()) {
            // Thrown, so that the shell prints it and a non-interactive client exits non-zero.
            throw new IllegalStateException(result.getErrors().stream().map(RpcError::getMessage)
                .collect(Collectors.joining("; ")));
        }
        session.getConsole().println(result.getResult().getText());
        if (!Boolean.TRUE.equals(result.getResult().getProven())) {
            throw new IllegalStateException("not proven isolated: " + result.getResult().nonnullFinding().size()
                + " finding(s) above");
        }
        return null;
    }
}
