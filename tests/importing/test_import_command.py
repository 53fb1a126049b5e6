import json

import pytest
from django.core.management import CommandError, call_command

from readouts.models import Readout
from tests.importing.conftest import CA, US
from workplan.models import Commitment, Organization, WorkPlan


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import_readout", *args, stdout=out)
    return out.getvalue()


def test_it_prints_the_structure_as_json_and_writes_nothing(db):
    structure = json.loads(run(str(CA), "--dry-run", "--format", "json"))

    assert structure["published"] == "2021-11-03"
    assert structure["cadence_months"] == 3
    assert [len(p["commitments"]) for p in structure["pillars"]] == [3, 4, 4]
    assert structure["pillars"][0]["commitments"][1] == (
        "Share approaches on enhancing security of the software supply chain"
    )
    assert not WorkPlan.objects.exists() and not Readout.objects.exists()


def test_it_imports_then_attaches_the_other_version(db):
    Organization.objects.create(
        name="U.S. Department of Commerce", short_name="DOC", country_code="US"
    )
    Organization.objects.create(
        name="Innovation, Science and Economic Development Canada",
        short_name="ISED",
        country_code="CA",
    )
    first = run(str(US), "--source", "DOC", "--url", "https://www.commerce.gov/news")
    plan = WorkPlan.objects.get()
    second = run(str(CA), "--plan", plan.slug, "--source", "ised", "--published", "2021-11-03")
    third = run(str(CA), "--plan", plan.slug)

    assert "11 commitments" in first
    assert "11 commitments matched, 0 unmatched" in second
    assert "nothing to do" in third
    assert Commitment.objects.count() == 11
    assert Readout.objects.count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/readout.txt"], "Cannot read"),
        ([str(US), "--plan", "no-such-plan"], "No work plan with slug"),
        ([str(US), "--source", "NASA"], "No organisation named"),
        ([str(US), "--published", "3 Nov 2021"], "YYYY-MM-DD"),
    ],
)
def test_it_fails_with_a_one_line_reason(db, args, message):
    with pytest.raises(CommandError) as error:
        run(*args)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert not WorkPlan.objects.exists()


def test_it_exits_non_zero_on_text_without_a_work_plan(db, tmp_path):
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT
    from tests.meetings.conftest import database_url

    path = tmp_path / "prose.txt"
    path.write_text("The leaders met today and discussed many topics of mutual interest.\n")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_readout", str(path), "--dry-run"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        # The test database: the command looks for an earlier import of the same text.
        env={**os.environ, "DATABASE_URL": database_url()},
    )
    assert result.returncode != 0
    assert "no pillar headings" in result.stderr.lower() or "no list items" in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1


def test_its_dry_run_json_carries_the_outline_and_imports_one_from_a_file(db, tmp_path):
    from tests.importing.test_outline import CORRECTED, PROSE

    with pytest.raises(CommandError) as error:
        run(str(PROSE), "--dry-run", "--format", "json")
    assert "no pillar headings; no list items" in str(error.value)

    structure = json.loads(run(str(CA), "--dry-run", "--format", "json"))
    assert structure["outline"].count("\n- ") == 11

    outline = tmp_path / "outline.txt"
    outline.write_text(CORRECTED, encoding="utf-8")
    run(str(PROSE), "--outline", str(outline))

    plan = WorkPlan.objects.get()
    assert Commitment.objects.filter(pillar__plan=plan).count() == 4


def test_an_outline_file_with_a_problem_imports_nothing(db, tmp_path):
    from tests.importing.test_outline import PROSE

    outline = tmp_path / "outline.txt"
    outline.write_text("- no pillar\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(str(PROSE), "--outline", str(outline))
    assert "Line 1: start the outline with a pillar" in str(error.value)
    assert not WorkPlan.objects.exists()
