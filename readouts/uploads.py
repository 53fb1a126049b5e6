"""Turn uploaded bytes into text, or a clear reason why not."""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.translation import gettext as _

from .parser import ReadoutParseError

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def decode_readout(data: bytes) -> tuple[str, str]:
    """Return (text, encoding used); raise ReadoutParseError for what cannot be a readout."""
    limit = settings.READOUT_MAX_BYTES
    if len(data) > limit:
        raise ReadoutParseError(
            _("The file is %(size).1f MB; readouts are limited to %(limit).1f MB.")
            % {"size": len(data) / 1_000_000, "limit": limit / 1_000_000}
        )
    if not data.strip():
        raise ReadoutParseError(_("The file is empty: paste or upload the readout's text."))
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    sample = data[:4096]
    if b"\x00" in sample or sample.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ReadoutParseError(
            _(
                "This looks like a binary file (PDF, Word or similar), not a readout: save the "
                "page as text or HTML and try again."
            )
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(sample)
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace"), declared.group(
                1
            ).decode("ascii").lower()
        except LookupError:
            pass
    # Government pages saved by older browsers are most often Windows-1252.
    return data.decode("cp1252", errors="replace"), "cp1252"
