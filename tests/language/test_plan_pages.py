"""Every page of a plan names it in the reader's language, and a check-in or the record
still to sign lists the commitments in it too."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from meetings.models import missing_checkins
from tests.conftest import next_meeting
from tests.language.conftest import (
    PLAN_FR,
    english_only,
    first_commitment,
    french_reader,
    give_french,
    short_title_fr,
    without_french,
)
from tests.meetings.conftest import bring_checkin_due


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_it_names_the_plan_in_french_on_each_of_its_pages(demo, ca_official):
    give_french(demo)
    client = french_reader(ca_official)
    readout = demo.readouts.first()

    for url in [
        reverse("plans"),
        reverse("meetings", args=[demo.slug]),
        reverse("meeting_record", args=[next_meeting(demo).pk]),
        reverse("readout", args=[readout.pk]),
        reverse("readout_compare", args=[demo.slug]),
    ]:
        html = html_of(client, url)
        assert escape(PLAN_FR) in html, url
        assert escape(demo.title) not in html, url


def test_a_check_in_names_its_commitment_in_french(demo, ca_official):
    give_french(demo)
    bring_checkin_due(demo)
    commitment = first_commitment(demo)  # Canada leads it

    html = html_of(french_reader(ca_official), reverse("commitment_checkin", args=[commitment.pk]))

    title = escape(short_title_fr(commitment))
    assert f"{commitment.reference} {title} · {escape(PLAN_FR)} · Accord</title>" in html
    assert f'<span class="ref">{commitment.reference}</span> {title}</a>' in html
    assert f"{commitment.reference} {title}" in html.split("<legend>")[1].split("</legend>")[0]


def test_the_record_still_to_sign_lists_the_missing_check_ins_in_french(
    demo, ca_official, us_official
):
    give_french(demo)
    meeting = next_meeting(demo)
    owed = list(
        {
            commitment.pk: commitment
            for official in (ca_official, us_official)
            for commitment in missing_checkins(meeting, official.organization_id)
        }.values()
    )
    assert len(owed) >= 2, "the demo leaves check-ins to file for the next meeting"
    blank = without_french(owed[0])

    html = html_of(french_reader(ca_official), reverse("meeting_record", args=[meeting.pk]))

    sides = html.split('<ul class="sides">')[1].split("</ul>")[0]
    assert f"{blank.reference} {english_only(escape(blank.short_title))}" in sides
    for commitment in owed[1:]:
        assert f"{commitment.reference} {escape(short_title_fr(commitment))}" in sides
