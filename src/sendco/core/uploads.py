"""The one check every upload goes through, and how stored files are named and served.

`check_bytes` decides the kind from the content (sendco.domain.file_types: signature, Office zip
directory and parts), then parses the whole file (a PDF must open with pypdf and carry no
JavaScript, launch actions or embedded files; an image must decode with Pillow), then asks the
virus scanner if one is configured (sendco.core.antivirus). Files are stored under MEDIA_ROOT
(outside the web root; no URL serves it) with a random name, and served only by views that ask
the access policy first and log the download, under a name sendco makes: a cleaned stem of the
sender's name plus the extension of the detected kind, never the sender's extension.
"""

from __future__ import annotations

import io
import secrets

from django.core.exceptions import ValidationError
from django.http import FileResponse

from sendco.domain import file_types

from . import antivirus

MAX_PIXELS = 50_000_000  # a 48-megapixel phone photo fits; decoding it needs ~150 MB at most
PIL_FORMATS = {"png": "PNG", "jpeg": "JPEG", "gif": "GIF"}


def check_bytes(
    data: bytes, *, accept: tuple[str, ...] = file_types.EVIDENCE, max_bytes: int = file_types.MAX_BYTES
) -> file_types.FileKind:
    """The file's kind, or file_types.RejectedFile with a message a user can act on."""
    kind = file_types.check(data, accept=accept, max_bytes=max_bytes)
    if kind.code == "pdf":
        _check_pdf(data)
    elif kind.code in PIL_FORMATS:
        _check_image(data, kind)
    try:
        antivirus.scan(data)
    except antivirus.ScanRefused as exc:
        raise file_types.RejectedFile(str(exc))
    return kind


def _check_pdf(data: bytes) -> None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted and not reader.decrypt("")
        problem = None if encrypted else _pdf_active_content(reader) or (not reader.pages and "no pages")
    except Exception:  # pypdf raises many kinds for a damaged file
        raise file_types.RejectedFile(
            "The PDF is damaged and cannot be read. Save or scan it again as a PDF."
        )
    if encrypted:
        raise file_types.RejectedFile(
            "The PDF is password-protected. Remove the password and upload it again."
        )
    if problem:
        raise file_types.RejectedFile(f"The PDF contains {problem}, which sendco does not accept.")


def _pdf_active_content(reader) -> str | None:
    """What in the PDF could run or carry another file, looking at every object (streams are
    not decompressed, so this is quick)."""
    from pypdf.generic import DictionaryObject, IndirectObject

    numbers = [(num, gen) for gen, nums in reader.xref.items() for num in nums]
    numbers += [(num, 0) for num in reader.xref_objStm]
    for num, gen in numbers:
        obj = reader.get_object(IndirectObject(num, gen, reader))
        if not isinstance(obj, DictionaryObject):
            continue
        if "/JS" in obj or obj.get("/S") == "/JavaScript":
            return "JavaScript"
        if obj.get("/S") == "/Launch":
            return "an action that starts a program"
        if obj.get("/Type") == "/EmbeddedFile" or "/EmbeddedFiles" in obj:
            return "embedded files"
    return None


def _check_image(data: bytes, kind: file_types.FileKind) -> None:
    from PIL import Image

    damaged = f"The {kind.label} is damaged and cannot be shown. Save or take it again."
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != PIL_FORMATS[kind.code]:
                raise file_types.RejectedFile(damaged)
            if image.width * image.height > MAX_PIXELS:
                raise file_types.RejectedFile(
                    f"The image is larger than {MAX_PIXELS // 1_000_000} megapixels; make it smaller."
                )
            image.load()
    except file_types.RejectedFile:
        raise
    except Exception:  # Pillow raises many kinds for a damaged image
        raise file_types.RejectedFile(damaged)


def read_checked(
    upload, *, field: str = "file", accept: tuple[str, ...] = file_types.EVIDENCE
) -> tuple[bytes, file_types.FileKind]:
    """The upload's bytes and kind, or ValidationError on `field` (nothing is stored)."""
    name = display_name(upload.name)
    if upload.size > file_types.MAX_BYTES:
        raise ValidationError({field: f"{name} must be smaller than 10 MB."})
    data = upload.read()
    try:
        return data, check_bytes(data, accept=accept)
    except file_types.RejectedFile as exc:
        raise ValidationError({field: f"{name}: {exc}"}) from exc


def random_name(folder: str, kind: file_types.FileKind) -> str:
    return f"{folder}/{secrets.token_hex(16)}{kind.extension}"


display_name = file_types.display_name


def download(stored, *, content_type: str, original_name: str, fallback: str = "attachment") -> FileResponse:
    """Serve a stored upload as a download named by sendco (see the module's docstring)."""
    kind = file_types.kind_of_content_type(content_type)
    filename = file_types.served_name(original_name, kind, fallback=fallback) if kind else f"{fallback}.bin"
    response = FileResponse(
        stored.open("rb"),
        content_type=kind.content_type if kind else "application/octet-stream",
        as_attachment=True,
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
