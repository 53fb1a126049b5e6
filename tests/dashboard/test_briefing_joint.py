"""The briefing prints every commitment's joint quarter: each party's status and confidence,
the agreed status or "Parties differ", and last quarter's plan beside this quarter's note."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import escape

from tests.checkins.conftest import file_for
from tests.conftest import client_for, last_meeting, next_meeting
from tests.dashboard.joint_helpers import (
    BRIEFING,
    differ_on,
    every_commitment,
    joint_section,
    page,
    row_of,
)
from workplan.models import Commitment
from workplan.status import Status


def test_it_prints_a_row_for_every_commitment(demo, staff):
    sheet = every_commitment(page(client_for(staff), BRIEFING))

    commitments = Commitment.objects.filter(pillar__plan=demo).select_related("pillar")
    assert sheet.count('<tr class="agenda-row') == commitments.count()
    for commitment in commitments:
        assert escape(f"{commitment.reference} {commitment.short_title}") in sheet


def test_it_prints_each_partys_status_confidence_and_the_difference(
    demo, staff, joint, us_official, ca_official
):
    differ_on(next_meeting(demo), joint, us_official, ca_official, confidence="low")

    body = page(client_for(staff), BRIEFING)

    row = row_of(every_commitment(body), joint.reference)
    assert "Underway – on track" in row and "Underway – with challenges" in row
    assert row.count("confidence Low") == 2
    assert '<strong class="flag-differ">Parties differ</strong>' in row
    # The list of differences and the sign-off state come first.
    assert f"{joint.reference} {joint.short_title}" in joint_section(body)
    assert "not signed" in joint_section(body)


def test_it_prints_the_agreed_status(demo, staff, joint, us_official, ca_official):
    meeting = next_meeting(demo)
    file_for(meeting, joint, us_official, Status.COMPLETED)
    file_for(meeting, joint, ca_official, Status.COMPLETED)

    row = row_of(every_commitment(page(client_for(staff), BRIEFING)), joint.reference)

    agreed_cell = row.split("<td>")[-1]
    assert "Completed – fully" in agreed_cell
    assert "Parties differ" not in row


def test_it_prints_forecast_against_actual(demo, staff, canadian, ca_official):
    file_for(
        last_meeting(demo),
        canadian,
        ca_official,
        Status.ON_TRACK,
        next_steps="Table the regulations in the autumn.",
        correction_reason="Next steps restated.",
        at=timezone.now(),
    )
    file_for(
        next_meeting(demo),
        canadian,
        ca_official,
        Status.CHALLENGES,
        note="Tabling slipped to the winter.",
    )

    row = row_of(every_commitment(page(client_for(staff), BRIEFING)), canadian.reference)

    assert "Planned last quarter:</dt><dd>Table the regulations in the autumn.</dd>" in row
    assert "Reported this quarter:</dt><dd>Tabling slipped to the winter.</dd>" in row


def test_it_keeps_to_the_pillar_filter(demo, staff):
    sheet = every_commitment(page(client_for(staff), BRIEFING + "?pillar=2"))

    for commitment in Commitment.objects.filter(pillar__plan=demo).select_related("pillar"):
        shown = escape(f"{commitment.reference} {commitment.short_title}") in sheet
        assert shown == (commitment.pillar.position == 2)
