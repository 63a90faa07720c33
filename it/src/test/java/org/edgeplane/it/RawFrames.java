/*
 * Copyright (c) 2026 Edgeplane and others. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
package org.edgeplane.it;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * A frame written in Open vSwitch's flow syntax (as the verifier's witness is: dl_src, dl_dst, nw_src, tcp_dst...)
 * made into the bytes a host puts on the wire, and the shell command that sends them from a Mininet host through
 * a raw socket. IPv4 TCP, UDP, ICMP and ARP.
 */
final class RawFrames {
    private RawFrames() {
    }

    /** A command for the host's shell that sends the frame {@code copies} times from its first interface. */
    static String sendCommand(final String host, final String ovsFlow, final int copies) {
        final String hex = HexFormat.of().formatHex(bytes(ovsFlow));
        return "/usr/bin/python3 -c \"import socket,binascii,time; s=socket.socket(socket.AF_PACKET,"
            + "socket.SOCK_RAW); s.bind(('" + host + "-eth0',0)); f=binascii.unhexlify('" + hex + "');"
            + " [(s.send(f), time.sleep(0.2)) for _ in range(" + copies + ")]\"";
    }

    static byte[] bytes(final String ovsFlow) {
        final Map<String, String> fields = new HashMap<>();
        String protocol = "";
        for (String part : ovsFlow.split(",")) {
            final int equals = part.indexOf('=');
            if (equals < 0) {
                protocol = part;
            } else {
                fields.put(part.substring(0, equals), part.substring(equals + 1));
            }
        }
        final var frame = new ByteArrayOutputStream();
        frame.writeBytes(mac(fields.get("dl_dst")));
        frame.writeBytes(mac(fields.get("dl_src")));
        if (fields.containsKey("dl_vlan")) {
            frame.writeBytes(new byte[] {(byte) 0x81, 0, (byte) (Integer.parseInt(fields.get("dl_vlan")) >> 8),
                (byte) Integer.parseInt(fields.get("dl_vlan"))});
        }
        switch (protocol) {
            case "arp" -> {
                frame.writeBytes(new byte[] {0x08, 0x06, 0, 1, 0x08, 0, 6, 4, 0,
                    (byte) Integer.parseInt(fields.get("arp_op"))});
                frame.writeBytes(mac(fields.get("arp_sha")));
                frame.writeBytes(ipv4(fields.get("arp_spa")));
                frame.writeBytes(mac(fields.get("arp_tha")));
                frame.writeBytes(ipv4(fields.get("arp_tpa")));
            }
            case "tcp", "udp", "icmp" -> {
                frame.writeBytes(new byte[] {0x08, 0});
                frame.writeBytes(ipv4Packet(protocol, fields));
            }
            default -> throw new IllegalArgumentException("cannot send " + ovsFlow);
        }
        while (frame.size() < 60) {
            frame.write(0);
        }
        return frame.toByteArray();
    }

    private static byte[] ipv4Packet(final String protocol, final Map<String, String> fields) {
        final byte[] transport;
        final int number;
        switch (protocol) {
            case "tcp" -> {
                number = 6;
                transport = new byte[20];
                ports(transport, fields.get("tcp_src"), fields.get("tcp_dst"));
                transport[12] = 0x50;
                transport[13] = 0x02;
                transport[14] = (byte) 0xFF;
                transport[15] = (byte) 0xFF;
            }
            case "udp" -> {
                number = 17;
                transport = new byte[8];
                ports(transport, fields.get("udp_src"), fields.get("udp_dst"));
                transport[5] = 8;
            }
            default -> {
                number = 1;
                transport = new byte[8];
                transport[0] = (byte) Integer.parseInt(fields.get("icmp_type"));
                transport[1] = (byte) Integer.parseInt(fields.get("icmp_code"));
            }
        }
        final byte[] header = new byte[20];
        header[0] = 0x45;
        final int length = header.length + transport.length;
        header[2] = (byte) (length >> 8);
        header[3] = (byte) length;
        header[8] = 64;
        header[9] = (byte) number;
        System.arraycopy(ipv4(fields.get("nw_src")), 0, header, 12, 4);
        System.arraycopy(ipv4(fields.get("nw_dst")), 0, header, 16, 4);
        int sum = 0;
        for (int index = 0; index < header.length; index += 2) {
            sum += (header[index] & 0xFF) << 8 | header[index + 1] & 0xFF;
        }
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = ~((sum & 0xFFFF) + (sum >> 16)) & 0xFFFF;
        header[10] = (byte) (sum >> 8);
        header[11] = (byte) sum;
        final var packet = new ByteArrayOutputStream();
        packet.writeBytes(header);
        packet.writeBytes(transport);
        return packet.toByteArray();
    }

    private static void ports(final byte[] transport, final String source, final String destination) {
        final int from = Integer.parseInt(source);
        final int to = Integer.parseInt(destination);
        transport[0] = (byte) (from >> 8);
        transport[1] = (byte) from;
        transport[2] = (byte) (to >> 8);
        transport[3] = (byte) to;
    }

    private static byte[] mac(final String text) {
        return HexFormat.ofDelimiter(":").parseHex(text);
    }

    private static byte[] ipv4(final String text) {
        final String[] octets = text.split("\\.");
        final byte[] bytes = new byte[4];
        for (int index = 0; index < 4; index++) {
            bytes[index] = (byte) Integer.parseInt(octets[index]);
        }
        return bytes;
    }
}
