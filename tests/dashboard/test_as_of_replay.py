import datetime

from tests.conftest import client_for
from tests.dashboard.helpers import fresh_commitment, local, status_at
from workplan.models import Commitment
from workplan.status import Status


def row_for(response, commitment):
    return next(row for row in response.context["board"].rows if row.commitment.pk == commitment.pk)


def test_it_replays_a_status_as_it_stood_at_the_end_of_a_day(demo, staff, us_official):
    commitment = fresh_commitment(demo, title="Replayed")
    # 23:30 on 10 June in Toronto is already 11 June in UTC: still the 10th's status.
    commitment.record_status(
        author=us_official,
        status=Status.ON_TRACK,
        expected_version=1,
        note="Kick-off held.",
        at=local(2026, 6, 10, 23, 30),
    )
    commitment.record_status(
        author=us_official,
        status=Status.CHALLENGES,
        expected_version=2,
        note="Funding paused.",
        at=local(2026, 6, 11, 0, 30),
    )
    client = client_for(staff)

    before = row_for(client.get("/plans/us-canada-2021/?as_of=2026-06-09"), commitment)
    on_the_day = row_for(client.get("/plans/us-canada-2021/?as_of=2026-06-10"), commitment)
    day_after = row_for(client.get("/plans/us-canada-2021/?as_of=2026-06-11"), commitment)

    assert before.status.key == Status.NOT_STARTED  # the first update's old status
    assert before.last_update is None
    assert on_the_day.status.key == Status.ON_TRACK
    assert on_the_day.last_update.note == "Kick-off held."
    assert day_after.status.key == Status.CHALLENGES
    assert day_after.last_update.note == "Funding paused."
    commitment.refresh_from_db()
    assert commitment.status == Status.CHALLENGES  # the live status is untouched


def test_it_matches_the_history_for_every_commitment_on_a_past_date(demo, staff):
    response = client_for(staff).get("/plans/us-canada-2021/?as_of=2024-02-14")

    cutoff = local(2024, 2, 15)
    shown = {row.commitment.pk: row.status.key for row in response.context["board"].rows}
    expected = {c.pk: status_at(c, cutoff) for c in Commitment.objects.filter(pillar__plan=demo)}
    assert shown == expected
    assert "Status at the end of 14 February 2024" in response.content.decode()


def test_it_leaves_out_the_notes_written_after_the_date(demo, staff):
    response = client_for(staff).get("/plans/us-canada-2021/?as_of=2023-01-01")

    cutoff = local(2023, 1, 2)
    for row in response.context["board"].rows:
        if row.last_update is not None:
            assert row.last_update.created_at < cutoff
    assert response.context["board"].cutoff < cutoff
    assert response.context["board"].cutoff > cutoff - datetime.timedelta(seconds=1)
