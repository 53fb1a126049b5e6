"""Whatever arrives, the answer is a clear message or a safe result — never a half-import."""

import pytest

from readouts.importer import import_readout
from readouts.models import Readout
from readouts.parser import ReadoutParseError
from readouts.uploads import decode_readout
from workplan.models import Commitment, WorkPlan


def test_it_refuses_an_empty_file(db):
    with pytest.raises(ReadoutParseError, match="empty"):
        decode_readout(b"   \n\n ")


def test_it_refuses_a_binary_file(db):
    with pytest.raises(ReadoutParseError, match="binary"):
        decode_readout(b"%PDF-1.7\n\x00\x01\x02 stream")


def test_it_refuses_a_20_mb_file_with_its_size(db):
    with pytest.raises(ReadoutParseError, match=r"20\.0 MB"):
        decode_readout(b"a" * 20_000_000)


def test_it_reads_a_windows_1252_file(db, us_text):
    text, encoding = decode_readout(us_text.replace("’", "'").encode("cp1252"))
    assert encoding == "cp1252"
    assert "Champagne" in text


def test_it_reads_a_utf16_file_with_a_bom(us_text):
    text, encoding = decode_readout(us_text.encode("utf-16"))
    assert encoding == "utf-16" and "François-Philippe" in text


def test_it_drops_scripts_and_styles_from_html(db):
    html = """<html><head><style>li { color: red }</style>
    <script>alert('x'); var a = ['Do evil'];</script></head>
    <body><p>The Secretary and Minister agreed to:</p>
    <ul><li>Share approaches on software supply chain security;</li>
    <li>Coordinate on semiconductor supply chains.</li></ul>
    <script>document.write('<li>Injected</li>')</script></body></html>"""
    result = import_readout(html)
    texts = list(Commitment.objects.values_list("text", flat=True))
    assert texts == [
        "Share approaches on software supply chain security",
        "Coordinate on semiconductor supply chains",
    ]
    assert "alert" not in " ".join(texts)
    assert result.readout.raw_text == html


def test_it_imports_a_readout_with_500_bullets(db):
    bullets = "\n".join(f"  • Commitment number {n} on topic {n * 7};" for n in range(1, 501))
    text = f"The ministers agreed to:\n\n{bullets}\n"
    result = import_readout(text)
    assert result.created_commitments == 500
    assert Commitment.objects.filter(pillar__plan=result.plan).count() == 500


def test_it_creates_nothing_for_prose(db):
    with pytest.raises(ReadoutParseError):
        import_readout("Secretary Raimondo and Minister Champagne met in Washington. " * 20)
    assert not WorkPlan.objects.exists() and not Readout.objects.exists()
