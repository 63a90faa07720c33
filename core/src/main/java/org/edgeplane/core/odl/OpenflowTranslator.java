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
import org.edgeplane.core.flow.Action;
import org.edgeplane.core.flow.FlowMatch;
import org.edgeplane.core.flow.FlowRecord;
import org.edgeplane.core.flow.GroupRecord;
import org.edgeplane.core.flow.Instruction;
import org.edgeplane.core.flow.IpMatch;
import org.edgeplane.core.flow.MeterRecord;
import org.edgeplane.core.pipeline.Cookies;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv4Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Ipv6Prefix;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.PortNumber;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.inet.types.rev130715.Uri;
import org.opendaylight.yang.gen.v1.urn.ietf.params.xml.ns.yang.ietf.yang.types.rev130715.MacAddress;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.GroupActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.OutputActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PopMplsActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PopVlanActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PushMplsActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.PushVlanActionCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCase;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.SetFieldCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.group.action._case.GroupActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.output.action._case.OutputActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.pop.mpls.action._case.PopMplsActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.pop.vlan.action._case.PopVlanActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.push.mpls.action._case.PushMplsActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.push.vlan.action._case.PushVlanActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.action.set.field._case.SetFieldBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.ActionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.FlowId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.Meter;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.meters.MeterKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.Flow;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.inventory.rev130819.tables.table.FlowKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.FlowCookie;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.InstructionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Match;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.ApplyActionsCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.GoToTableCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.MeterCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.WriteMetadataCaseBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.apply.actions._case.ApplyActionsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.go.to.table._case.GoToTableBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.instruction.write.metadata._case.WriteMetadataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.instruction.list.InstructionBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.BucketId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.GroupTypes;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.BucketsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.buckets.Bucket;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.group.buckets.BucketBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.Group;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.GroupBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.group.types.rev131018.groups.GroupKey;
import org.opendaylight.yang.gen.v1.urn.opendaylight.inventory.rev130819.NodeConnectorId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.EtherType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.l2.types.rev130827.VlanId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.BandId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterBandType;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterFlags;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.MeterId;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.band.type.band.type.DropBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.MeterBandHeadersBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.meter.band.headers.MeterBandHeaderBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.meter.types.rev130918.meter.meter.band.headers.meter.band.header.MeterBandTypesBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.arp.match.fields.ArpSourceHardwareAddressBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetDestinationBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetSourceBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.ethernet.match.fields.EthernetTypeBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.EthernetMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.Icmpv4MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.Icmpv6MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.IpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.MetadataBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.ProtocolMatchFieldsBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.TunnelBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.VlanMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.ArpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv4MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._3.match.Ipv6MatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._4.match.TcpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.layer._4.match.UdpMatchBuilder;
import org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.vlan.match.fields.VlanIdBuilder;
import org.opendaylight.yangtools.yang.binding.util.BindingMap;
import org.opendaylight.yangtools.yang.common.Uint16;
import org.opendaylight.yangtools.yang.common.Uint32;
import org.opendaylight.yangtools.yang.common.Uint64;
import org.opendaylight.yangtools.yang.common.Uint8;

/**
 * The one place that turns Edgeplane flow records into OpenFlow plugin inventory flows. Pure static methods: no
 * state, no datastore.
 */
public final class OpenflowTranslator {
    private static final int VLAN_TPID = 0x8100;
    private static final int NO_BUFFER = 0xFFFF;

    private OpenflowTranslator() {
    }

    /** The inventory flow for a record, on a switch (the node id qualifies in_port). */
    public static Flow toFlow(final String switchId, final FlowRecord record) {
        final var builder = new FlowBuilder()
            .withKey(new FlowKey(new FlowId(record.id())))
            .setId(new FlowId(record.id()))
            .setTableId(Uint8.valueOf(record.table().id()))
            .setPriority(Uint16.valueOf(record.priority()))
            .setCookie(new FlowCookie(Uint64.fromLongBits(record.cookie())))
            .setFlowName(record.id())
            .setIdleTimeout(Uint16.ZERO)
            .setHardTimeout(Uint16.ZERO)
            .setStrict(false)
            .setMatch(toMatch(switchId, record.match()));
        if (!record.instructions().isEmpty()) {
            builder.setInstructions(toInstructions(record.instructions()));
        }
        return builder.build();
    }

    /** The write stamp flow: it matches everything in a table no packet is sent to, and does nothing. */
    static Flow stampFlow(final long stamp) {
        final String id = "edgeplane-write-stamp";
        return new FlowBuilder()
            .withKey(new FlowKey(new FlowId(id)))
            .setId(new FlowId(id))
            .setTableId(Uint8.valueOf(Cookies.STAMP_TABLE))
            .setPriority(Uint16.ZERO)
            .setCookie(new FlowCookie(Uint64.fromLongBits(Cookies.WRITE_STAMP | stamp)))
            .setFlowName(id)
            .setIdleTimeout(Uint16.ZERO)
            .setHardTimeout(Uint16.ZERO)
            .setStrict(false)
            .setMatch(new MatchBuilder().build())
            .build();
    }

    static Match toMatch(final String switchId, final FlowMatch match) {
        final var builder = new MatchBuilder();
        if (match.inPort() != null) {
            builder.setInPort(new NodeConnectorId(switchId + ":" + match.inPort()));
        }
        if (match.metadata() != null) {
            builder.setMetadata(new MetadataBuilder().setMetadata(Uint64.fromLongBits(match.metadata()))
                .setMetadataMask(Uint64.fromLongBits(match.metadataMask())).build());
        }
        if (match.ethType() != null || match.ethSrc() != null || match.ethDst() != null) {
            final var ethernet = new EthernetMatchBuilder();
            if (match.ethType() != null) {
                ethernet.setEthernetType(new EthernetTypeBuilder()
                    .setType(new EtherType(Uint32.valueOf(match.ethType()))).build());
            }
            if (match.ethSrc() != null) {
                ethernet.setEthernetSource(new EthernetSourceBuilder().setAddress(new MacAddress(match.ethSrc()))
                    .build());
            }
            if (match.ethDst() != null) {
                final var destination = new EthernetDestinationBuilder().setAddress(new MacAddress(match.ethDst()));
                if (match.ethDstMask() != null) {
                    destination.setMask(new MacAddress(match.ethDstMask()));
                }
                ethernet.setEthernetDestination(destination.build());
            }
            builder.setEthernetMatch(ethernet.build());
        }
        if (match.vlanVid() != null) {
            builder.setVlanMatch(vlanMatch(match.vlanVid(), match.vlanVid() != FlowMatch.UNTAGGED));
        }
        if (match.tunnelId() != null) {
            builder.setTunnel(new TunnelBuilder().setTunnelId(Uint64.valueOf(match.tunnelId())).build());
        }
        if (match.mplsLabel() != null) {
            builder.setProtocolMatchFields(new ProtocolMatchFieldsBuilder()
                .setMplsLabel(Uint32.valueOf(match.mplsLabel())).build());
        }
        final IpMatch ip = match.ip();
        if (match.ipv4Src() != null || ip != null && ip.ipv4Dst() != null) {
            final var ipv4 = new Ipv4MatchBuilder();
            if (match.ipv4Src() != null) {
                ipv4.setIpv4Source(new Ipv4Prefix(match.ipv4Src()));
            }
            if (ip != null && ip.ipv4Dst() != null) {
                ipv4.setIpv4Destination(new Ipv4Prefix(ip.ipv4Dst()));
            }
            builder.setLayer3Match(ipv4.build());
        } else if (match.ipv6Src() != null || ip != null && ip.ipv6Dst() != null) {
            final var ipv6 = new Ipv6MatchBuilder();
            if (match.ipv6Src() != null) {
                ipv6.setIpv6Source(new Ipv6Prefix(match.ipv6Src()));
            }
            if (ip != null && ip.ipv6Dst() != null) {
                ipv6.setIpv6Destination(new Ipv6Prefix(ip.ipv6Dst()));
            }
            builder.setLayer3Match(ipv6.build());
        } else if (match.arpSpa() != null || match.arpSha() != null || match.arpOp() != null
                || match.arpTpa() != null) {
            final var arp = new ArpMatchBuilder();
            if (match.arpOp() != null) {
                arp.setArpOp(Uint16.valueOf(match.arpOp()));
            }
            if (match.arpTpa() != null) {
                arp.setArpTargetTransportAddress(new Ipv4Prefix(match.arpTpa()));
            }
            if (match.arpSpa() != null) {
                arp.setArpSourceTransportAddress(new Ipv4Prefix(match.arpSpa()));
            }
            if (match.arpSha() != null) {
                arp.setArpSourceHardwareAddress(new ArpSourceHardwareAddressBuilder()
                    .setAddress(new MacAddress(match.arpSha())).build());
            }
            builder.setLayer3Match(arp.build());
        }
        final var nicira = new NiciraMatches();
        if (ip != null) {
            transport(builder, nicira, match.ethType(), ip);
        }
        if (match.conntrack() != null) {
            nicira.conntrack(match.conntrack());
        }
        nicira.addTo(builder);
        return builder.build();
    }

    /** Protocol, ports (exact ones standard, masked ones Nicira) and ICMP type/code. */
    private static void transport(final MatchBuilder builder, final NiciraMatches nicira, final Integer ethType,
            final IpMatch ip) {
        if (ip.ipProto() == null) {
            return;
        }
        final int proto = ip.ipProto();
        builder.setIpMatch(new IpMatchBuilder().setIpProtocol(Uint8.valueOf(proto)).build());
        final var src = ip.srcPort();
        final var dst = ip.dstPort();
        if (proto == IpMatch.TCP && exactOrNone(src, dst)) {
            builder.setLayer4Match(new TcpMatchBuilder().setTcpSourcePort(portNumber(src))
                .setTcpDestinationPort(portNumber(dst)).build());
        } else if (proto == IpMatch.UDP && exactOrNone(src, dst)) {
            builder.setLayer4Match(new UdpMatchBuilder().setUdpSourcePort(portNumber(src))
                .setUdpDestinationPort(portNumber(dst)).build());
        } else if (proto == IpMatch.TCP || proto == IpMatch.UDP) {
            if (src != null) {
                nicira.port(proto, true, src);
            }
            if (dst != null) {
                nicira.port(proto, false, dst);
            }
        }
        final Uint8 type = ip.icmpType() == null ? null : Uint8.valueOf(ip.icmpType());
        final Uint8 code = ip.icmpCode() == null ? null : Uint8.valueOf(ip.icmpCode());
        if (type != null || code != null) {
            if (ethType != null && ethType == FlowMatch.ETH_IPV6) {
                builder.setIcmpv6Match(new Icmpv6MatchBuilder().setIcmpv6Type(type).setIcmpv6Code(code).build());
            } else {
                builder.setIcmpv4Match(new Icmpv4MatchBuilder().setIcmpv4Type(type).setIcmpv4Code(code).build());
            }
        }
    }

    private static boolean exactOrNone(final IpMatch.PortMask src, final IpMatch.PortMask dst) {
        return (src == null || src.isExact()) && (dst == null || dst.isExact());
    }

    private static PortNumber portNumber(final IpMatch.PortMask port) {
        return port == null ? null : new PortNumber(Uint16.valueOf(port.value()));
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.model.match.types.rev131026.match.VlanMatch
            vlanMatch(final int vlanId, final boolean present) {
        return new VlanMatchBuilder().setVlanId(new VlanIdBuilder().setVlanIdPresent(present)
            .setVlanId(new VlanId(Uint16.valueOf(vlanId))).build()).build();
    }

    private static org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026.flow.Instructions
            toInstructions(final List<Instruction> instructions) {
        final var list = new ArrayList<org.opendaylight.yang.gen.v1.urn.opendaylight.flow.types.rev131026
            .instruction.list.Instruction>();
        int order = 0;
        for (Instruction instruction : instructions) {
            final var builder = new InstructionBuilder().setOrder(order++);
            if (instruction instanceof Instruction.ApplyActions apply) {
                builder.setInstruction(new ApplyActionsCaseBuilder().setApplyActions(new ApplyActionsBuilder()
                    .setAction(BindingMap.ordered(toActions(apply.actions()))).build()).build());
            } else if (instruction instanceof Instruction.WriteMetadata write) {
                builder.setInstruction(new WriteMetadataCaseBuilder().setWriteMetadata(new WriteMetadataBuilder()
                    .setMetadata(Uint64.fromLongBits(write.value()))
                    .setMetadataMask(Uint64.fromLongBits(write.mask())).build()).build());
            } else if (instruction instanceof Instruction.Meter meter) {
                builder.setInstruction(new MeterCaseBuilder().setMeter(new org.opendaylight.yang.gen.v1.urn
                    .opendaylight.flow.types.rev131026.instruction.instruction.meter._case.MeterBuilder()
                    .setMeterId(new MeterId(Uint32.valueOf(meter.meterId()))).build()).build());
            } else if (instruction instanceof Instruction.GotoTable goTo) {
                builder.setInstruction(new GoToTableCaseBuilder().setGoToTable(new GoToTableBuilder()
                    .setTableId(Uint8.valueOf(goTo.table().id())).build()).build());
            }
            list.add(builder.build());
        }
        return new InstructionsBuilder().setInstruction(BindingMap.ordered(list)).build();
    }

    private static SetFieldCase setField(final SetFieldBuilder field) {
        return new SetFieldCaseBuilder().setSetField(field.build()).build();
    }

    /** The inventory meter for a record: one drop band, rate and burst in kilobits. */
    public static Meter toMeter(final MeterRecord record) {
        final var drop = new DropBuilder().setDropRate(Uint32.valueOf(record.kbps()))
            .setDropBurstSize(Uint32.valueOf(record.burstKbits())).build();
        final var band = new MeterBandHeaderBuilder().setBandId(new BandId(Uint32.ZERO))
            .setBandRate(Uint32.valueOf(record.kbps())).setBandBurstSize(Uint32.valueOf(record.burstKbits()))
            .setMeterBandTypes(new MeterBandTypesBuilder().setFlags(new MeterBandType(true, false, false)).build())
            .setBandType(drop).build();
        return new MeterBuilder()
            .withKey(new MeterKey(new MeterId(Uint32.valueOf(record.meterId()))))
            .setMeterId(new MeterId(Uint32.valueOf(record.meterId())))
            .setMeterName(Inventory.meterName(record.meterId()))
            .setFlags(new MeterFlags(true, true, false, true))
            .setMeterBandHeaders(new MeterBandHeadersBuilder().setMeterBandHeader(BindingMap.of(band)).build())
            .build();
    }

    /** The inventory group for a record: a select group with one equally weighted bucket per choice. */
    public static Group toGroup(final GroupRecord record) {
        final var buckets = new ArrayList<Bucket>();
        for (GroupRecord.Bucket bucket : record.buckets()) {
            buckets.add(new BucketBuilder().setBucketId(new BucketId(Uint32.valueOf(bucket.bucketId())))
                .setWeight(Uint16.ONE).setAction(BindingMap.ordered(toActions(bucket.actions()))).build());
        }
        return new GroupBuilder()
            .withKey(new GroupKey(new GroupId(Uint32.valueOf(record.groupId()))))
            .setGroupId(new GroupId(Uint32.valueOf(record.groupId())))
            .setGroupName(Inventory.groupName(record.groupId()))
            .setGroupType(GroupTypes.GroupSelect)
            .setBarrier(false)
            .setBuckets(new BucketsBuilder().setBucket(BindingMap.ordered(buckets)).build())
            .build();
    }

    private static List<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112.action.list.Action>
            toActions(final List<Action> actions) {
        final var list = new ArrayList<org.opendaylight.yang.gen.v1.urn.opendaylight.action.types.rev131112
            .action.list.Action>();
        int order = 0;
        for (Action action : actions) {
            final var builder = new ActionBuilder().setOrder(order++);
            if (action instanceof Action.Output output) {
                builder.setAction(new OutputActionCaseBuilder().setOutputAction(new OutputActionBuilder()
                    .setOutputNodeConnector(new Uri(Long.toString(output.port())))
                    .setMaxLength(Uint16.valueOf(NO_BUFFER)).build()).build());
            } else if (action instanceof Action.PushVlan) {
                builder.setAction(new PushVlanActionCaseBuilder().setPushVlanAction(new PushVlanActionBuilder()
                    .setEthernetType(Uint16.valueOf(VLAN_TPID)).build()).build());
            } else if (action instanceof Action.SetVlanId set) {
                // set-field, not set-vlan-id: the plugin expands set-vlan-id into two flows, one pushing its own tag.
                builder.setAction(new SetFieldCaseBuilder().setSetField(new SetFieldBuilder()
                    .setVlanMatch(vlanMatch(set.vlanId(), true)).build()).build());
            } else if (action instanceof Action.PopVlan) {
                builder.setAction(new PopVlanActionCaseBuilder().setPopVlanAction(new PopVlanActionBuilder()
                    .build()).build());
            } else if (action instanceof Action.OutputInPort) {
                builder.setAction(new OutputActionCaseBuilder().setOutputAction(new OutputActionBuilder()
                    .setOutputNodeConnector(new Uri("IN_PORT")).setMaxLength(Uint16.valueOf(NO_BUFFER)).build())
                    .build());
            } else if (action instanceof Action.SetEthSrc set) {
                builder.setAction(setField(new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetSource(new EthernetSourceBuilder().setAddress(new MacAddress(set.mac())).build())
                    .build())));
            } else if (action instanceof Action.SetArpOp set) {
                builder.setAction(setField(new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpOp(Uint16.valueOf(set.op())).build())));
            } else if (action instanceof Action.SetArpSha set) {
                builder.setAction(setField(new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpSourceHardwareAddress(new ArpSourceHardwareAddressBuilder()
                        .setAddress(new MacAddress(set.mac())).build()).build())));
            } else if (action instanceof Action.SetArpSpa set) {
                builder.setAction(setField(new SetFieldBuilder().setLayer3Match(new ArpMatchBuilder()
                    .setArpSourceTransportAddress(new Ipv4Prefix(set.ipv4() + "/32")).build())));
            } else if (action instanceof Action.SetTunnelId set) {
                builder.setAction(setField(new SetFieldBuilder().setTunnel(new TunnelBuilder()
                    .setTunnelId(Uint64.valueOf(set.tunnelId())).build())));
            } else if (action instanceof Action.SetTunnelIpv4Dst set) {
                builder.setAction(NiciraActions.loadTunnelIpv4Dst(set.ipv4()));
            } else if (action instanceof Action.Move move) {
                builder.setAction(NiciraActions.move(move.from(), move.to()));
            } else if (action instanceof Action.Conntrack ct) {
                builder.setAction(NiciraActions.conntrack(ct));
            } else if (action instanceof Action.SetEthDst set) {
                builder.setAction(setField(new SetFieldBuilder().setEthernetMatch(new EthernetMatchBuilder()
                    .setEthernetDestination(new EthernetDestinationBuilder().setAddress(new MacAddress(set.mac()))
                        .build()).build())));
            } else if (action instanceof Action.PushMpls) {
                builder.setAction(new PushMplsActionCaseBuilder().setPushMplsAction(new PushMplsActionBuilder()
                    .setEthernetType(Uint16.valueOf(FlowMatch.ETH_MPLS)).build()).build());
            } else if (action instanceof Action.SetMplsLabel set) {
                builder.setAction(setField(new SetFieldBuilder().setProtocolMatchFields(
                    new ProtocolMatchFieldsBuilder().setMplsLabel(Uint32.valueOf(set.label())).build())));
            } else if (action instanceof Action.PopMpls pop) {
                builder.setAction(new PopMplsActionCaseBuilder().setPopMplsAction(new PopMplsActionBuilder()
                    .setEthernetType(Uint16.valueOf(pop.ethType())).build()).build());
            } else if (action instanceof Action.Group group) {
                builder.setAction(new GroupActionCaseBuilder().setGroupAction(new GroupActionBuilder()
                    .setGroupId(Uint32.valueOf(group.groupId())).build()).build());
            }
            list.add(builder.build());
        }
        return list;
    }
}
