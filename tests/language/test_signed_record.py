"""A signed record keeps the plan's words in both languages as they were when both sides
signed, so it reads in French too; a record frozen before there was French reads in
English, marked as such."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from dashboard.filters import local_date
from meetings.models import MeetingRecord, SignOff, snapshot
from tests.checkins.conftest import file_all
from tests.conftest import last_meeting, next_meeting
from tests.dashboard.joint_helpers import every_commitment
from tests.language.conftest import (
    english_only,
    french_reader,
    give_french,
    pillar_fr,
    short_title_fr,
)
from workplan.models import Commitment, Pillar


def record_article(client, meeting) -> str:
    body = client.get(reverse("meeting_record", args=[meeting.pk])).content.decode()
    return body[body.index('<article class="record"') : body.index("</article>")]


def test_it_freezes_the_french_beside_the_english(
    demo, us_official, ca_official, us_signatory, ca_signatory, joint
):
    give_french(demo)
    meeting = next_meeting(demo)
    file_all(meeting, [us_official])  # Canada signs without filing: its list is frozen too
    SignOff.sign(meeting, us_signatory)
    SignOff.sign(meeting, ca_signatory, acknowledged_missing=True)
    # Edited after signing: the record keeps what was signed.
    Commitment.objects.filter(pk=joint.pk).update(short_title_fr="Renommé depuis")
    Pillar.objects.filter(plan=demo).update(title_fr="Pilier renommé")

    article = record_article(french_reader(ca_official), meeting)

    content = MeetingRecord.objects.get(meeting=meeting).content
    assert content["pillars"][0]["title_fr"] == pillar_fr(1)
    for position in (1, 2, 3):
        assert f"{position}. {escape(pillar_fr(position))}</h3>" in article
    assert f"{joint.reference} {escape(short_title_fr(joint))}</th>" in article
    [canada] = [s for s in content["signatures"] if s["party"] == "ISED"]
    assert canada["missing"] and all(item["title_fr"] for item in canada["missing"])
    acknowledged = canada["missing"][0]
    assert f"{acknowledged['reference']} {escape(acknowledged['title_fr'])}" in article
    assert "Renommé depuis" not in article and "Pilier renommé" not in article
    assert "english-only" not in article


def test_a_record_frozen_before_there_was_french_reads_in_english(demo, ca_official):
    meeting = next_meeting(demo)
    content = snapshot(meeting)
    del content["plan_fr"]
    for pillar in content["pillars"]:
        del pillar["title_fr"]
        for commitment in pillar["commitments"]:
            del commitment["title_fr"]
    first = content["pillars"][0]
    commitment = first["commitments"][0]
    missing = {"reference": commitment["reference"], "title": commitment["title"]}
    content["signatures"] = [
        {
            "party": "ISED",
            "party_name": "Innovation, Science and Economic Development Canada",
            "by": "Julie Gagnon",
            "at": meeting.checkin_deadline.isoformat(),
            "missing": [missing],
        }
    ]
    MeetingRecord.objects.create(meeting=meeting, version=1, content=content)
    give_french(demo)

    article = record_article(french_reader(ca_official), meeting)

    assert f"1. {english_only(escape(first['title']))}" in article
    title = english_only(escape(commitment["title"]))
    assert f"{commitment['reference']} {title}" in article
    assert article.count(title) == 2  # its row, and the check-in Canada signed without
    assert escape(pillar_fr(1)) not in article


def test_the_briefing_as_of_a_signed_quarter_reads_the_record_in_the_readers_language(
    demo, ca_official
):
    meeting = last_meeting(demo)
    content = MeetingRecord.objects.get(meeting=meeting, version=1).content
    give_french(demo)

    body = french_reader(ca_official).get(
        f"/plans/{demo.slug}/briefing/?as_of={local_date(meeting.starts_at).isoformat()}"
    )

    sheet = every_commitment(body.content.decode())
    for pillar in content["pillars"]:
        for commitment in pillar["commitments"]:
            # As frozen: French where the record has it, else the English, marked.
            if commitment.get("title_fr"):
                shown = escape(commitment["title_fr"])
            else:
                shown = english_only(escape(commitment["title"]))
            assert f"{commitment['reference']} {shown}" in sheet
