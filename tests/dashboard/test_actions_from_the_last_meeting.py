"""The dashboard says how the last meeting's actions stand ("N open, M overdue"), live and as
of a past date; the exports list the actions; marking one done shows at once even when the
dashboard is cached."""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid

from django.utils import timezone

from dashboard.models import PlanRevision
from meetings.models import Action
from tests.conftest import client_for, last_meeting
from workplan.models import User

URL = "/plans/us-canada-2021/"


def facts(page: str) -> str:
    start = page.index("Actions from the last meeting")
    return " ".join(page[start : start + 600].split())


def test_it_counts_the_last_meetings_actions(demo, staff):
    held = last_meeting(demo)
    actions = Action.objects.filter(decision__meeting=held)
    expected = actions.tally(timezone.now())
    assert expected["total"] >= 2 and expected["open"] >= 1

    page = client_for(staff).get(URL).content.decode()
    shown = facts(page)
    assert f"{expected['open']} open, {expected['overdue']} overdue" in shown
    assert f"(of {expected['total']} actions)" in shown
    assert f'href="/meetings/{held.pk}/#decisions"' in shown


def test_an_overdue_action_is_counted_as_overdue(demo, staff, settings):
    settings.DASHBOARD_CACHE_SECONDS = 600
    PlanRevision.objects.filter(plan=demo).update(epoch=uuid.uuid4())
    held = last_meeting(demo)
    client = client_for(staff)
    before = facts(client.get(URL).content.decode())
    late = Action.objects.filter(decision__meeting=held).open().first()
    # An admin brings the due date forward to yesterday: the cached page must follow.
    Action.objects.filter(pk=late.pk).update(due_at=timezone.now() - datetime.timedelta(days=1))

    after = facts(client.get(URL).content.decode())
    assert after != before
    assert "1 overdue" in after


def test_marking_an_action_done_shows_on_the_cached_dashboard(demo, staff, settings):
    settings.DASHBOARD_CACHE_SECONDS = 600
    PlanRevision.objects.filter(plan=demo).update(epoch=uuid.uuid4())
    held = last_meeting(demo)
    tally = Action.objects.filter(decision__meeting=held).tally(timezone.now())
    client = client_for(staff)
    assert f"{tally['open']} open" in facts(client.get(URL).content.decode())

    action = Action.objects.filter(decision__meeting=held).open().first()
    action.complete(User.objects.get(username="us-official"))

    assert f"{tally['open'] - 1} open" in facts(client.get(URL).content.decode())


def test_as_of_a_past_date_it_counts_the_actions_as_they_stood(demo, staff):
    held = last_meeting(demo)
    earlier = held.previous()
    day = timezone.localdate(held.starts_at) - datetime.timedelta(days=1)
    moment = datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time(), tzinfo=timezone.get_default_timezone()
    ) - datetime.timedelta(microseconds=1)
    expected = Action.objects.filter(decision__meeting=earlier).tally(moment)
    assert expected["total"] == 2

    page = client_for(staff).get(f"{URL}?as_of={day.isoformat()}").content.decode()
    shown = facts(page)
    assert f"{expected['open']} open, {expected['overdue']} overdue" in shown
    assert f'href="/meetings/{earlier.pk}/#decisions"' in shown


def test_the_json_export_lists_the_actions_with_their_state(demo, staff):
    data = json.loads(client_for(staff).get(f"{URL}export.json").content)

    exported = {row["id"]: row for row in data["actions"]}
    actions = Action.objects.of_plan(demo.pk)
    assert set(exported) == set(actions.values_list("pk", flat=True))
    now = timezone.now()
    for action in actions.for_display():
        row = exported[action.pk]
        assert row["text"] == action.text
        assert row["organisation"] == action.organization.short_name
        state = "done" if action.is_done else "overdue" if action.due_at < now else "open"
        assert row["state"] == state
        assert (row["done_on"] is None) == (state != "done")
    assert {"done", "open", "overdue"} <= {row["state"] for row in data["actions"]}
    assert "commitment_id" not in data["actions"][0]


def test_the_csv_lists_each_commitments_open_actions(demo, staff):
    response = client_for(staff).get(f"{URL}export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

    open_on = {}
    for action in Action.objects.of_plan(demo.pk).open().filter(commitment__isnull=False):
        open_on.setdefault(action.commitment_id, []).append(action.text)
    for row in rows:
        listed = [text for text in row["open_actions"].split("; ") if text]
        assert sorted(listed) == sorted(open_on.get(int(row["id"]), []))
    assert any(row["open_actions"] for row in rows)


def test_an_export_as_of_a_date_before_an_action_omits_it(demo, staff):
    first = Action.objects.of_plan(demo.pk).order_by("created_at").first()
    day = timezone.localdate(first.created_at) - datetime.timedelta(days=1)

    data = json.loads(client_for(staff).get(f"{URL}export.json?as_of={day}").content)
    assert first.pk not in {row["id"] for row in data["actions"]}
