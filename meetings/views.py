from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from workplan.access import get_plan_for_feed_user, get_plan_for_user
from workplan.models import Commitment, WorkPlan
from workplan.status import CLOSED_STATUSES, style_for

from .access import get_meeting_for_user
from .feeds import feed_token, user_for_feed_token
from .models import Meeting

# Meetings have a start but no recorded end; calendars get a two-hour slot.
MEETING_LENGTH = datetime.timedelta(hours=2)


@require_GET
def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    now = timezone.now()
    all_meetings = plan.meetings.select_related("plan")
    upcoming = [m for m in all_meetings if m.starts_at > now]
    past = [m for m in all_meetings if m.starts_at <= now][::-1]
    return render(
        request,
        "meetings/meetings.html",
        {
            "plan": plan,
            "nav_section": "meetings",
            "upcoming": upcoming,
            "past": past,
            "zone": request.user.zone,
            "feed_url": settings.SITE_URL
            + reverse("plan_calendar", args=[plan.slug])
            + "?token="
            + feed_token(request.user, plan),
        },
    )


def agenda(meeting: Meeting) -> list[tuple]:
    """Pillars with their commitments, each marked closed, updated or stale in the quarter
    the meeting closes (workplan/quarters.py)."""
    stale_ids = set(Commitment.objects.stale_for(meeting).values_list("pk", flat=True))
    commitments = (
        Commitment.objects.filter(pillar__plan=meeting.plan_id)
        .select_related("pillar")
        .order_by("pillar__position", "position", "id")
    )
    pillars: dict[int, tuple] = {}
    for commitment in commitments:
        if commitment.pk in stale_ids:
            check = "stale"
        else:
            check = "closed" if commitment.status in CLOSED_STATUSES else "updated"
        entry = pillars.setdefault(commitment.pillar_id, (commitment.pillar, []))
        entry[1].append((commitment, style_for(commitment.status), check))
    return list(pillars.values())


@require_GET
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk)
    pillars = agenda(meeting)
    stale_count = sum(check == "stale" for _, rows in pillars for _, _, check in rows)
    return render(
        request,
        "meetings/meeting.html",
        {
            "plan": meeting.plan,
            "nav_section": "meetings",
            "meeting": meeting,
            "is_past": meeting.starts_at <= timezone.now(),
            "pillars": pillars,
            "stale_count": stale_count,
            "zone": request.user.zone,
        },
    )


def meeting_events(meeting: Meeting) -> list[Event]:
    """The meeting and its check-in deadline, with stable UIDs so calendars update them."""
    url = settings.SITE_URL + reverse("meeting", args=[meeting.pk])
    status = "CANCELLED" if meeting.state == Meeting.State.CANCELLED else "CONFIRMED"
    stamp = timezone.now().astimezone(datetime.UTC)
    start = meeting.starts_at.astimezone(datetime.UTC)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@accord")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + MEETING_LENGTH)
    event.add("summary", gettext("%(plan)s — ministerial meeting") % {"plan": meeting.plan})
    if meeting.location:
        event.add("location", meeting.location)
    event.add("url", url)
    event.add("status", status)
    event.add("description", gettext("Agenda and commitments: %(url)s") % {"url": url})
    deadline = meeting.checkin_deadline.astimezone(datetime.UTC)
    checkin = Event()
    checkin.add("uid", f"checkin-{meeting.pk}@accord")
    checkin.add("dtstamp", stamp)
    checkin.add("dtstart", deadline)
    checkin.add("dtend", deadline + datetime.timedelta(minutes=30))
    checkin.add("summary", gettext("%(plan)s — check-in deadline") % {"plan": meeting.plan})
    checkin.add("url", url)
    checkin.add("status", status)
    checkin.add("transp", "TRANSPARENT")
    return [event, checkin]


def calendar_response(name: str, meetings: list[Meeting], filename: str) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//Accord//Ministerial work plans//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        for event in meeting_events(meeting):
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk)
    return calendar_response(meeting.plan.title, [meeting], f"meeting-{meeting.pk}.ics")


@login_not_required
@require_GET
def plan_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """Logged-in visitors get the feed as usual; calendar apps, which cannot log in, use
    the personal link with a signed token (see meetings/feeds.py)."""
    token = request.GET.get("token")
    if request.user.is_authenticated:
        plan: WorkPlan = get_plan_for_user(request, slug)
    elif token:
        user = user_for_feed_token(token, slug)
        if user is None:
            raise Http404
        plan = get_plan_for_feed_user(user, slug)
    else:
        return redirect_to_login(request.get_full_path())
    meetings = list(plan.meetings.select_related("plan"))
    return calendar_response(plan.title, meetings, f"{plan.slug}.ics")
