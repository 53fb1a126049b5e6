import datetime

from django.utils import timezone

from tests.conftest import client_for, last_meeting, next_meeting
from tests.dashboard.helpers import fresh_commitment
from workplan.models import Commitment
from workplan.status import Status

ONE_SECOND = datetime.timedelta(seconds=1)


def boundary_commitments(plan, author):
    started = last_meeting(plan).starts_at
    at_start = fresh_commitment(plan, title="Reported as the meeting began")
    at_start.record_status(
        author=author, status=Status.ON_TRACK, expected_version=1, note="On time.", at=started
    )
    just_before = fresh_commitment(plan, title="Reported a second before")
    just_before.record_status(
        author=author,
        status=Status.ON_TRACK,
        expected_version=1,
        note="Just in.",
        at=started - ONE_SECOND,
    )
    closed = fresh_commitment(plan, title="Closed long ago", status=Status.COMPLETED)
    silent = fresh_commitment(plan, title="Never reported")
    return at_start, just_before, closed, silent


def test_it_counts_an_update_made_as_the_meeting_began_in_the_new_quarter(demo, staff, us_official):
    at_start, just_before, closed, silent = boundary_commitments(demo, us_official)

    board = client_for(staff).get("/plans/us-canada-2021/").context["board"]

    assert board.quarter.start == last_meeting(demo).starts_at
    changed = {row.commitment.pk: row for row in board.changed}
    stale = {row.commitment.pk for row in board.stale}
    assert at_start.pk in changed
    assert (changed[at_start.pk].changed_from.key, changed[at_start.pk].status.key) == (
        Status.NOT_STARTED,
        Status.ON_TRACK,
    )
    assert changed[at_start.pk].change.note == "On time."
    assert changed[at_start.pk].change.author_name == "Jordan Ellis"
    assert at_start.pk not in stale
    assert just_before.pk in stale and just_before.pk not in changed
    assert silent.pk in stale
    assert closed.pk not in stale  # closed commitments need no check-in, as stale_for says


def test_it_lists_exactly_what_stale_for_the_next_meeting_lists(demo, staff, us_official):
    boundary_commitments(demo, us_official)
    upcoming = next_meeting(demo)

    board = client_for(staff).get("/plans/us-canada-2021/").context["board"]

    expected = set(Commitment.objects.stale_for(upcoming).values_list("pk", flat=True))
    assert {row.commitment.pk for row in board.stale} == expected
    assert expected  # the demo leaves some unreported


def test_on_a_meeting_day_it_shows_the_quarter_that_meeting_closes(demo, staff, us_official):
    at_start, just_before, _closed, _silent = boundary_commitments(demo, us_official)
    meeting = last_meeting(demo)
    day = timezone.localdate(meeting.starts_at)

    board = client_for(staff).get(f"/plans/us-canada-2021/?as_of={day}").context["board"]

    assert board.quarter.next.starts_at == meeting.starts_at
    assert board.quarter.start == meeting.previous().starts_at
    changed = {row.commitment.pk for row in board.changed}
    assert just_before.pk in changed
    # Said as the meeting began: next quarter's news, though the day's status includes it.
    assert at_start.pk not in changed
    rows = {row.commitment.pk: row for row in board.rows}
    assert rows[at_start.pk].status.key == Status.ON_TRACK
    assert at_start.pk in {row.commitment.pk for row in board.stale}
