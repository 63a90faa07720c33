#!/usr/bin/python3
"""Sends UDP flows for the service-chain tests: one socket per source port in [first, last], each sending `count`
datagrams to host:port. Usage: udp_flows.py HOST PORT FIRST LAST COUNT"""
import socket
import sys
import time


def main():
    host, port, first, last, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), \
        int(sys.argv[5])
    for source in range(first, last + 1):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("", source))
        for _ in range(count):
            sock.sendto(b"edgeplane", (host, port))
            time.sleep(0.01)
        sock.close()


if __name__ == "__main__":
    main()
