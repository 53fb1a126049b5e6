"""The printable briefing in the reader's language: title, pillars, every commitment row
and the joint quarter's tables, the English marked where the French is missing."""

from __future__ import annotations

from django.utils.html import escape

from tests.conftest import client_for
from tests.language.conftest import (
    PLAN_FR,
    english_only,
    first_commitment,
    french_reader,
    give_french,
    pillar_fr,
    short_title_fr,
    without_french,
)
from workplan.models import Commitment

URL = "/plans/us-canada-2021/briefing/"


def joint_section(html: str) -> str:
    return html[html.index('id="joint-all-heading"') :]


def test_it_prints_a_french_readers_briefing_in_french(demo, ca_official):
    give_french(demo)
    blank = without_french(first_commitment(demo, position=2))

    html = french_reader(ca_official).get(URL).content.decode()

    assert f" — {escape(PLAN_FR)} · Accord</title>" in html
    assert f"{escape(PLAN_FR)} ·" in html  # the stamp on every printed page
    assert escape(demo.title) not in html
    for position in (1, 2, 3):
        assert f'<th scope="row">{position}. {escape(pillar_fr(position))}</th>' in html
        assert f"<h3>{position}. {escape(pillar_fr(position))}</h3>" in joint_section(html)
    joint = joint_section(html)
    for commitment in Commitment.objects.filter(pillar__plan=demo).exclude(pk=blank.pk):
        title = escape(short_title_fr(commitment))
        assert f"<td>{title}</td>" in html  # its pillar's sheet
        assert f"{commitment.reference} {title}</a>" in joint
        assert escape(commitment.short_title) not in html
    assert f"<td>{english_only(escape(blank.short_title))}" in html
    assert f"{blank.reference} {english_only(escape(blank.short_title))}" in joint


def test_it_prints_an_english_readers_briefing_in_english(demo, staff):
    give_french(demo)

    html = client_for(staff).get(URL).content.decode()

    assert escape(demo.title) in html
    assert escape(PLAN_FR) not in html and "english-only" not in html
    for commitment in Commitment.objects.filter(pillar__plan=demo):
        assert f"<td>{escape(commitment.short_title)}</td>" in html
