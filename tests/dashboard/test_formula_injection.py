import csv
import io

from tests.conftest import client_for
from tests.dashboard.helpers import fresh_commitment
from workplan.models import Commitment
from workplan.status import Status


def test_it_defuses_cells_a_spreadsheet_would_run_as_formulas(demo, staff, us_official):
    dangerous = {
        '=HYPERLINK("http://evil.example","x")': "'=HYPERLINK",
        "+1+2": "'+1+2",
        "-2+3": "'-2+3",
        "@SUM(A1:A2)": "'@SUM",
        "\tcmd": "'\tcmd",
        "\rcmd": "'\rcmd",
    }
    made = []
    for text in dangerous:
        commitment = fresh_commitment(demo, title="Risky")
        Commitment.objects.filter(pk=commitment.pk).update(text=text)
        commitment.record_status(
            author=us_official, status=Status.ON_TRACK, expected_version=1, note=text
        )
        made.append((commitment.pk, text))

    response = client_for(staff).get("/plans/us-canada-2021/export.csv")

    rows = {
        row["id"]: row
        for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""))
    }
    for pk, text in made:
        row = rows[str(pk)]
        assert row["text"] == "'" + text
        assert row["last_note"] == "'" + text
        assert row["text"].startswith(dangerous[text])
    # Harmless text is left exactly as written.
    plain = next(row for row in rows.values() if row["position"] == "1.1")
    assert not plain["text"].startswith("'")
