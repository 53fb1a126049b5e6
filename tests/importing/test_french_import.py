"""The French version of a plan's readout gives the plan its French: each pillar and
commitment the French of the one at its place, checked by the numbers and acronyms that do
not translate. When the two do not pair up, nothing is written and the outline editor says
where; a corrected outline then imports."""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from django.core.management import CommandError, call_command

from readouts.importer import import_readout
from readouts.models import Readout
from tests.conftest import FIXTURES, client_for
from tests.importing.test_admin_outline import IMPORT, confirm_data
from workplan.models import Commitment, Organization, Pillar, WorkPlan

FR = FIXTURES / "readouts" / "2021-11-03_ised-canada_compte-rendu-fr.txt"
# Canada's shorter French communiqué: pillars 2 and 3 have two commitments, not four.
ABRIDGED_FR = FIXTURES / "readouts" / "2021-11-03_ised-canada_communique-fr.txt"


@pytest.fixture
def plan(db, us_text) -> WorkPlan:
    return import_readout(us_text, plan_slug="us-canada").plan


def french_text() -> str:
    return FR.read_text(encoding="utf-8")


def run(*args, **options) -> str:
    out = io.StringIO()
    call_command("import_readout", *args, stdout=out, **options)
    return out.getvalue()


def commitments(plan: WorkPlan) -> list[Commitment]:
    found = Commitment.objects.filter(pillar__plan=plan)
    return list(found.order_by("pillar__position", "position"))


def test_it_gives_each_commitment_the_french_at_its_place(plan):
    Organization.objects.create(short_name="ISED", name="ISED Canada", country_code="CA")
    english = [c.text for c in commitments(plan)]

    out = run(str(FR), plan="us-canada", language="fr", source="ISED")

    assert "French added to us-canada: 11 commitments and 3 pillars." in out
    found = commitments(plan)
    assert [c.text for c in found] == english  # the English, the text of record, untouched
    assert found[2].text_fr.startswith("Appuyer une coopération accrue")
    assert "5G" in found[2].text_fr
    assert found[10].text_fr.startswith("Se coordonner sur le plan bilatéral")
    assert all(c.text_fr and c.short_title_fr for c in found)
    assert all(len(c.short_title_fr) <= 60 for c in found)
    pillar = Pillar.objects.get(plan=plan, position=2)
    assert pillar.lead_in_fr.startswith("Ont reconnu le rôle essentiel de l'innovation")
    readout = Readout.objects.get(plan=plan, language="fr")
    assert readout.organization.short_name == "ISED"
    assert [p.commitment_id for p in readout.passages.order_by("position")] == [c.pk for c in found]


def test_it_reads_the_language_from_the_text_when_not_given(plan):
    run(str(FR), plan="us-canada")

    assert Readout.objects.get(plan=plan, language="fr")
    assert all(c.text_fr for c in commitments(plan))


def test_it_writes_nothing_when_a_pillar_has_fewer_commitments(plan):
    with pytest.raises(CommandError) as error:
        run(str(ABRIDGED_FR), plan="us-canada", language="fr")

    message = str(error.value)
    assert "Pillar 2 has 4 commitments in the plan and 2 in this text" in message
    assert "Pillar 3 has 4 commitments in the plan and 2 in this text" in message
    assert not Readout.objects.filter(plan=plan, language="fr").exists()
    assert not any(c.text_fr for c in commitments(plan))
    assert not Pillar.objects.filter(plan=plan).exclude(title_fr="").exists()


def test_a_corrected_outline_resolves_a_mismatch(plan, tmp_path):
    # A list mark lost in the French: pillar 2's first two commitments read as one.
    joined = french_text().replace("du génome;\n• en ce qui", "du génome; en ce qui")
    source = tmp_path / "fr.txt"
    source.write_text(joined, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        run(str(source), plan="us-canada", language="fr", dry_run=True, format="json")
    assert "Pillar 2 has 4 commitments in the plan and 3 in this text" in str(error.value)

    printed = json.loads(run_dry(source))
    outline = printed["outline"]
    merged = next(line for line in outline.splitlines() if "en ce qui concerne" in line)
    first, second = merged.split(" en ce qui concerne ", 1)
    fixed = outline.replace(merged, f"{first}\n- En ce qui concerne {second}")
    corrected = tmp_path / "outline.txt"
    corrected.write_text(fixed, encoding="utf-8")

    out = run(str(source), plan="us-canada", language="fr", outline=str(corrected))

    assert "11 commitments" in out
    found = commitments(plan)
    assert found[3].text_fr.startswith("Explorer des possibilités de collaboration")
    assert found[4].text_fr.startswith("En ce qui concerne l'intelligence artificielle")


def run_dry(source) -> str:
    """The dry run's JSON even when it ends with the problems (it prints them first)."""
    out = io.StringIO()
    with contextlib.suppress(CommandError):
        call_command(
            "import_readout",
            str(source),
            plan="us-canada",
            language="fr",
            dry_run=True,
            format="json",
            stdout=out,
        )
    return out.getvalue()


def test_the_dry_run_pairs_each_commitment_and_flags_numbers_that_differ(plan, tmp_path):
    source = tmp_path / "fr.txt"
    source.write_text(french_text().replace("5G", "cinquième génération"), encoding="utf-8")

    printed = json.loads(run(str(source), plan="us-canada", dry_run=True, format="json"))

    translation = printed["translation"]
    assert translation["problems"] == []
    assert translation["warnings"] == ["1.3: 5G in the English but not in this text"]
    assert translation["pairs"][0]["reference"] == "1.1"
    assert translation["pairs"][0]["french"].startswith("Renforcer la coopération existante")
    assert not Readout.objects.filter(language="fr").exists()


def test_a_warning_does_not_stop_the_import_but_is_reported(plan, tmp_path):
    source = tmp_path / "fr.txt"
    source.write_text(french_text().replace("G20", "Groupe des vingt"), encoding="utf-8")

    out = run(str(source), plan="us-canada", language="fr")

    assert "check: 3.3: G20 in the English but not in this text" in out
    assert commitments(plan)[9].text_fr.endswith("comme le G7 et le Groupe des vingt")


def test_the_outline_round_trip_gives_the_same_french(plan, tmp_path):
    outline = json.loads(run(str(FR), plan="us-canada", dry_run=True, format="json"))["outline"]
    (tmp_path / "outline.txt").write_text(outline, encoding="utf-8")
    run(str(FR), plan="us-canada", language="fr", outline=str(tmp_path / "outline.txt"))
    from_outline = [(c.text_fr, c.short_title_fr) for c in commitments(plan)]

    other = import_readout(FR.read_text(encoding="utf-8").replace("Le 3", "Le  3"), plan=None)
    assert other.created_commitments == 11  # (a new plan from the French, to compare)
    direct = [
        (c.text, c.short_title)
        for c in Commitment.objects.filter(pillar__plan=other.plan).order_by(
            "pillar__position", "position"
        )
    ]
    assert from_outline == direct


# Admin: the same, in the import page's outline editor.


def blank_french(plan: WorkPlan) -> None:
    Commitment.objects.filter(pillar__plan=plan).update(text_fr="", short_title_fr="")
    Pillar.objects.filter(plan=plan).update(title_fr="", lead_in_fr="")


def test_an_admin_sees_each_commitment_beside_its_french_then_confirms(admin_user, demo):
    blank_french(demo)
    client = client_for(admin_user)
    # Another printing of the demo's French readout (the demo imported the first).
    text = french_text() + "\nVersion imprimable\n"

    preview = client.post(IMPORT, {"text": text, "plan": demo.pk, "preview": "1"})

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "pillar by pillar and commitment by commitment" in page
    assert "Appuyer une coopération accrue" in page
    assert preview.context["preview"].can_confirm
    assert not Commitment.objects.filter(pillar__plan=demo).exclude(text_fr="").exists()

    assert preview.context["confirm"]["plan_title_fr"].value() == demo.title_fr

    done = client.post(
        IMPORT,
        confirm_data(preview, plan_title_fr="Plan de travail Canada–États-Unis", confirm="1"),
    )

    assert done.status_code == 302
    demo.refresh_from_db()
    assert demo.title_fr == "Plan de travail Canada–États-Unis"
    found = commitments(demo)
    assert found[0].text_fr.startswith("Renforcer la coopération existante")
    assert all(c.text_fr for c in found)
    assert Readout.objects.filter(plan=demo, language="fr").count() == 2


def test_an_admin_is_shown_where_the_french_does_not_pair_up(admin_user, demo):
    blank_french(demo)
    client = client_for(admin_user)
    text = ABRIDGED_FR.read_text(encoding="utf-8")

    preview = client.post(IMPORT, {"text": text, "plan": demo.pk, "preview": "1"})

    assert preview.status_code == 422
    page = preview.content.decode()
    assert "does not pair up with the plan yet" in page
    assert "Pillar 2 has 4 commitments in the plan and 2 in this text" in page
    assert "no commitment at this place" in page
    assert 'name="confirm"' not in page

    forced = client.post(IMPORT, confirm_data(preview, confirm="1"))

    assert forced.status_code == 422
    assert not Commitment.objects.filter(pillar__plan=demo).exclude(text_fr="").exists()
