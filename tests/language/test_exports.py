"""The CSV and JSON exports give the plan's words in the reader's language, and say which
columns of a row are the English standing in for missing French (`english_only`)."""

from __future__ import annotations

import csv
import io
import json

from dashboard.export import EXPORT_COLUMNS
from tests.conftest import client_for
from tests.language.conftest import (
    PLAN_FR,
    first_commitment,
    french_reader,
    give_french,
    pillar_fr,
    text_fr,
    without_french,
)
from workplan.models import Commitment, Pillar

CSV = "/plans/us-canada-2021/export.csv"
JSON = "/plans/us-canada-2021/export.json"


def read_csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8")[1:])))


def test_it_downloads_a_french_readers_csv_in_french(demo, ca_official):
    give_french(demo)
    blank = without_french(first_commitment(demo))
    Pillar.objects.filter(plan=demo, position=3).update(title_fr="")

    rows = read_csv(french_reader(ca_official).get(CSV))

    assert list(rows[0]) == EXPORT_COLUMNS
    assert EXPORT_COLUMNS[-1] == "english_only"  # appended: the other columns keep their place
    by_id = {int(row["id"]): row for row in rows}
    for commitment in Commitment.objects.filter(pillar__plan=demo).select_related("pillar"):
        row = by_id[commitment.pk]
        if commitment.pk == blank.pk:
            assert row["text"] == blank.text
            assert row["english_only"] == "text"
        elif commitment.pillar.position == 3:
            assert row["pillar"] == commitment.pillar.title
            assert row["text"] == text_fr(commitment)
            assert row["english_only"] == "pillar"
        else:
            assert row["pillar"] == pillar_fr(commitment.pillar.position)
            assert row["text"] == text_fr(commitment)
            assert row["english_only"] == ""


def test_it_downloads_an_english_readers_csv_in_english(demo, staff):
    give_french(demo)

    rows = read_csv(client_for(staff).get(CSV))

    by_id = {int(row["id"]): row for row in rows}
    for commitment in Commitment.objects.filter(pillar__plan=demo).select_related("pillar"):
        assert by_id[commitment.pk]["pillar"] == commitment.pillar.title
        assert by_id[commitment.pk]["text"] == commitment.text
        assert by_id[commitment.pk]["english_only"] == ""


def test_it_follows_the_language_a_script_asks_for(demo, staff):
    give_french(demo)

    response = client_for(staff).get(CSV, headers={"accept-language": "fr-CA,fr;q=0.9"})

    assert {row["pillar"] for row in read_csv(response)} == {pillar_fr(p) for p in (1, 2, 3)}


def test_it_downloads_a_french_readers_json_in_french(demo, ca_official):
    give_french(demo)
    blank = without_french(first_commitment(demo))

    response = french_reader(ca_official).get(JSON)

    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["plan"] == {"slug": demo.slug, "title": PLAN_FR}
    assert data["language"] == "fr"
    assert data["columns"] == EXPORT_COLUMNS
    by_id = {row["id"]: row for row in data["commitments"]}
    assert by_id[blank.pk]["text"] == blank.text
    assert by_id[blank.pk]["english_only"] == ["text"]
    for commitment in Commitment.objects.filter(pillar__plan=demo).exclude(pk=blank.pk):
        assert by_id[commitment.pk]["text"] == text_fr(commitment)
        assert by_id[commitment.pk]["english_only"] == []


def test_it_downloads_an_english_readers_json_in_english(demo, staff):
    give_french(demo)

    data = json.loads(client_for(staff).get(JSON).content)

    assert data["plan"]["title"] == demo.title
    assert data["language"] == "en"
    assert all(row["english_only"] == [] for row in data["commitments"])
