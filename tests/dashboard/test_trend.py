import zoneinfo

from django.conf import settings

from meetings.models import Meeting
from tests.conftest import client_for
from tests.dashboard.helpers import status_at
from workplan.models import Commitment
from workplan.status import Status


def test_it_counts_the_statuses_as_they_stood_just_before_each_past_meeting(demo, staff):
    board = client_for(staff).get("/plans/us-canada-2021/").context["board"]

    meetings = list(Meeting.objects.past().filter(plan=demo).order_by("starts_at"))
    commitments = list(Commitment.objects.filter(pillar__plan=demo))
    meeting_points = [point for point in board.trend if point.is_meeting]
    assert [point.moment for point in meeting_points] == [m.starts_at for m in meetings]
    for point in meeting_points:
        expected = {s.value: 0 for s in Status}
        for commitment in commitments:
            expected[status_at(commitment, point.moment)] += 1
        assert point.tally.counts == expected, point.moment
    # The last column is today's.
    today = board.trend[-1]
    assert not today.is_meeting
    assert today.tally.counts == board.tally.counts


def test_it_offers_the_trend_as_a_table_and_a_described_image(demo, staff):
    html = client_for(staff).get("/plans/us-canada-2021/").content.decode()

    assert 'role="img" aria-labelledby="trend-title trend-desc"' in html
    assert "<summary>The trend as a table</summary>" in html
    assert '<th scope="row">3 November 2025</th>' in html


def test_it_draws_a_meeting_day_once_when_looking_back_to_it(demo, staff):
    meeting = Meeting.objects.past().filter(plan=demo).order_by("starts_at")[4]
    day = meeting.starts_at.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE)).date()
    url = f"/plans/us-canada-2021/?as_of={day.isoformat()}"

    board = client_for(staff).get(url).context["board"]

    # Nothing changed later that day, so the meeting's column is the last one.
    assert board.trend[-1].is_meeting
    assert board.trend[-1].moment == meeting.starts_at
    assert board.trend[-1].tally == board.tally
