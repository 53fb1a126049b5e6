from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget
from icalendar import Calendar, Event

from workplan.access import get_plan_for_feed_user, get_plan_for_user
from workplan.diff import word_diff
from workplan.models import Commitment, VersionConflict, WorkPlan
from workplan.quarters import Quarter
from workplan.status import CLOSED_STATUSES, Status, style_for
from workplan.views import show_latest

from .access import (
    get_action_for_user,
    get_commitment_for_checkin,
    get_meeting_for_decisions,
    get_meeting_for_signatory,
    get_meeting_for_user,
    get_proposal_for_signatory,
    records_decisions,
    signs_for,
)
from .feeds import feed_token, user_for_feed_token
from .forms import CheckInForm, DecisionForm
from .models import (
    Action,
    CheckIn,
    Confidence,
    Decision,
    Meeting,
    SigningRefused,
    SignOff,
    StatusProposal,
    assessed_commitments,
    missing_checkins,
)

# Meetings have a start but no recorded end; calendars get a two-hour slot.
MEETING_LENGTH = datetime.timedelta(hours=2)
CHECKIN_TEMPLATE = "meetings/checkin.html"


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


def agenda(meeting: Meeting) -> tuple[list[tuple], list[tuple]]:
    """Pillars with their commitments, each marked closed, updated or stale in the quarter
    the meeting closes (workplan/quarters.py) and with the parties' assessments; and the
    commitments whose parties differ, which the meeting takes first."""
    stale_ids = set(Commitment.objects.stale_for(meeting).values_list("pk", flat=True))
    commitments, assessed = assessed_commitments(meeting)
    pillars: dict[int, tuple] = {}
    differ = []
    for commitment in commitments:
        if commitment.pk in stale_ids:
            check = "stale"
        else:
            check = "closed" if commitment.status in CLOSED_STATUSES else "updated"
        row = (commitment, style_for(commitment.status), check, assessed[commitment.pk])
        entry = pillars.setdefault(commitment.pillar_id, (commitment.pillar, []))
        entry[1].append(row)
        if row[3].parties_differ:
            differ.append(row)
    return list(pillars.values()), differ


@require_GET
def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request, pk)
    return _meeting_page(request, meeting)


def _meeting_page(
    request: HttpRequest,
    meeting: Meeting,
    decision_form: DecisionForm | None = None,
    status: int = 200,
) -> HttpResponse:
    pillars, differ = agenda(meeting)
    stale_count = sum(row[2] == "stale" for _, rows in pillars for row in rows)
    now = timezone.now()
    is_past = meeting.starts_at <= now
    may_record = is_past and records_decisions(request.user, meeting)
    if may_record and decision_form is None:
        decision_form = DecisionForm(meeting=meeting, zone=request.user.zone)
    decisions = list(
        meeting.decisions.select_related("recorded_by", "new_commitment__pillar").prefetch_related(
            Prefetch("actions", queryset=Action.objects.for_display())
        )
    )
    open_actions = list(Action.objects.on_agenda_of(meeting).for_display())
    for action in [*open_actions, *(a for d in decisions for a in d.actions.all())]:
        action.can_complete = not action.is_done and action.can_be_completed_by(request.user)
        action.overdue = action.is_overdue(now)
    return render(
        request,
        "meetings/meeting.html",
        {
            "plan": meeting.plan,
            "nav_section": "meetings",
            "meeting": meeting,
            "is_past": is_past,
            "pillars": pillars,
            "differ": differ,
            "stale_count": stale_count,
            "can_propose": signs_for(request.user, meeting) and not meeting.records.exists(),
            "statuses": Status.choices,
            "zone": request.user.zone,
            "open_actions": open_actions,
            "decisions": decisions,
            "decision_form": decision_form if may_record else None,
        },
        status=status,
    )


@require_POST
def record_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """A signatory (or an admin) enters one of the meeting's decisions, and the action or
    commitment it becomes. Invalid input comes back with its messages and nothing saved."""
    meeting = get_meeting_for_decisions(request, pk)
    if meeting.starts_at > timezone.now():
        messages.error(request, gettext("Decisions are entered once the meeting has begun."))
        return redirect("meeting", pk=meeting.pk)
    form = DecisionForm(request.POST, meeting=meeting, zone=request.user.zone)
    if not form.is_valid():
        return _meeting_page(request, meeting, decision_form=form, status=422)
    decision = Decision.record(
        meeting=meeting,
        author=request.user,
        text=form.cleaned_data["text"],
        action=form.action(),
        commitment=form.commitment(),
    )
    if decision.new_commitment is not None:
        messages.success(
            request,
            gettext("Decision recorded; commitment %(ref)s added to the plan.")
            % {"ref": decision.new_commitment.reference},
        )
    elif form.action() is not None:
        messages.success(request, gettext("Decision recorded, with its action."))
    else:
        messages.success(request, gettext("Decision recorded."))
    return redirect(reverse("meeting", args=[meeting.pk]) + "#decisions")


@require_POST
def complete_action(request: HttpRequest, pk: int) -> HttpResponse:
    """Its owner, an official of the owning organisation or an admin marks an action done."""
    action = get_action_for_user(request, pk, for_update=True)
    if action.complete(request.user):
        messages.success(request, gettext("Action marked done: %(action)s") % {"action": action})
    else:
        messages.info(request, gettext("That action was already marked done."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("meeting", pk=action.decision.meeting_id)


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
    plan = meeting.plan.localized("title")
    event.add("summary", gettext("%(plan)s — ministerial meeting") % {"plan": plan})
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
    checkin.add("summary", gettext("%(plan)s — check-in deadline") % {"plan": plan})
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
    return calendar_response(
        meeting.plan.localized("title"), [meeting], f"meeting-{meeting.pk}.ics"
    )


@login_not_required
@require_GET
def plan_calendar(request: HttpRequest, slug: str) -> HttpResponse:
    """Logged-in visitors get the feed as usual; calendar apps, which cannot log in, use
    the personal link with a signed token (see meetings/feeds.py)."""
    token = request.GET.get("token")
    language = translation.get_language()
    if request.user.is_authenticated:
        plan: WorkPlan = get_plan_for_user(request, slug)
    elif token:
        user = user_for_feed_token(token, slug)
        if user is None:
            raise Http404
        plan = get_plan_for_feed_user(user, slug)
        # A calendar app sends no language of the user's: the feed speaks the one their
        # emails do.
        if user.language in dict(settings.LANGUAGES):
            language = user.language
    else:
        return redirect_to_login(request.get_full_path())
    meetings = list(plan.meetings.select_related("plan"))
    with translation.override(language):
        return calendar_response(plan.localized("title"), meetings, f"{plan.slug}.ics")


def _checkin_response(
    request: HttpRequest,
    commitment: Commitment,
    meeting: Meeting | None,
    form: CheckInForm | None,
    *,
    status: int = 200,
    conflicted: bool = False,
) -> HttpResponse:
    context = {
        "plan": commitment.pillar.plan,
        "nav_section": "commitments",
        "commitment": commitment,
        "meeting": meeting,
        "form": form,
        "conflicted": conflicted,
        "inline": bool(request.htmx),
    }
    if meeting is not None:
        context.update(_filed_around(commitment, meeting, request.user.organization_id))
    if not request.htmx:
        return render(request, CHECKIN_TEMPLATE, context, status=status)
    response = render(request, f"{CHECKIN_TEMPLATE}#form", context, status=status)
    if request.method == "POST":
        # As the status form does: the form stays, with what the official typed.
        retarget(response, f"#commitment-{commitment.pk}-form")
        reswap(response, "outerHTML")
    return response


def _filed_around(commitment: Commitment, meeting: Meeting, party_id: int) -> dict:
    """What the form shows above its fields: the next steps this party planned at the
    previous meeting (forecast against actual), and what is filed for this one."""
    previous = meeting.quarter.previous
    meetings = [meeting.pk] + ([previous.pk] if previous is not None else [])
    filed = list(
        CheckIn.objects.filter(commitment=commitment, meeting__in=meetings)
        .current()
        .select_related("author", "organization")
        .order_by("organization__country_code", "organization__name")
    )
    this_quarter = [checkin for checkin in filed if checkin.meeting_id == meeting.pk]
    return {
        "planned": next(
            (c for c in filed if c.meeting_id != meeting.pk and c.organization_id == party_id),
            None,
        ),
        "previous_meeting": previous,
        "own_checkin": next((c for c in this_quarter if c.organization_id == party_id), None),
        "other_checkins": [c for c in this_quarter if c.organization_id != party_id],
    }


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def commitment_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """A party's check-in on a commitment for the quarter the next meeting closes."""
    commitment = get_commitment_for_checkin(request, pk)
    meeting = Quarter.current(commitment.pillar.plan, timezone.now()).next
    if meeting is None:
        # Nothing to report to: say so, on the form's place, and keep nothing half-done.
        return _checkin_response(
            request, commitment, None, None, status=409 if request.method == "POST" else 200
        )
    locked = meeting.records.exists()
    if request.method == "GET":
        form = CheckInForm(commitment=commitment, locked=locked)
        return _checkin_response(request, commitment, meeting, form)

    form = CheckInForm(request.POST, commitment=commitment, locked=locked)
    if not form.is_valid():
        return _checkin_response(request, commitment, meeting, form, status=422)
    data = form.cleaned_data
    try:
        checkin = CheckIn.file(
            meeting=meeting,
            commitment=commitment,
            author=request.user,
            status=data["status"],
            confidence=data["confidence"],
            note=data["note"],
            evidence_links=data["evidence_links"],
            next_steps=data["next_steps"],
            target_date=data["target_date"],
            expected_version=data["version"],
            correction_reason=data.get("correction_reason", ""),
        )
    except SigningRefused as refusal:
        # The second signature landed while the official was typing: ask for a reason.
        form = CheckInForm(request.POST, commitment=commitment, locked=True)
        form.is_valid()
        form.add_error(None, str(refusal))
        return _checkin_response(request, commitment, meeting, form, status=409)
    except VersionConflict:
        # The draft moves to the version now in the database: one click files it knowingly.
        draft = request.POST.copy()
        draft["version"] = str(commitment.version)
        redraft = CheckInForm(draft, commitment=commitment, locked=locked)
        redraft.is_valid()
        return _checkin_response(request, commitment, meeting, redraft, status=409, conflicted=True)

    if request.htmx:
        show_latest(commitment, checkin.status_update, request.user)
        context = {"commitment": commitment, "checked_in_for": meeting}
        return render(request, "workplan/commitments.html#row", context)
    messages.success(
        request,
        # The row's words (templates/workplan/commitments.html), one entry to translate.
        gettext(
            "Check-in filed for the meeting of %(date)s. The status is in the commitment's history."
        )
        % {"date": date_format(timezone.localtime(meeting.starts_at), "DATE_FORMAT")},
    )
    return redirect("commitment", pk=commitment.pk)


def _record_pillars(content: dict) -> list[dict]:
    """The frozen record's pillars with each status's style beside its key: labels and
    colours come from workplan/status.py, the facts only from the record."""
    pillars = []
    for pillar in content["pillars"]:
        commitments = []
        for commitment in pillar["commitments"]:
            parties = [
                {
                    **party,
                    "style": style_for(party["status"]) if party["status"] else None,
                    "confidence_label": Confidence(party["confidence"]).label
                    if party["status"]
                    else "",
                }
                for party in commitment["parties"]
            ]
            agreed, closed = commitment["agreed_status"], commitment["closed_status"]
            commitments.append(
                {
                    **commitment,
                    "parties": parties,
                    "agreed": style_for(agreed) if agreed else None,
                    "closed": style_for(closed) if closed else None,
                }
            )
        counts = [
            (style_for(key) if key not in ("differ", "incomplete") else key, count)
            for key, count in pillar["counts"].items()
        ]
        pillars.append({**pillar, "commitments": commitments, "counts": counts})
    return pillars


def _sides(meeting: Meeting) -> list[dict]:
    """Each party's side of the quarter before the record is locked: signed or not, and
    the check-ins it still has to file."""
    signoffs = {s.organization_id: s for s in meeting.signoffs.select_related("signed_by")}
    return [
        {
            "party": party,
            "signoff": signoffs.get(party.pk),
            "missing": missing_checkins(meeting, party.pk),
        }
        for party in meeting.plan.parties.order_by("country_code", "name")
    ]


@require_GET
def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The quarter's record as both sides signed it (and its corrected versions), or,
    until both have signed, who still has to file and sign."""
    meeting = get_meeting_for_user(request, pk)
    records = list(meeting.records.order_by("version"))
    context = {
        "plan": meeting.plan,
        "nav_section": "meetings",
        "meeting": meeting,
        "records": records,
        "zone": request.user.zone,
    }
    if records:
        wanted = request.GET.get("version", "")
        record = next((r for r in records if str(r.version) == wanted), records[-1])
        previous = next((r for r in records if r.version == record.version - 1), None)
        context.update(
            record=record,
            pillars=_record_pillars(record.content),
            signed_at=datetime.datetime.fromisoformat(records[0].content["signatures"][-1]["at"]),
            changes=word_diff(previous.text, record.text) if previous else None,
            previous=previous,
        )
    else:
        sides = _sides(meeting)
        own = next((s for s in sides if s["party"].pk == request.user.organization_id), None)
        context.update(
            sides=sides,
            own_side=own if signs_for(request.user, meeting) else None,
        )
    return render(request, "meetings/record.html", context)


@require_POST
def sign_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_signatory(request, pk)
    try:
        SignOff.sign(
            meeting, request.user, acknowledged_missing=request.POST.get("acknowledge") == "on"
        )
    except SigningRefused as refusal:
        messages.error(request, str(refusal))
    else:
        if meeting.records.exists():
            messages.success(
                request, gettext("Both sides have signed: the record is locked as shown.")
            )
        else:
            messages.success(
                request,
                gettext("Your side is signed. The record locks when the other side signs."),
            )
    return redirect("meeting_record", pk=meeting.pk)


def _back_to_agenda(meeting: Meeting, commitment_id: int) -> HttpResponse:
    return redirect(reverse("meeting", args=[meeting.pk]) + f"#differ-{commitment_id}")


@require_POST
def propose_status(request: HttpRequest, pk: int, commitment_pk: int) -> HttpResponse:
    """A signatory proposes the agreed status of a commitment the parties differ on."""
    meeting = get_meeting_for_signatory(request, pk)
    commitment = get_commitment_for_checkin(request, commitment_pk)
    if commitment.pillar.plan_id != meeting.plan_id:
        raise Http404
    status = request.POST.get("status", "")
    reason = request.POST.get("reason", "").strip()
    if status not in Status.values or not reason:
        messages.error(
            request,
            gettext("Nothing was proposed: choose a status and give the reason for it."),
        )
        return _back_to_agenda(meeting, commitment.pk)
    try:
        StatusProposal.propose(meeting, commitment, request.user, status, reason)
    except SigningRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, gettext("Proposed. The other side accepts it or answers."))
    return _back_to_agenda(meeting, commitment.pk)


@require_POST
def answer_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    """The other side's signatory accepts a proposed agreed status, or answers it."""
    proposal = get_proposal_for_signatory(request, pk)
    accepted = request.POST.get("decision") == "accept"
    reply = request.POST.get("reply", "").strip()
    if not accepted and not reply:
        messages.error(request, gettext("Nothing was sent: write your answer, or accept."))
        return _back_to_agenda(proposal.meeting, proposal.commitment_id)
    try:
        proposal.answer_with(request.user, accepted=accepted, reply=reply)
    except SigningRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request,
            gettext("Accepted: it is the agreed status.") if accepted else gettext("Answer sent."),
        )
    return _back_to_agenda(proposal.meeting, proposal.commitment_id)
