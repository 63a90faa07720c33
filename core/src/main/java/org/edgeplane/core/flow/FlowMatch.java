/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.core.flow;

import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;
import org.eclipse.jdt.annotation.Nullable;
import org.edgeplane.core.pipeline.MatchField;

/**
 * A switch-independent OpenFlow 1.3 match. Null fields are wildcards. MACs are lower-case colon hex; IPs are
 * canonical literals with a prefix length.
 *
 * @param inPort ingress OpenFlow port number
 * @param metadata metadata value, compared under {@code metadataMask}
 * @param metadataMask metadata mask; must be set when metadata is
 * @param ethType EtherType
 * @param ethSrc exact source MAC
 * @param ethDst destination MAC, compared under {@code ethDstMask} when that is set
 * @param ethDstMask destination MAC mask
 * @param vlanVid 802.1Q VLAN id; {@link #UNTAGGED} matches frames without a tag
 * @param ipv4Src IPv4 source prefix, such as {@code 10.0.0.1/32}
 * @param ipv6Src IPv6 source prefix, such as {@code 2001:db8::1/128}
 * @param arpSpa ARP sender protocol address, such as {@code 10.0.0.1/32}
 * @param arpSha ARP sender hardware address
 * @param mplsLabel label of the outermost MPLS header (ethertype 0x8847)
 */
public record FlowMatch(@Nullable Long inPort, @Nullable Long metadata, @Nullable Long metadataMask,
        @Nullable Integer ethType, @Nullable String ethSrc, @Nullable String ethDst, @Nullable String ethDstMask,
        @Nullable Integer vlanVid, @Nullable String ipv4Src, @Nullable String ipv6Src, @Nullable String arpSpa,
        @Nullable String arpSha, @Nullable Integer arpOp, @Nullable String arpTpa, @Nullable Long tunnelId,
        @Nullable Integer mplsLabel, @Nullable IpMatch ip, @Nullable ConntrackMatch conntrack) {

    /** {@link #vlanVid()} value that matches only untagged frames (OFPVID_NONE). */
    public static final int UNTAGGED = 0;
    public static final int ETH_IPV4 = 0x0800;
    public static final int ETH_ARP = 0x0806;
    public static final int ETH_IPV6 = 0x86DD;
    public static final int ETH_MPLS = 0x8847;
    /** Matches broadcast and multicast destinations: the group bit of the first octet. */
    public static final String GROUP_BIT = "01:00:00:00:00:00";
    public static final int ARP_REQUEST = 1;
    public static final int ARP_REPLY = 2;

    public FlowMatch {
        if (metadata != null && metadataMask == null || metadata == null && metadataMask != null) {
            throw new IllegalArgumentException("metadata and its mask go together");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder that starts from this match's fields. Values are shared, not copied, which is what lets a compiler
     * build the common part of many matches once.
     */
    public Builder toBuilder() {
        final var builder = new Builder();
        builder.inPort = inPort;
        builder.metadata = metadata;
        builder.metadataMask = metadataMask;
        builder.ethType = ethType;
        builder.ethSrc = ethSrc;
        builder.ethDst = ethDst;
        builder.ethDstMask = ethDstMask;
        builder.vlanVid = vlanVid;
        builder.ipv4Src = ipv4Src;
        builder.ipv6Src = ipv6Src;
        builder.arpSpa = arpSpa;
        builder.arpSha = arpSha;
        builder.arpOp = arpOp;
        builder.arpTpa = arpTpa;
        builder.tunnelId = tunnelId;
        builder.mplsLabel = mplsLabel;
        builder.ip = ip;
        builder.conntrack = conntrack;
        return builder;
    }

    /**
     * This match with every field the other match sets taken from it. Built directly, without a builder: a
     * compiler lays one rule's match over thousands of port matches.
     */
    public FlowMatch overlay(final FlowMatch other) {
        return new FlowMatch(other.inPort != null ? other.inPort : inPort,
            other.metadata != null ? other.metadata : metadata,
            other.metadata != null ? other.metadataMask : metadataMask,
            other.ethType != null ? other.ethType : ethType, other.ethSrc != null ? other.ethSrc : ethSrc,
            other.ethDst != null ? other.ethDst : ethDst, other.ethDst != null ? other.ethDstMask : ethDstMask,
            other.vlanVid != null ? other.vlanVid : vlanVid, other.ipv4Src != null ? other.ipv4Src : ipv4Src,
            other.ipv6Src != null ? other.ipv6Src : ipv6Src, other.arpSpa != null ? other.arpSpa : arpSpa,
            other.arpSha != null ? other.arpSha : arpSha, other.arpOp != null ? other.arpOp : arpOp,
            other.arpTpa != null ? other.arpTpa : arpTpa, other.tunnelId != null ? other.tunnelId : tunnelId,
            other.mplsLabel != null ? other.mplsLabel : mplsLabel, other.ip != null ? other.ip : ip,
            other.conntrack != null ? other.conntrack : conntrack);
    }

    /** The fields this match uses, for the pipeline contract. */
    public Set<MatchField> fields() {
        final var fields = EnumSet.noneOf(MatchField.class);
        everyField(null, fields);
        return fields;
    }

    /**
     * Whether every field this match uses is one of {@code allowed}: {@link #fields()} without making a set. The
     * contract asks this of every flow of a compile, so it allocates nothing.
     */
    public boolean usesOnly(final Set<MatchField> allowed) {
        return everyField(allowed, null);
    }

    /**
     * Whether each field this match uses is in {@code allowed}, stopping at the first that is not; with
     * {@code allowed} null, adds every field it uses to {@code used}.
     */
    private boolean everyField(final @Nullable Set<MatchField> allowed, final @Nullable Set<MatchField> used) {
        return holds(allowed, used, inPort, MatchField.IN_PORT) && holds(allowed, used, metadata, MatchField.METADATA)
            && holds(allowed, used, ethType, MatchField.ETH_TYPE) && holds(allowed, used, ethSrc, MatchField.ETH_SRC)
            && holds(allowed, used, ethDst, MatchField.ETH_DST) && holds(allowed, used, vlanVid, MatchField.VLAN_VID)
            && holds(allowed, used, ipv4Src, MatchField.IPV4_SRC)
            && holds(allowed, used, ipv6Src, MatchField.IPV6_SRC) && holds(allowed, used, arpSpa, MatchField.ARP_SPA)
            && holds(allowed, used, arpSha, MatchField.ARP_SHA) && holds(allowed, used, arpOp, MatchField.ARP_OP)
            && holds(allowed, used, arpTpa, MatchField.ARP_TPA)
            && holds(allowed, used, tunnelId, MatchField.TUNNEL_ID)
            && holds(allowed, used, mplsLabel, MatchField.MPLS_LABEL)
            && (ip == null || holds(allowed, used, ip.ipProto(), MatchField.IP_PROTO)
                && holds(allowed, used, ip.ipv4Dst(), MatchField.IPV4_DST)
                && holds(allowed, used, ip.ipv6Dst(), MatchField.IPV6_DST)
                && holds(allowed, used, ip.srcPort(), MatchField.L4_SRC)
                && holds(allowed, used, ip.dstPort(), MatchField.L4_DST)
                && holds(allowed, used, ip.icmpType(), MatchField.ICMP)
                && holds(allowed, used, ip.icmpCode(), MatchField.ICMP))
            && holds(allowed, used, conntrack, MatchField.CONNTRACK);
    }

    private static boolean holds(final @Nullable Set<MatchField> allowed, final @Nullable Set<MatchField> used,
            final @Nullable Object value, final MatchField field) {
        if (value == null) {
            return true;
        }
        if (allowed == null) {
            used.add(field);
            return true;
        }
        return allowed.contains(field);
    }

    /** Whether a switch without vendor extensions can execute this match. */
    public boolean isStandardOpenflow13() {
        return conntrack == null && (ip == null || ip.isStandardOpenflow13());
    }

    /** ovs-ofctl-like text, stable for golden tests. */
    @Override
    public String toString() {
        final var text = new StringJoiner(",");
        if (inPort != null) {
            text.add("in_port=" + inPort);
        }
        if (tunnelId != null) {
            text.add("tunnel_id=" + tunnelId);
        }
        if (metadata != null) {
            text.add(String.format("metadata=0x%x/0x%x", metadata, metadataMask));
        }
        if (vlanVid != null) {
            text.add(vlanVid == UNTAGGED ? "vlan=none" : "vlan=" + vlanVid);
        }
        if (ethType != null) {
            text.add(String.format("eth_type=0x%04x", ethType));
        }
        if (ethSrc != null) {
            text.add("eth_src=" + ethSrc);
        }
        if (ethDst != null) {
            text.add("eth_dst=" + ethDst + (ethDstMask == null ? "" : "/" + ethDstMask));
        }
        if (ipv4Src != null) {
            text.add("ipv4_src=" + ipv4Src);
        }
        if (ipv6Src != null) {
            text.add("ipv6_src=" + ipv6Src);
        }
        if (arpSpa != null) {
            text.add("arp_spa=" + arpSpa);
        }
        if (arpSha != null) {
            text.add("arp_sha=" + arpSha);
        }
        if (arpOp != null) {
            text.add("arp_op=" + arpOp);
        }
        if (arpTpa != null) {
            text.add("arp_tpa=" + arpTpa);
        }
        if (mplsLabel != null) {
            text.add("mpls_label=" + mplsLabel);
        }
        if (ip != null) {
            ip.describe(text);
        }
        if (conntrack != null) {
            conntrack.describe(text);
        }
        return text.length() == 0 ? "any" : text.toString();
    }

    /** Builds a match field by field. */
    public static final class Builder {
        private Long inPort;
        private Long metadata;
        private Long metadataMask;
        private Integer ethType;
        private String ethSrc;
        private String ethDst;
        private String ethDstMask;
        private Integer vlanVid;
        private String ipv4Src;
        private String ipv6Src;
        private String arpSpa;
        private String arpSha;
        private Integer arpOp;
        private String arpTpa;
        private Long tunnelId;
        private Integer mplsLabel;
        private IpMatch ip;
        private ConntrackMatch conntrack;

        private Builder() {
        }

        public Builder inPort(final long value) {
            inPort = value;
            return this;
        }

        public Builder metadata(final long value, final long mask) {
            metadata = value;
            metadataMask = mask;
            return this;
        }

        public Builder ethType(final int value) {
            ethType = value;
            return this;
        }

        public Builder ethSrc(final String value) {
            ethSrc = value;
            return this;
        }

        public Builder ethDst(final String value) {
            ethDst = value;
            ethDstMask = null;
            return this;
        }

        public Builder ethDst(final String value, final String mask) {
            ethDst = value;
            ethDstMask = mask;
            return this;
        }

        public Builder vlanVid(final int value) {
            vlanVid = value;
            return this;
        }

        public Builder untagged() {
            vlanVid = UNTAGGED;
            return this;
        }

        public Builder ipv4Src(final String value) {
            ethType = ETH_IPV4;
            ipv4Src = unlessEveryAddress(value);
            return this;
        }

        public Builder ipv6Src(final String value) {
            ethType = ETH_IPV6;
            ipv6Src = unlessEveryAddress(value);
            return this;
        }

        public Builder arpSender(final String spa, final String sha) {
            ethType = ETH_ARP;
            arpSpa = unlessEveryAddress(spa);
            arpSha = sha;
            return this;
        }

        /** ARP with this opcode asking for this IPv4 address. */
        public Builder arpTarget(final int op, final String tpa) {
            ethType = ETH_ARP;
            arpOp = op;
            arpTpa = unlessEveryAddress(tpa);
            return this;
        }

        public Builder tunnelId(final long value) {
            tunnelId = value;
            return this;
        }

        /** An MPLS unicast frame with this outermost label. */
        public Builder mplsLabel(final int label) {
            ethType = ETH_MPLS;
            mplsLabel = label;
            return this;
        }

        /** IPv4 (ethertype 0x0800) or IPv6 (0x86dd), with nothing else of the IP header matched yet. */
        public Builder ip(final int ipEthType) {
            if (ipEthType != ETH_IPV4 && ipEthType != ETH_IPV6) {
                throw new IllegalArgumentException("not an IP ethertype: " + ipEthType);
            }
            ethType = ipEthType;
            ip = ip == null ? IpMatch.ANY : ip;
            return this;
        }

        public Builder ipProto(final int proto) {
            ip = (ip == null ? IpMatch.ANY : ip).withProto(proto);
            return this;
        }

        /**
         * A prefix of length zero ("0.0.0.0/0", "::/0") matches every address, as no address field does; it is kept
         * as none, so that the two compare equal and no switch is ever sent a zero-length mask (the OpenFlow plugin
         * turned one into an exact match on 0.0.0.0).
         */
        private static @Nullable String unlessEveryAddress(final @Nullable String prefix) {
            return prefix != null && prefix.endsWith("/0") ? null : prefix;
        }

        public Builder ipv4Dst(final String prefix) {
            ethType = ETH_IPV4;
            ip = (ip == null ? IpMatch.ANY : ip).withDst(unlessEveryAddress(prefix), null);
            return this;
        }

        public Builder ipv6Dst(final String prefix) {
            ethType = ETH_IPV6;
            ip = (ip == null ? IpMatch.ANY : ip).withDst(null, unlessEveryAddress(prefix));
            return this;
        }

        /** TCP/UDP ports; set {@link #ipProto(int)} first. */
        public Builder ports(final IpMatch.@Nullable PortMask src, final IpMatch.@Nullable PortMask dst) {
            ip = (ip == null ? IpMatch.ANY : ip).withPorts(src, dst);
            return this;
        }

        /** ICMP type and code (null for any); set {@link #ipProto(int)} first. */
        public Builder icmp(final @Nullable Integer type, final @Nullable Integer code) {
            ip = (ip == null ? IpMatch.ANY : ip).withIcmp(type, code);
            return this;
        }

        public Builder conntrack(final ConntrackMatch value) {
            conntrack = value;
            return this;
        }

        public FlowMatch build() {
            return new FlowMatch(inPort, metadata, metadataMask, ethType, ethSrc, ethDst, ethDstMask, vlanVid,
                ipv4Src, ipv6Src, arpSpa, arpSha, arpOp, arpTpa, tunnelId, mplsLabel, ip, conntrack);
        }
    }
}
