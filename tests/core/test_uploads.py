"""The shared upload check (sendco.core.uploads): whole-file parsing and the antivirus hook."""

import os
import socket
import struct
import tempfile
import threading

import pytest

from sendco.core import uploads
from sendco.domain.file_types import RejectedFile
from tests.files import GIF, JPEG, PDF, PDF_WITH_EMBEDDED_FILE, PDF_WITH_JAVASCRIPT, PNG


@pytest.mark.parametrize("data", [PDF, PNG, JPEG, GIF])
def test_real_files_pass(data, settings):
    settings.SENDCO_ANTIVIRUS = ""
    assert uploads.check_bytes(data)


@pytest.mark.parametrize(
    "data,message",
    [
        (PDF_WITH_JAVASCRIPT, "The PDF contains JavaScript"),
        (PDF_WITH_EMBEDDED_FILE, "The PDF contains embedded files"),
        (b"%PDF-1.7\n1 0 obj <</Type /Catalog>> endobj\n%%EOF", "The PDF is damaged"),
        (PDF.replace(b"startxref", b"startxrex"), "The PDF is damaged"),
        (PNG[:40] + b"\x00" * 20, "The PNG image is damaged"),
        (JPEG[:30], "The JPEG image is damaged"),
        (GIF[:20], "The GIF image is damaged"),
    ],
)
def test_files_that_do_not_parse_or_carry_code_are_refused(data, message):
    with pytest.raises(RejectedFile, match=message):
        uploads.check_bytes(data)


class FakeClamd:
    """A clamd that speaks INSTREAM on a temporary unix socket and gives one fixed answer."""

    def __init__(self, answer: bytes):
        self.answer = answer
        self.received = b""
        self.path = os.path.join(tempfile.mkdtemp(), "clamd.sock")
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(self.path)
        self.server.listen(1)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _read(self, conn, n):
        data = b""
        while len(data) < n:
            part = conn.recv(n - len(data))
            if not part:
                raise ConnectionError
            data += part
        return data

    def _serve(self):
        conn, _ = self.server.accept()
        with conn:
            assert self._read(conn, 10) == b"zINSTREAM\0"
            while size := struct.unpack("!L", self._read(conn, 4))[0]:
                self.received += self._read(conn, size)
            conn.sendall(self.answer + b"\0")
        self.server.close()


def test_antivirus_refuses_a_file_clamd_finds_infected(settings):
    clamd = FakeClamd(b"stream: Eicar-Signature FOUND")
    settings.SENDCO_ANTIVIRUS, settings.SENDCO_CLAMD_SOCKET = "clamd", clamd.path
    with pytest.raises(RejectedFile, match="The virus scanner found Eicar-Signature in the file"):
        uploads.check_bytes(PDF)
    clamd.thread.join(5)
    assert clamd.received == PDF  # the whole file was streamed


def test_antivirus_passes_a_clean_file(settings):
    clamd = FakeClamd(b"stream: OK")
    settings.SENDCO_ANTIVIRUS, settings.SENDCO_CLAMD_SOCKET = "clamd", clamd.path
    assert uploads.check_bytes(PNG).code == "png"
    clamd.thread.join(5)
    assert clamd.received == PNG


def test_antivirus_configured_but_unreachable_refuses(settings, tmp_path):
    settings.SENDCO_ANTIVIRUS, settings.SENDCO_CLAMD_SOCKET = "clamd", str(tmp_path / "absent.sock")
    with pytest.raises(RejectedFile, match="could not be reached"):
        uploads.check_bytes(PDF)
    settings.SENDCO_CLAMD_SOCKET = "127.0.0.1:1"  # nothing listens on TCP port 1
    with pytest.raises(RejectedFile, match="could not be reached"):
        uploads.check_bytes(PDF)


def test_antivirus_error_answer_refuses(settings):
    clamd = FakeClamd(b"INSTREAM size limit exceeded. ERROR")
    settings.SENDCO_ANTIVIRUS, settings.SENDCO_CLAMD_SOCKET = "clamd", clamd.path
    with pytest.raises(RejectedFile, match="could not check the file"):
        uploads.check_bytes(PDF)
