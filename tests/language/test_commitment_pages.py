"""The commitments list and a commitment's own page in the reader's language: its short
title, its pillar and its text as published, the English marked where French is missing."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from tests.conftest import client_for
from tests.language.conftest import (
    PLAN_FR,
    english_only,
    first_commitment,
    french_reader,
    give_french,
    pillar_fr,
    short_title_fr,
    text_fr,
    without_french,
)
from workplan.models import Commitment


def commitments_page(client) -> str:
    response = client.get(reverse("commitments", args=["us-canada-2021"]))
    assert response.status_code == 200
    return response.content.decode()


def test_it_lists_the_commitments_in_french_for_a_french_reader(demo, ca_official):
    give_french(demo)
    blank = without_french(first_commitment(demo))

    html = commitments_page(french_reader(ca_official))

    assert f'<p class="lede">{escape(PLAN_FR)}</p>' in html
    assert f"1. {escape(pillar_fr(1))}</h2>" in html
    for commitment in Commitment.objects.filter(pillar__plan=demo).exclude(pk=blank.pk):
        assert f"</span> {escape(short_title_fr(commitment))}</a></h3>" in html
    assert f"</span> {english_only(escape(blank.short_title))}" in html
    # The screen-reader label inside the Update link stays plain text.
    hidden = f'<span class="visually-hidden"> {blank.reference} {escape(blank.short_title)}</span>'
    assert hidden in html


def test_it_shows_a_commitments_french_text_on_its_page(demo, ca_official):
    give_french(demo)
    commitment = first_commitment(demo, position=2)

    response = french_reader(ca_official).get(reverse("commitment", args=[commitment.pk]))

    html = response.content.decode()
    title = escape(short_title_fr(commitment))
    assert f"{commitment.reference} {title} · {escape(PLAN_FR)} · Accord</title>" in html
    assert f'<span class="ref">{commitment.reference}</span> {title}</h1>' in html
    assert f"2. {escape(pillar_fr(2))}</p>" in html
    french = escape(text_fr(commitment)).replace("\n", "<br>")
    assert f'<blockquote class="commitment-text">{french}</blockquote>' in html
    assert "english-only" not in html


def test_it_shows_the_english_text_marked_when_the_french_is_missing(demo, ca_official):
    give_french(demo)
    commitment = without_french(first_commitment(demo, position=2))

    html = french_reader(ca_official).get(reverse("commitment", args=[commitment.pk])).content
    html = html.decode()

    english = escape(commitment.text).replace("\n", "<br>")
    assert f'<blockquote class="commitment-text">{english_only(english)}' in html
    assert f"{english_only(escape(commitment.short_title))}" in html


def test_it_shows_an_english_reader_the_english_text(demo, us_official):
    give_french(demo)
    commitment = first_commitment(demo, position=2)

    html = client_for(us_official).get(reverse("commitment", args=[commitment.pk])).content
    html = html.decode()

    english = escape(commitment.text).replace("\n", "<br>")
    assert f'<blockquote class="commitment-text">{english}</blockquote>' in html
    assert "english-only" not in html and "Le texte français" not in html
