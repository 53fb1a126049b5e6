import datetime

import pytest
from django.db import IntegrityError

from readouts import importer
from readouts.importer import import_readout
from readouts.models import Passage, Readout
from readouts.parser import ReadoutParseError
from workplan.models import Commitment, Organization, Pillar, WorkPlan


@pytest.fixture
def doc(db) -> Organization:
    return Organization.objects.create(
        name="U.S. Department of Commerce", short_name="DOC", country_code="US"
    )


@pytest.fixture
def ised(db) -> Organization:
    return Organization.objects.create(
        name="Innovation, Science and Economic Development Canada",
        short_name="ISED",
        country_code="CA",
    )


def test_it_creates_a_plan_with_3_pillars_and_11_commitments(us_text, doc):
    # The U.S. page carries no date of its own: the importer is told it.
    result = import_readout(us_text, organization=doc, published=datetime.date(2021, 11, 3))

    plan = result.plan
    assert result.created_plan and result.created_commitments == 11
    assert [p.commitments.count() for p in plan.pillars.all()] == [3, 4, 4]
    assert plan.cadence_months == 3
    assert plan.started_on.isoformat() == "2021-11-03"
    assert list(plan.parties.all()) == [doc]
    first = Commitment.objects.filter(pillar__plan=plan).first()
    assert first.text.startswith("Reinforce existing cooperation under the U.S.-Canada")
    assert first.passages.get().readout == result.readout


def test_it_keeps_the_readout_word_for_word_with_its_provenance(us_text, doc):
    result = import_readout(us_text, organization=doc, url="https://example.gov/readout")
    readout = Readout.objects.get()
    assert readout.raw_text == us_text
    assert readout.organization == doc
    assert readout.url == "https://example.gov/readout"
    assert readout.language == "en"
    assert len(readout.content_hash) == 64
    assert Passage.objects.filter(readout=readout).count() == 11
    assert result.readout == readout


def test_it_attaches_the_second_governments_version_without_duplicates(us_text, ca_text, doc, ised):
    first = import_readout(us_text, organization=doc)
    second = import_readout(ca_text, plan=first.plan, organization=ised)

    assert second.matched == 11 and second.unmatched == []
    assert Commitment.objects.count() == 11
    assert Readout.objects.filter(plan=first.plan).count() == 2
    assert set(first.plan.parties.all()) == {doc, ised}
    for commitment in Commitment.objects.all():
        assert commitment.passages.count() == 2
    ai = Commitment.objects.get(pillar__position=2, position=2)
    canadian = ai.passages.get(readout=second.readout)
    assert "specifically on artificial intelligence" in canadian.text
    assert 0.5 < canadian.similarity < 1


def test_it_does_nothing_when_the_same_document_is_imported_twice(us_text, doc):
    first = import_readout(us_text, organization=doc)
    again = import_readout(us_text + "\n\n", organization=doc)

    assert again.duplicate and again.readout == first.readout
    assert WorkPlan.objects.count() == 1
    assert Readout.objects.count() == 1
    assert Commitment.objects.count() == 11


def test_it_writes_nothing_when_the_text_has_no_work_plan(db):
    with pytest.raises(ReadoutParseError) as error:
        import_readout("The ministers met and had a productive conversation about trade.")
    assert "no" in str(error.value).lower()
    assert not WorkPlan.objects.exists() and not Readout.objects.exists()


def test_it_leaves_no_rows_when_a_failure_happens_midway(us_text, doc, monkeypatch):
    real_create = Commitment.objects.create
    calls = {"n": 0}

    def failing_create(**kwargs):
        calls["n"] += 1
        if calls["n"] == 6:
            raise IntegrityError("disk full, say")
        return real_create(**kwargs)

    monkeypatch.setattr(Commitment.objects, "create", failing_create)
    with pytest.raises(IntegrityError):
        import_readout(us_text, organization=doc)

    assert calls["n"] == 6
    assert not WorkPlan.objects.exists()
    assert not Pillar.objects.exists()
    assert not Commitment.objects.exists()
    assert not Readout.objects.exists()


def test_it_never_forces_a_match_for_a_commitment_found_in_one_version_only(us_text, doc, ised):
    plan = import_readout(us_text, organization=doc).plan
    other = (
        "Through the work plan, the Minister and Secretary:\n\n"
        "Acknowledged the importance of cooperation on supply chains and agreed to:\n\n"
        "  • Share approaches on enhancing security of the software supply chain; and\n"
        "  • Launch a joint lunar rover programme with a dedicated budget by 2030.\n"
    )
    result = importer.import_readout(other, plan=plan, organization=ised)
    assert result.matched == 1
    assert result.unmatched == [
        "Launch a joint lunar rover programme with a dedicated budget by 2030"
    ]
    assert Commitment.objects.count() == 11
