import json

from dashboard.export import EXPORT_COLUMNS
from tests.conftest import client_for
from tests.dashboard.helpers import local, status_at
from workplan.models import Commitment


def test_it_exports_the_plan_as_json_as_of_a_date(demo, staff):
    response = client_for(staff).get("/plans/us-canada-2021/export.json?as_of=2024-05-03")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="us-canada-2021_2024-05-03.json"'
    )
    data = json.loads(response.content)
    assert data["plan"] == {"slug": "us-canada-2021", "title": demo.title}
    assert data["as_of"] == "2024-05-03"
    assert data["columns"] == EXPORT_COLUMNS
    assert len(data["commitments"]) == 11
    assert all(list(row) == EXPORT_COLUMNS for row in data["commitments"])
    cutoff = local(2024, 5, 4)
    for row in data["commitments"]:
        commitment = Commitment.objects.get(pk=row["id"])
        assert row["status"] == status_at(commitment, cutoff)
        assert row["last_update"] <= "2024-05-03"


def test_it_exports_only_the_chosen_pillar(demo, staff):
    data = json.loads(client_for(staff).get("/plans/us-canada-2021/export.json?pillar=2").content)

    assert data["filters"] == {"org": None, "pillar": 2}
    assert [row["position"] for row in data["commitments"]] == ["2.1", "2.2", "2.3", "2.4"]
    assert data["commitments"][0]["text"].startswith(
        Commitment.objects.get(pillar__plan=demo, pillar__position=2, position=1).text[:20]
    )
