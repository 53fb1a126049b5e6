"""The dashboard speaks the plan's words in the reader's language: French where the plan
has it, the English marked "English only" where it has not."""

from __future__ import annotations

import uuid

from django.utils.html import escape

from dashboard.models import PlanRevision
from tests.conftest import client_for
from tests.language.conftest import (
    PLAN_FR,
    english_only,
    first_commitment,
    french_reader,
    give_french,
    pillar_fr,
    short_title_fr,
    without_french,
)
from workplan.models import Commitment, Pillar

URL = "/plans/us-canada-2021/"


def test_it_shows_a_french_reader_the_plan_in_french(demo, ca_official):
    give_french(demo)
    blank = without_french(first_commitment(demo))

    html = french_reader(ca_official).get(URL).content.decode()

    assert f" — {escape(PLAN_FR)} · Accord</title>" in html
    assert f"<h1>{escape(PLAN_FR)}</h1>" in html
    assert f"1. {escape(pillar_fr(1))}</h3>" in html
    assert f'<option value="2" >2. {escape(pillar_fr(2))}</option>' in html
    others = Commitment.objects.filter(pillar__plan=demo).exclude(pk=blank.pk)
    for commitment in others.select_related("pillar"):
        assert f"<td>{escape(short_title_fr(commitment))}</td>" in html
        assert escape(commitment.short_title) not in html
    assert english_only(escape(blank.short_title)) in html
    assert html.count('class="english-only"') == html.count(escape(blank.short_title))


def test_it_shows_an_english_reader_the_english_and_no_tag(demo, staff):
    give_french(demo)
    without_french(first_commitment(demo))

    html = client_for(staff).get(URL).content.decode()

    assert f"<h1>{escape(demo.title)}</h1>" in html
    for commitment in Commitment.objects.filter(pillar__plan=demo):
        assert f"<td>{escape(commitment.short_title)}</td>" in html
    assert "english-only" not in html
    assert "minéraux" not in html and "Pilier" not in html


def test_it_marks_a_pillar_without_french_in_its_headings(demo, ca_official):
    give_french(demo)
    pillar = demo.pillars.get(position=3)
    Pillar.objects.filter(pk=pillar.pk).update(title_fr="")

    html = french_reader(ca_official).get(URL).content.decode()

    assert f"3. {english_only(escape(pillar.title))}" in html
    # In the pillar filter, a plain option: no markup inside <option>.
    assert f'<option value="3" >3. {escape(pillar.title)}</option>' in html


def test_a_cached_dashboard_is_not_served_in_the_other_language(settings, demo, ca_official, staff):
    settings.DASHBOARD_CACHE_SECONDS = 600
    PlanRevision.objects.filter(plan=demo).update(epoch=uuid.uuid4())
    give_french(demo)

    french = french_reader(ca_official).get(URL).content.decode()
    english = client_for(staff).get(URL).content.decode()

    assert escape(pillar_fr(1)) in french
    assert escape(pillar_fr(1)) not in english
    assert escape(demo.pillars.get(position=1).title) in english
