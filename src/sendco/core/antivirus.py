"""Virus scanning of uploads through ClamAV's clamd, when the deployment turns it on.

SENDCO_ANTIVIRUS=clamd sends every upload to clamd with its INSTREAM command over a unix socket
(SENDCO_CLAMD_SOCKET, a path) or TCP (host:port) before anything is stored. A file clamd reports
infected is refused; if clamd cannot be reached or answers oddly, the upload is refused too
(fail closed): a school that asked for scanning must never get unscanned files silently.
"""

from __future__ import annotations

import socket
import struct

from django.conf import settings

CHUNK = 64 * 1024


class ScanRefused(Exception):
    """The upload must not be stored; the message says why, in words a user can act on."""


def enabled() -> bool:
    return settings.SENDCO_ANTIVIRUS == "clamd"


def scan(data: bytes) -> None:
    """Nothing when the file is clean or scanning is off; ScanRefused otherwise."""
    if not enabled():
        return
    try:
        reply = _instream(data)
    except (OSError, ValueError):  # ValueError: a port that is not a number
        raise ScanRefused(
            "The virus scanner could not be reached, so the file was not accepted. "
            "Try again later or tell the school's IT support."
        )
    if reply.endswith(" FOUND"):
        virus = reply.removeprefix("stream:").removesuffix(" FOUND").strip()
        raise ScanRefused(f"The virus scanner found {virus} in the file, so it was not accepted.")
    if reply != "stream: OK":
        raise ScanRefused("The virus scanner could not check the file, so it was not accepted.")


def _connect() -> socket.socket:
    address = settings.SENDCO_CLAMD_SOCKET
    timeout = settings.SENDCO_CLAMD_TIMEOUT
    if "/" in address:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(timeout)
        sock.connect(address)
        return sock
    host, _, port = address.rpartition(":")
    return socket.create_connection((host.strip("[]"), int(port)), timeout=timeout)


def _instream(data: bytes) -> str:
    with _connect() as sock:
        sock.sendall(b"zINSTREAM\0")
        for start in range(0, len(data), CHUNK):
            chunk = data[start : start + CHUNK]
            sock.sendall(struct.pack("!L", len(chunk)) + chunk)
        sock.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            part = sock.recv(4096)
            if not part:
                break
            reply += part
    return reply.rstrip(b"\0").decode("utf-8", "replace").strip()
