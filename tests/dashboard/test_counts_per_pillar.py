from collections import Counter

from tests.conftest import client_for
from tests.dashboard.helpers import counts_by_pillar
from workplan.models import Commitment
from workplan.status import Status


def test_it_counts_each_pillars_commitments_by_status_as_the_database_has_them(demo, staff):
    expected = counts_by_pillar(demo)

    response = client_for(staff).get("/plans/us-canada-2021/")

    assert response.status_code == 200
    board = response.context["board"]
    shown = {view.pillar.position: view.tally.counts for view in board.pillars}
    assert sorted(shown) == [1, 2, 3]
    for position, counter in expected.items():
        assert shown[position] == {s.value: counter.get(s.value, 0) for s in Status}
    assert board.tally.total == Commitment.objects.filter(pillar__plan=demo).count() == 11


def test_it_writes_every_count_beside_its_bar_in_words(demo, staff):
    overall = Counter(Commitment.objects.filter(pillar__plan=demo).values_list("status", flat=True))

    html = client_for(staff).get("/plans/us-canada-2021/").content.decode()

    assert html.count('<svg class="progress-bar"') == 4  # all pillars + 3 pillars
    for status, count in overall.items():
        label = Status(status).label
        assert f"{label}: <strong>{count}</strong>" in html
    # No inline style anywhere: the strict CSP would block it.
    assert "style=" not in html
