"""Marking an action done: its owner, an official of the owning organisation or an admin;
never the other party's officials or ministers' staff. Once only."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from meetings.models import Action
from tests.conftest import client_for, next_meeting
from tests.decisions.conftest import give_action
from workplan.models import User


@pytest.fixture
def action(demo, held, us_signatory, us_official, american) -> Action:
    return give_action(
        held, us_signatory, us_official, american, due_at=next_meeting(demo).checkin_deadline
    )


def done_url(action: Action) -> str:
    return reverse("complete_action", args=[action.pk])


def test_the_owner_marks_it_done(action, us_official):
    response = client_for(us_official).post(done_url(action), follow=True)

    action.refresh_from_db()
    assert action.completed_by == us_official and action.completed_at is not None
    assert "Action marked done: Send the options paper" in response.content.decode()


def test_an_official_of_the_owning_organisation_marks_it_done(action, doc):
    colleague = User.objects.create_user("doc-colleague", organization=doc)
    response = client_for(colleague).post(done_url(action))

    assert response.status_code == 302
    action.refresh_from_db()
    assert action.completed_by == colleague


@pytest.mark.parametrize(
    ("persona", "expected"), [("ca_official", 403), ("staff", 403), ("outsider", 404)]
)
def test_others_cannot_mark_it_done(personas, persona, expected, action):
    response = client_for(personas[persona]).post(done_url(action))

    assert response.status_code == expected
    action.refresh_from_db()
    assert action.completed_at is None


def test_marking_it_twice_keeps_the_first(action, us_official, admin_user):
    client_for(us_official).post(done_url(action))
    first = Action.objects.get(pk=action.pk).completed_at
    response = client_for(admin_user).post(done_url(action), follow=True)

    action.refresh_from_db()
    assert action.completed_by == us_official and action.completed_at == first
    assert "That action was already marked done." in response.content.decode()


def test_it_goes_back_to_the_page_it_came_from_but_never_off_site(action, us_official, held):
    client = client_for(us_official)
    response = client.post(done_url(action), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("meeting", args=[held.pk])


def test_the_agenda_marks_an_open_action_overdue_after_its_due_date(
    demo, held, us_signatory, us_official, american
):
    late = give_action(
        held,
        us_signatory,
        us_official,
        american,
        due_at=held.starts_at + datetime.timedelta(days=1),
        text="Late action",
    )
    assert late.is_overdue()
    page = client_for(us_official).get(reverse("meeting", args=[next_meeting(demo).pk]))
    html = page.content.decode()
    assert f'id="action-{late.pk}"' in html
    assert "action--overdue" in html.split(f'id="action-{late.pk}"')[0].rsplit("<li", 1)[1]
