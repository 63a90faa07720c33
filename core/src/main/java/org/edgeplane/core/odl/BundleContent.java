/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.odl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.pipeline.Cookies;
import org.edgeplane.core.reconcile.FlowDiff;
import org.edgeplane.core.reconcile.FlowSweep;
import org.edgeplane.core.reconcile.SwitchHeld;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupTypes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.BucketsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.GroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeRef;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.Message;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.add.bundle.messages.input.messages.MessageBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.BundleInnerMessage;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleAddFlowCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleAddGroupCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleRemoveFlowCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleRemoveGroupCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.BundleUpdateGroupCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.add.flow._case.AddFlowCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.add.group._case.AddGroupCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.remove.flow._case.RemoveFlowCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.remove.group._case.RemoveGroupCaseDataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.openflowplugin.extension.onf.bundle.service.rev170124.bundle.inner.message.grouping.bundle.inner.message.bundle.update.group._case.UpdateGroupCaseDataBuilder;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The messages of one switch's bundle, in their order: groups added or modified, then flows deleted (swept objects
 * by table and exact cookie, the others each by its exact table, priority, match and cookie), then flows added,
 * then groups deleted, then the write stamp set (or removed). A switch whose content is not
 * known first loses every flow with Edgeplane's cookie and every group; a switch whose every flow the diff removes
 * loses them in that one message too, instead of one delete per flow. Everything but the flow adds is made at
 * once, while what the switch holds may still be read; the adds, nearly all of a large bundle, are translated one
 * chunk at a time as they are sent, so that the switch takes one chunk while the next is made.
 */
final class BundleContent {
    /** OFPTT_ALL: a delete in every table. */
    private static final Uint8 ALL_TABLES = Uint8.MAX_VALUE;
    /** OFPG_ALL: a delete of every group. */
    private static final long ALL_GROUPS = 0xFFFF_FFFCL;

    private final String switchId;
    private final NodeRef node;
    private final List<Message> before;
    private final List<FlowRecord> adds;
    private final List<Message> after;

    BundleContent(final FlowDiff diff, final SwitchHeld held, final NodeRef node) {
        switchId = diff.switchId();
        this.node = node;
        final var first = new ArrayList<BundleInnerMessage>();
        // A switch left with no flow (its intent deleted) loses them in one message, not one per flow.
        final boolean emptied = held.isKnown() && diff.writes().isEmpty() && !diff.removals().isEmpty()
            && diff.removals().size() == held.flowCount();
        if (!held.isKnown() || emptied) {
            first.add(new BundleRemoveFlowCaseBuilder().setRemoveFlowCaseData(new RemoveFlowCaseDataBuilder()
                .setTableId(ALL_TABLES).setStrict(Boolean.FALSE).setMatch(new MatchBuilder().build())
                .setCookie(new FlowCookie(Uint64.fromLongBits(Cookies.EDGEPLANE)))
                .setCookieMask(new FlowCookie(Uint64.fromLongBits(Cookies.EDGEPLANE_MASK))).build()).build());
        }
        if (!held.isKnown()) {
            first.add(new BundleRemoveGroupCaseBuilder().setRemoveGroupCaseData(new RemoveGroupCaseDataBuilder(
                anyGroup(ALL_GROUPS)).build()).build());
        }
        for (GroupRecord group : diff.groupWrites()) {
            final Group written = OpenflowTranslator.toGroup(group);
            first.add(held.holdsGroup(group.groupId())
                ? new BundleUpdateGroupCaseBuilder().setUpdateGroupCaseData(new UpdateGroupCaseDataBuilder(written)
                    .build()).build()
                : new BundleAddGroupCaseBuilder().setAddGroupCaseData(new AddGroupCaseDataBuilder(written).build())
                    .build());
        }
        for (FlowSweep sweep : diff.sweeps()) {
            first.add(new BundleRemoveFlowCaseBuilder().setRemoveFlowCaseData(new RemoveFlowCaseDataBuilder()
                .setTableId(Uint8.valueOf(sweep.table().id())).setStrict(Boolean.FALSE)
                .setMatch(new MatchBuilder().build()).setCookie(new FlowCookie(Uint64.fromLongBits(sweep.cookie())))
                .setCookieMask(new FlowCookie(Uint64.MAX_VALUE)).build()).build());
        }
        // Every delete comes before every add: a flow that keeps its match under a new id must not be deleted
        // after it was added.
        if (!emptied) {
            diff.removals().keySet().forEach(flowId -> first.add(removal(held.flow(flowId)
                .orElseThrow(() -> new IllegalStateException("flow " + flowId + " to remove was never written")))));
        }
        for (FlowRecord flow : diff.writes()) {
            final Optional<FlowRecord> previous = held.flow(flow.id());
            if (previous.isPresent() && !sameEntry(previous.orElseThrow(), flow)) {
                first.add(removal(previous.orElseThrow()));
            }
        }
        before = first.stream().map(this::message).toList();
        adds = List.copyOf(diff.writes());
        final var last = new ArrayList<Message>();
        diff.groupRemovals().forEach(groupId -> last.add(message(new BundleRemoveGroupCaseBuilder()
            .setRemoveGroupCaseData(new RemoveGroupCaseDataBuilder(anyGroup(groupId)).build()).build())));
        // The stamp commits with the rest of the bundle or not at all: it tells which write the switch holds.
        if (diff.stamp() > FlowDiff.REMOVE_STAMP) {
            last.add(message(new BundleAddFlowCaseBuilder().setAddFlowCaseData(new AddFlowCaseDataBuilder(
                OpenflowTranslator.stampFlow(diff.stamp())).build()).build()));
        } else if (diff.stamp() == FlowDiff.REMOVE_STAMP) {
            last.add(message(new BundleRemoveFlowCaseBuilder().setRemoveFlowCaseData(new RemoveFlowCaseDataBuilder()
                .setTableId(Uint8.valueOf(Cookies.STAMP_TABLE)).setStrict(Boolean.FALSE)
                .setMatch(new MatchBuilder().build())
                .setCookie(new FlowCookie(Uint64.fromLongBits(Cookies.WRITE_STAMP)))
                .setCookieMask(new FlowCookie(Uint64.fromLongBits(Cookies.APP_MASK))).build()).build()));
        }
        after = List.copyOf(last);
    }

    int size() {
        return before.size() + adds.size() + after.size();
    }

    /** The messages from {@code from}, at most {@code count}, made now. */
    List<Message> chunk(final int from, final int count) {
        final int to = Math.min(size(), from + count);
        final var chunk = new ArrayList<Message>(Math.max(0, to - from));
        for (int index = from; index < to; index++) {
            chunk.add(message(index));
        }
        return chunk;
    }

    private Message message(final int index) {
        if (index < before.size()) {
            return before.get(index);
        }
        final int add = index - before.size();
        if (add < adds.size()) {
            return message(new BundleAddFlowCaseBuilder().setAddFlowCaseData(new AddFlowCaseDataBuilder(
                OpenflowTranslator.toFlow(switchId, adds.get(add))).build()).build());
        }
        return after.get(add - adds.size());
    }

    private Message message(final BundleInnerMessage inner) {
        return new MessageBuilder().setNode(node).setBundleInnerMessage(inner).build();
    }

    /** Whether the switch holds both as one entry: an add of one replaces the other. */
    private static boolean sameEntry(final FlowRecord previous, final FlowRecord next) {
        return previous.table() == next.table() && previous.priority() == next.priority()
            && previous.match().equals(next.match());
    }

    /** Deletes exactly this flow: its table, priority and match, and only if it carries its cookie. */
    private BundleInnerMessage removal(final FlowRecord flow) {
        final Flow written = OpenflowTranslator.toFlow(switchId, flow);
        return new BundleRemoveFlowCaseBuilder().setRemoveFlowCaseData(new RemoveFlowCaseDataBuilder(written)
            .setInstructions(null).setStrict(Boolean.TRUE).setCookieMask(new FlowCookie(Uint64.MAX_VALUE)).build())
            .build();
    }

    private static Group anyGroup(final long groupId) {
        return new GroupBuilder().setGroupId(new GroupId(Uint32.valueOf(groupId)))
            .setGroupType(GroupTypes.GroupAll).setBuckets(new BucketsBuilder().build()).build();
    }
}
