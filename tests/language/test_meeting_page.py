"""A meeting's agenda in the reader's language: the pillars and commitments it lists, what
each open action is about, and the choices of the decision form."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from meetings.models import Action
from tests.conftest import client_for, last_meeting, next_meeting
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
from workplan.models import Commitment, User


def agenda(client, meeting) -> str:
    response = client.get(reverse("meeting", args=[meeting.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('id="decisions"')[0]


def test_it_lists_the_agenda_in_french_for_a_french_reader(demo, ca_official):
    give_french(demo)
    blank = without_french(first_commitment(demo))
    meeting = next_meeting(demo)

    html = agenda(french_reader(ca_official), meeting)

    assert f'<p class="muted">{escape(PLAN_FR)}</p>' in html
    for position in (1, 2, 3):
        assert f"<h3>{position}. {escape(pillar_fr(position))}</h3>" in html
        assert escape(pillar_fr(position)) + "</caption>" in html
    for commitment in Commitment.objects.filter(pillar__plan=demo).exclude(pk=blank.pk):
        assert f"{commitment.reference} {escape(short_title_fr(commitment))}</a></th>" in html
    assert f"{blank.reference} {english_only(escape(blank.short_title))}" in html


def test_it_says_in_french_what_each_open_action_is_about(demo, ca_official):
    give_french(demo)
    meeting = next_meeting(demo)
    about_commitments = [
        action
        for action in Action.objects.on_agenda_of(meeting).select_related("commitment__pillar")
        if action.commitment_id
    ]
    assert about_commitments, "the demo leaves actions open on commitments"

    html = agenda(french_reader(ca_official), meeting)

    for action in about_commitments:
        title = escape(short_title_fr(action.commitment))
        assert f"{action.commitment.reference} {title}</a></span>" in html


def test_it_offers_the_decision_forms_choices_in_french(demo):
    give_french(demo)
    signatory = User.objects.get(username="ca-signatory")
    commitment = first_commitment(demo, position=2)

    response = french_reader(signatory).get(reverse("meeting", args=[last_meeting(demo).pk]))

    html = response.content.decode()
    label = f"{commitment.reference} {escape(short_title_fr(commitment))}"
    assert f'<option value="commitment-{commitment.pk}">{label}</option>' in html
    assert f"2. {escape(pillar_fr(2))}</option>" in html


def test_it_lists_the_agenda_in_english_for_an_english_reader(demo, us_official):
    give_french(demo)

    html = agenda(client_for(us_official), next_meeting(demo))

    assert escape(PLAN_FR) not in html and "english-only" not in html
    for commitment in Commitment.objects.filter(pillar__plan=demo):
        assert f"{commitment.reference} {escape(commitment.short_title)}</a></th>" in html
