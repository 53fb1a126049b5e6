"""A signatory enters the meeting's decisions on its page: each noted, or an action item due
by default at the next meeting's check-in deadline, or a new commitment in a pillar."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from meetings.models import Action, Decision
from tests.conftest import client_for, next_meeting
from tests.decisions.conftest import action_form, decide_url
from workplan.models import Commitment, CommitmentLead


def test_it_records_a_decision_whose_action_is_due_at_the_next_deadline(
    demo, held, us_signatory, us_official, american
):
    before = Decision.objects.count()
    response = client_for(us_signatory).post(
        decide_url(held), action_form(american, us_official), follow=True
    )

    assert response.status_code == 200
    decision = Decision.objects.latest("id")
    assert Decision.objects.count() == before + 1
    assert decision.meeting == held and decision.recorded_by == us_signatory
    action = decision.actions.get()
    assert action.commitment == american and action.pillar is None
    assert action.owner == us_official and action.organization == us_official.organization
    assert action.due_at == next_meeting(demo).checkin_deadline
    page = response.content.decode()
    assert "Decision recorded, with its action." in page
    assert "Draft the joint note" in page and "Ministers asked for a joint note" in page


def test_it_takes_a_chosen_due_date_as_the_end_of_that_day(
    held, us_signatory, us_official, american
):
    day = timezone.localdate(held.starts_at, us_signatory.zone) + datetime.timedelta(days=30)
    client_for(us_signatory).post(
        decide_url(held), action_form(american, us_official, action_due=day.isoformat())
    )

    action = Action.objects.latest("id")
    assert timezone.localtime(action.due_at, us_signatory.zone).date() == day
    assert timezone.localtime(action.due_at, us_signatory.zone).time() == datetime.time.max


def test_it_makes_an_action_about_a_whole_pillar(demo, held, us_signatory, ca_official):
    pillar = demo.pillars.get(position=3)
    client_for(us_signatory).post(
        decide_url(held),
        action_form(pillar.commitments.first(), ca_official, action_about=f"pillar-{pillar.pk}"),
    )

    action = Action.objects.latest("id")
    assert action.pillar == pillar and action.commitment is None
    assert action.subject == f"3. {pillar.title}"


def test_it_adds_a_new_commitment_at_the_end_of_its_pillar(demo, held, us_signatory, ised):
    pillar = demo.pillars.get(position=2)
    count = pillar.commitments.count()
    response = client_for(us_signatory).post(
        decide_url(held),
        {
            "text": "Ministers added quantum technologies to the plan.",
            "becomes": "commitment",
            "commitment_pillar": pillar.pk,
            "commitment_text": "Cooperate on quantum technologies research and standards.",
            "commitment_short_title": "Quantum technologies",
            "commitment_lead": ised.pk,
        },
        follow=True,
    )

    added = Decision.objects.latest("id").new_commitment
    assert added.pillar == pillar and added.position == count + 1
    assert added.short_title == "Quantum technologies"
    assert list(
        CommitmentLead.objects.filter(commitment=added).values_list("organization", flat=True)
    ) == [ised.pk]
    assert f"commitment {added.reference} added to the plan" in response.content.decode()
    assert not Action.objects.filter(decision__new_commitment=added).exists()


def test_it_records_a_decision_that_is_only_noted(held, us_signatory):
    client_for(us_signatory).post(
        decide_url(held), {"text": "Ministers noted the G7 agenda.", "becomes": "noted"}
    )

    decision = Decision.objects.latest("id")
    assert decision.text == "Ministers noted the G7 agenda."
    assert not decision.actions.exists() and decision.new_commitment is None


def test_it_keeps_the_draft_and_saves_nothing_when_the_action_is_incomplete(
    held, us_signatory, us_official, american
):
    before = (Decision.objects.count(), Action.objects.count())
    data = action_form(american, us_official, action_text="", action_about="")
    response = client_for(us_signatory).post(decide_url(held), data)

    assert response.status_code == 422
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert "Action: say what is to be done." in page
    assert "About: choose the commitment or pillar it concerns." in page
    assert "Ministers asked for a joint note on the pilot" in page  # the draft is kept
    assert (Decision.objects.count(), Action.objects.count()) == before


def test_it_refuses_an_owner_outside_the_owning_organisation(
    held, us_signatory, us_official, ca_official, american
):
    data = action_form(american, us_official, action_organization=ca_official.organization_id)
    response = client_for(us_signatory).post(decide_url(held), data)

    assert response.status_code == 422
    assert "is not in ISED; choose someone who is." in response.content.decode()
    assert not Action.objects.filter(text="Draft the joint note").exists()


def test_it_refuses_a_due_date_before_the_meeting(held, us_signatory, us_official, american):
    day = timezone.localdate(held.starts_at, us_signatory.zone) - datetime.timedelta(days=1)
    data = action_form(american, us_official, action_due=day.isoformat())
    response = client_for(us_signatory).post(decide_url(held), data)

    assert response.status_code == 422
    assert "cannot be due before the meeting that decided it" in response.content.decode()
    assert not Action.objects.filter(text="Draft the joint note").exists()


def test_it_refuses_a_commitment_of_another_plan(held, us_signatory, us_official, other_plan):
    foreign = Commitment.objects.filter(pillar__plan=other_plan).first()
    data = action_form(foreign, us_official)
    response = client_for(us_signatory).post(decide_url(held), data)

    assert response.status_code == 422
    assert not Action.objects.filter(commitment=foreign).exists()


def test_it_takes_decisions_only_once_the_meeting_has_begun(
    demo, us_signatory, us_official, american
):
    upcoming = next_meeting(demo)
    before = Decision.objects.count()
    response = client_for(us_signatory).post(
        decide_url(upcoming), action_form(american, us_official), follow=True
    )

    assert "Decisions are entered once the meeting has begun." in response.content.decode()
    assert Decision.objects.count() == before
    page = client_for(us_signatory).get(f"/meetings/{upcoming.pk}/").content.decode()
    assert "Record the decision" not in page


def test_a_decision_whose_action_cannot_be_stored_is_not_stored_either(held, us_signatory, doc):
    before = Decision.objects.count()
    # Neither a commitment nor a pillar: the database's constraint refuses the action.
    with pytest.raises(IntegrityError, match="action_commitment_or_pillar"):
        Decision.record(
            meeting=held,
            author=us_signatory,
            text="Half a decision.",
            action={"text": "Nothing", "organization": doc, "due_at": held.starts_at},
        )
    assert Decision.objects.count() == before


def test_the_form_offers_the_next_deadline_as_the_due_date_in_french_too(demo, held, us_signatory):
    us_signatory.language = "fr"
    us_signatory.save(update_fields=["language"])
    deadline = timezone.localdate(next_meeting(demo).checkin_deadline, us_signatory.zone)

    client = client_for(us_signatory)
    page = client.get(f"/meetings/{held.pk}/", headers={"accept-language": "fr"}).content
    # A date input takes ISO dates whatever the reader's language.
    assert f'value="{deadline.isoformat()}"' in page.decode()
    assert "Consigner la décision" in page.decode()
