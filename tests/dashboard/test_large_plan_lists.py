"""On a large plan the dashboard prints the first rows of each list, says how many there
are in all and links to the rest; the counts still cover every commitment."""

from collections import Counter

from dashboard.board import LIST_ROWS, ONE_PILLAR_ROWS, PILLAR_ROWS
from dashboard.tallies import take_tallies
from meetings.models import Meeting
from tests.conftest import client_for
from tests.dashboard.helpers import grow, status_at
from workplan.models import Commitment, StatusUpdate
from workplan.status import CLOSED_STATUSES


def test_it_shows_the_first_rows_of_each_pillar_with_the_total_and_a_link(
    demo, staff, doc, ised, us_official
):
    grow(demo, doc, ised, us_official)
    response = client_for(staff).get("/plans/us-canada-2021/")

    board = response.context["board"]
    html = response.content.decode()
    for view in board.pillars:
        in_pillar = Commitment.objects.filter(pillar_id=view.pillar.pk).order_by("position", "pk")
        assert view.tally.total == in_pillar.count() > PILLAR_ROWS
        assert [row.commitment.pk for row in view.rows] == [c.pk for c in in_pillar[:PILLAR_ROWS]]
        assert f"The first {PILLAR_ROWS} of {view.tally.total} are shown." in html
        assert f"Show all {view.tally.total} commitments of this pillar" in html
        assert f'href="/plans/us-canada-2021/?pillar={view.pillar.position}"' in html
    assert board.tally.total == 311


def test_a_pillars_own_view_links_to_the_commitments_page_beyond_its_cap(
    demo, staff, doc, ised, us_official
):
    grow(demo, doc, ised, us_official, commitments=6 * (ONE_PILLAR_ROWS + 5), updates=1)
    response = client_for(staff).get("/plans/us-canada-2021/?pillar=2&org=DOC")

    view = response.context["board"].pillars[0]
    led = Commitment.objects.filter(pillar=view.pillar.pk, leads__organization=doc)
    assert view.tally.total == led.count() > ONE_PILLAR_ROWS
    assert len(view.rows) == ONE_PILLAR_ROWS
    html = response.content.decode()
    assert f"See all {view.tally.total} on the commitments page" in html
    assert (
        f'href="/plans/us-canada-2021/commitments/?pillar={view.pillar.pk}&amp;lead={doc.pk}"'
        in html
    )


def test_the_lists_of_changes_and_stale_commitments_give_their_true_totals(
    demo, staff, doc, ised, us_official
):
    grow(demo, doc, ised, us_official, updates=3)
    take_tallies(demo)
    for url, moment in [
        ("/plans/us-canada-2021/", None),
        ("/plans/us-canada-2021/?as_of=2025-08-03", "2025-08-03"),
    ]:
        board = client_for(staff).get(url).context["board"]
        start, end = board.quarter.start, board.quarter.window_end(board.cutoff)
        changed, stale = set(), set()
        for commitment in Commitment.objects.filter(pillar__plan=demo):
            during = list(
                StatusUpdate.objects.filter(
                    commitment=commitment, created_at__gte=start, created_at__lt=end
                ).order_by("created_at", "id")
            )
            if during and during[0].old_status != during[-1].new_status:
                changed.add(commitment.pk)
            status = status_at(commitment, board.cutoff) if moment else commitment.status
            if not during and status not in CLOSED_STATUSES:
                stale.add(commitment.pk)
        assert board.changed_total == len(changed), url
        assert board.stale_total == len(stale) > LIST_ROWS, url
        assert {row.commitment.pk for row in board.changed} <= changed
        assert {row.commitment.pk for row in board.stale} <= stale
        assert len(board.changed) == min(LIST_ROWS, len(changed))
        assert len(board.stale) == LIST_ROWS
        # In order of pillar and position: the first ones.
        keys = [(r.commitment.pillar.position, r.commitment.position) for r in board.changed]
        assert keys == sorted(keys)


def test_counts_as_of_a_date_match_the_history_with_or_without_tallies(
    demo, staff, doc, ised, us_official
):
    grow(demo, doc, ised, us_official)
    client = client_for(staff)
    url = "/plans/us-canada-2021/?as_of=2024-02-14&org=ISED"

    replayed = client.get(url).context["board"]  # the new commitments made tallies go
    take_tallies(demo)
    tallied = client.get(url).context["board"]

    led = Commitment.objects.filter(pillar__plan=demo, leads__organization=ised)
    expected = Counter(status_at(c, replayed.cutoff) for c in led)
    for board in (replayed, tallied):
        assert {k: v for k, v in board.tally.counts.items() if v} == dict(expected)
        meetings = Meeting.objects.past().filter(plan=demo, starts_at__lte=board.cutoff)
        points = [point for point in board.trend if point.is_meeting]
        assert [p.moment for p in points] == [m.starts_at for m in meetings.order_by("starts_at")]
        for point in points:
            counts = Counter(status_at(c, point.moment) for c in led)
            assert {k: v for k, v in point.tally.counts.items() if v} == dict(counts)
