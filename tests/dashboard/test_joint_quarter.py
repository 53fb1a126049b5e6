"""The dashboard's "Joint quarter": who signed the quarter the next meeting closes, what is
missing, where the parties stand, and the commitments they differ on."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from meetings.models import CheckIn, SignOff, StatusProposal, missing_checkins
from tests.checkins.conftest import file_all, file_for
from tests.conftest import client_for, last_meeting, next_meeting
from tests.dashboard.joint_helpers import DASHBOARD, differ_on, joint_section, page, row_of
from workplan.models import Commitment
from workplan.status import CLOSED_STATUSES, Status


def test_it_lists_the_commitments_the_parties_differ_on(
    demo, staff, joint, us_official, ca_official
):
    meeting = next_meeting(demo)
    differ_on(meeting, joint, us_official, ca_official)

    section = joint_section(page(client_for(staff), DASHBOARD))

    row = row_of(section, joint.reference)
    assert f'<a href="{reverse("commitment", args=[joint.pk])}">' in row
    assert escape(f"{joint.reference} {joint.short_title}") in row
    assert "Underway – on track" in row and "Underway – with challenges" in row
    assert '<strong class="flag-differ">Parties differ</strong>' in row
    assert "agenda-row--differ" in row
    assert "confidence Medium" in row
    assert "<dt>Parties differ</dt><dd>1</dd>" in section
    assert date_format(timezone.localtime(meeting.starts_at), "j F Y") in section


def test_it_shows_a_difference_settled_on_a_proposal_as_agreed(
    demo, staff, joint, us_official, ca_official, us_signatory, ca_signatory
):
    meeting = next_meeting(demo)
    differ_on(meeting, joint, us_official, ca_official)
    proposal = StatusProposal.propose(
        meeting, joint, us_signatory, Status.CHALLENGES, "Canada's reading is the latest."
    )
    proposal.answer_with(ca_signatory, accepted=True)

    section = joint_section(page(client_for(staff), DASHBOARD))

    row = row_of(section, joint.reference)
    assert "Proposed by DOC, accepted by ISED:" in row
    assert "Canada&#x27;s reading is the latest." in row
    assert "flag-differ" not in row and "agenda-row--differ" not in row
    assert "<dt>Parties differ</dt><dd>0</dd>" in section


def test_it_counts_agreed_awaiting_and_closed_commitments(demo, staff, us_official):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official])
    expected = {"agreed": 0, "awaiting": 0, "closed": 0}
    for commitment in Commitment.objects.filter(pillar__plan=demo).prefetch_related("leads"):
        leads = {lead.organization_id for lead in commitment.leads.all()}
        filed = set(
            CheckIn.objects.filter(meeting=meeting, commitment=commitment).values_list(
                "organization", flat=True
            )
        )
        if leads and leads <= filed:
            expected["agreed"] += 1
        elif commitment.status in CLOSED_STATUSES and not filed:
            expected["closed"] += 1
        else:
            expected["awaiting"] += 1

    section = joint_section(page(client_for(staff), DASHBOARD))

    assert all(expected.values()), expected
    assert f"<dt>Agreed</dt><dd>{expected['agreed']}</dd>" in section
    assert f"<dt>Awaiting check-ins</dt><dd>{expected['awaiting']}</dd>" in section
    assert f"<dt>Closed, no check-in needed</dt><dd>{expected['closed']}</dd>" in section
    assert "The parties differ on no commitment this quarter." in section


def test_it_shows_who_signed_and_how_many_checkins_each_side_still_owes(
    demo, staff, doc, ised, us_official, us_signatory
):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official])
    SignOff.sign(meeting, us_signatory)
    owed = len(missing_checkins(meeting, ised.pk))

    section = joint_section(page(client_for(staff), DASHBOARD))

    signed_on = date_format(
        timezone.localtime(SignOff.objects.get(meeting=meeting).signed_at), "j F Y"
    )
    assert f"signed by Morgan Hayes on {signed_on}" in section
    ised_side = section[section.index('<abbr title="Innovation') :].split("</li>")[0]
    assert "not signed" in ised_side
    assert owed and f"{owed} check-ins still to file" in ised_side
    assert "As signed on" not in section  # one side only: the record is not locked
    assert f'href="{reverse("meeting_record", args=[meeting.pk])}"' in section


def test_it_says_as_signed_once_both_sides_have_signed(
    demo, staff, us_official, ca_official, us_signatory, ca_signatory
):
    meeting = next_meeting(demo)
    file_all(meeting, [us_official, ca_official])
    SignOff.sign(meeting, us_signatory)
    SignOff.sign(meeting, ca_signatory)

    section = joint_section(page(client_for(staff), DASHBOARD))

    assert "As signed on" in section
    assert "Morgan Hayes (DOC)" in section and "Julie Gagnon (ISED)" in section
    assert "Read the signed record" in section


def test_it_sets_last_quarters_next_steps_beside_this_quarters_note(
    demo, staff, joint, us_official, ca_official
):
    # A correction of the signed previous quarter: its next steps are the forecast.
    previous = last_meeting(demo)
    file_for(
        previous,
        joint,
        us_official,
        Status.ON_TRACK,
        next_steps="Publish the joint guidance by the spring.",
        correction_reason="Next steps restated.",
        at=timezone.now(),
    )
    meeting = next_meeting(demo)
    differ_on(meeting, joint, us_official, ca_official)

    row = row_of(joint_section(page(client_for(staff), DASHBOARD)), joint.reference)

    us_party = row[row.index('<abbr title="U.S. Department of Commerce">') :].split("</li>")[0]
    assert "Planned last quarter:</dt><dd>Publish the joint guidance by the spring.</dd>" in (
        us_party
    )
    assert "Reported this quarter:</dt><dd>U.S.: pilot under way.</dd>" in us_party


def test_it_follows_the_lead_organisation_filter(
    demo, staff, joint, canadian, us_official, ca_official
):
    meeting = next_meeting(demo)
    differ_on(meeting, joint, us_official, ca_official)

    doc_view = joint_section(page(client_for(staff), DASHBOARD + "?org=DOC"))

    assert escape(f"{joint.reference} {joint.short_title}") in doc_view
    assert escape(f"{canadian.reference} {canadian.short_title}") not in doc_view
