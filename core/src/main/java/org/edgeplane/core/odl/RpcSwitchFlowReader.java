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
import java.math.BigInteger;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.stage.FlowCounter;
import org.edgeplane.core.stage.SwitchFlowReader;
import org.opendaylight.mdsal.binding.api.RpcConsumerRegistry;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.Counter64;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatistics;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.direct.statistics.rev160511.GetFlowStatisticsOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.GetAggregateFlowStatisticsFromFlowTableForGivenMatch;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.GetAggregateFlowStatisticsFromFlowTableForGivenMatchInputBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.statistics.rev130819.GetAggregateFlowStatisticsFromFlowTableForGivenMatchOutput;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yangtools.yang.common.RpcResult;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads flows from the switches through the OpenFlow plugin's statistics RPCs, which answer from the switch and
 * store nothing: the aggregate request (a count, one small reply) and the direct flow statistics (every matching
 * flow with its counters, {@code store-stats} false). The plugin's periodic statistics are off in the distribution.
 */
public final class RpcSwitchFlowReader implements SwitchFlowReader {
    private static final Logger LOG = LoggerFactory.getLogger(RpcSwitchFlowReader.class);

    private final RpcConsumerRegistry rpcs;
    private final Duration timeout;

    public RpcSwitchFlowReader(final RpcConsumerRegistry rpcs, final Duration timeout) {
        this.rpcs = requireNonNull(rpcs);
        this.timeout = requireNonNull(timeout);
    }

    @Override
    public Map<String, Long> counts(final Collection<String> switchIds, final long cookie, final long mask) {
        final var rpc = rpcs.getRpc(GetAggregateFlowStatisticsFromFlowTableForGivenMatch.class);
        return askAll(switchIds, "count flows", switchId -> rpc.invoke(
            new GetAggregateFlowStatisticsFromFlowTableForGivenMatchInputBuilder().setNode(Inventory.nodeRef(switchId))
                .setCookie(flowCookie(cookie)).setCookieMask(flowCookie(mask)).build()),
            RpcSwitchFlowReader::flowCount);
    }

    @Override
    public Map<String, List<ReportedFlow>> flows(final Collection<String> switchIds, final long cookie,
            final long mask) {
        final var rpc = rpcs.getRpc(GetFlowStatistics.class);
        return askAll(switchIds, "read flows", switchId -> rpc.invoke(new GetFlowStatisticsInputBuilder()
            .setNode(Inventory.nodeRef(switchId)).setStoreStats(false).setCookie(flowCookie(cookie))
            .setCookieMask(flowCookie(mask)).build()), RpcSwitchFlowReader::reportedFlows);
    }

    /** Sends every request first, then waits for the answers within one shared deadline. */
    private <O, T> Map<String, T> askAll(final Collection<String> switchIds, final String what,
            final Function<String, ListenableFuture<RpcResult<O>>> request, final Function<O, T> answer) {
        final var pending = new LinkedHashMap<String, ListenableFuture<RpcResult<O>>>();
        switchIds.forEach(switchId -> pending.put(switchId, request.apply(switchId)));
        final long deadline = System.nanoTime() + timeout.toNanos();
        final var answers = new TreeMap<String, T>();
        pending.forEach((switchId, future) -> {
            try {
                final RpcResult<O> result = future.get(Math.max(0, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
                if (result.isSuccessful() && result.getResult() != null) {
                    answers.put(switchId, answer.apply(result.getResult()));
                } else {
                    LOG.debug("Switch {} did not {}: {}", switchId, what, result.getErrors());
                }
            } catch (ExecutionException | TimeoutException e) {
                future.cancel(false);
                LOG.debug("Switch {} did not {} in {}", switchId, what, timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                future.cancel(false);
            }
        });
        return answers;
    }

    private static long flowCount(final GetAggregateFlowStatisticsFromFlowTableForGivenMatchOutput output) {
        return output.nonnullAggregatedFlowStatistics().stream()
            .filter(statistics -> statistics.getFlowCount() != null)
            .mapToLong(statistics -> statistics.getFlowCount().getValue().toJava()).sum();
    }

    private static List<ReportedFlow> reportedFlows(final GetFlowStatisticsOutput output) {
        return output.nonnullFlowAndStatisticsMapList().stream()
            .filter(flow -> flow.getCookie() != null)
            .map(flow -> new ReportedFlow(flow.getCookie().getValue().longValue(),
                new FlowCounter(counterValue(flow.getPacketCount()), counterValue(flow.getByteCount()))))
            .toList();
    }

    private static FlowCookie flowCookie(final long value) {
        return new FlowCookie(Uint64.fromLongBits(value));
    }

    static long counterValue(final @Nullable Counter64 counter) {
        // Switch counters are unsigned 64 bits; one that passed 2^63 is saturated rather than negative.
        return counter == null || counter.getValue() == null ? 0
            : counter.getValue().toJava().min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }
}
