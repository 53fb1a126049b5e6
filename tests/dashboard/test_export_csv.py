import csv
import io

from django.utils import timezone

from dashboard.export import EXPORT_COLUMNS
from tests.conftest import client_for, commitment_led_only_by
from workplan.models import Commitment, StatusUpdate
from workplan.status import Status


def read_csv(response) -> list[dict[str, str]]:
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body[1:])))


def test_it_downloads_one_row_per_commitment_with_its_latest_update(demo, staff):
    response = client_for(staff).get("/plans/us-canada-2021/export.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate()
    assert response["Content-Disposition"] == (
        f'attachment; filename="us-canada-2021_{today:%Y-%m-%d}.csv"'
    )
    rows = read_csv(response)
    assert list(rows[0]) == EXPORT_COLUMNS
    assert len(rows) == Commitment.objects.filter(pillar__plan=demo).count()
    shared = next(row for row in rows if row["position"] == "1.3")
    commitment = Commitment.objects.get(pk=shared["id"])
    latest = StatusUpdate.objects.filter(commitment=commitment).latest()
    assert shared["pillar"] == commitment.pillar.title
    assert shared["text"] == commitment.text
    assert shared["status"] == commitment.status
    assert shared["status_label"] == Status(commitment.status).label
    assert shared["lead_organisations"] == "ISED; DOC"
    assert shared["last_note"] == latest.note
    assert shared["last_update"] == latest.created_at.astimezone().date().isoformat()


def test_it_lists_owners_and_honours_filters_and_the_date(demo, staff, us_official):
    doc_only = commitment_led_only_by(demo, "DOC")
    doc_only.owners.add(us_official)

    response = client_for(staff).get(
        f"/plans/us-canada-2021/export.csv?org=DOC&pillar={doc_only.pillar.position}"
        "&as_of=2022-01-01"
    )

    name = f"us-canada-2021_2022-01-01_DOC_pillar-{doc_only.pillar.position}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    rows = read_csv(response)
    assert {row["lead_organisations"] for row in rows} <= {"DOC", "ISED; DOC"}
    row = next(row for row in rows if row["id"] == str(doc_only.pk))
    assert "Jordan Ellis" in row["owners"]
    # Before the first quarterly update: the initial status and no note.
    assert row["last_update"] == "" and row["last_note"] == ""
    first = StatusUpdate.objects.filter(commitment=doc_only).order_by("created_at").first()
    assert row["status"] == first.old_status


def test_it_refuses_a_bad_date_instead_of_exporting_something_else(demo, staff):
    response = client_for(staff).get("/plans/us-canada-2021/export.csv?as_of=yesterday")

    assert response.status_code == 400
    assert "is not a date: give it as YYYY-MM-DD" in response.content.decode()
