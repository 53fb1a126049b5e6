"""Open actions from earlier meetings are on the next meeting's agenda, with who owns them and
by when; done ones leave it; the demo has some done, one overdue, some open."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Action
from tests.conftest import client_for, next_meeting
from tests.decisions.conftest import give_action


def agenda_of(user, meeting) -> str:
    return client_for(user).get(reverse("meeting", args=[meeting.pk])).content.decode()


def test_an_action_due_before_the_deadline_is_on_the_next_agenda(
    demo, held, us_signatory, us_official, american, staff
):
    upcoming = next_meeting(demo)
    action = give_action(
        held, us_signatory, us_official, american, due_at=upcoming.checkin_deadline
    )

    page = agenda_of(staff, upcoming)
    assert f'id="action-{action.pk}"' in page
    assert "Send the options paper" in page
    assert f"{american.reference} {american.short_title}" in page
    assert "DOC · Jordan Ellis" in page


def test_a_done_action_leaves_the_agenda(demo, held, us_signatory, us_official, american):
    upcoming = next_meeting(demo)
    action = give_action(
        held, us_signatory, us_official, american, due_at=upcoming.checkin_deadline
    )
    action.complete(us_official)

    assert (
        f'id="action-{action.pk}"'
        not in agenda_of(us_official, upcoming).split('id="decisions"')[0]
    )


def test_the_demo_agenda_lists_the_open_actions_of_earlier_meetings(demo, us_official):
    upcoming = next_meeting(demo)
    open_ids = set(Action.objects.on_agenda_of(upcoming).values_list("pk", flat=True))
    assert open_ids, "the demo leaves actions open"
    assert Action.objects.of_plan(demo.pk).filter(completed_at__isnull=False).exists()
    assert Action.objects.of_plan(demo.pk).overdue().exists()

    page = agenda_of(us_official, upcoming)
    agenda = page.split('id="decisions"')[0]
    for pk in open_ids:
        assert f'id="action-{pk}"' in agenda
    assert "Overdue" in agenda
    assert f"{len(open_ids)} actions open from earlier meetings" in agenda


def test_the_meeting_page_asks_the_same_queries_however_many_actions(
    demo, held, us_signatory, us_official, american
):
    upcoming = next_meeting(demo)
    client = client_for(us_signatory)
    client.get(reverse("meetings", args=[demo.slug]))  # the session is saved once, before

    def queries() -> tuple[int, int]:
        counts = []
        for meeting in (held, upcoming):
            with CaptureQueriesContext(connection) as context:
                assert client.get(reverse("meeting", args=[meeting.pk])).status_code == 200
            counts.append(len(context))
        return tuple(counts)

    before = queries()
    for number in range(30):
        give_action(
            held,
            us_signatory,
            us_official,
            american,
            due_at=upcoming.checkin_deadline,
            text=f"Action {number}",
        )
    assert queries() == before
    # The agenda's own, then decisions, actions and the decision form's lists.
    assert before[0] <= 18 and before[1] <= 12
