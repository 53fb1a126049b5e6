"""Check-in reminders: which emails are owed, and when (the sweep).

The database is the source of truth. The sweep writes one Reminder row per person and kind
(a unique constraint makes re-runs and concurrent sweeps harmless), takes back the rows
whose sender's lease ran out, and hands the due rows' ids to the workers;
meetings/delivery.py sends each one once, and says what no design can promise.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from workplan.models import Commitment, CommitmentLead, User

from .models import Action, Meeting, Reminder

logger = logging.getLogger(__name__)


def stale_commitments_for(meeting: Meeting, user: User) -> QuerySet[Commitment]:
    """The meeting's stale commitments the user leads (as a lead official) or owns."""
    led = CommitmentLead.objects.filter(officials=user).values("commitment")
    owned = Commitment.owners.through.objects.filter(user=user).values("commitment")
    return (
        Commitment.objects.stale_for(meeting)
        .filter(Q(pk__in=led) | Q(pk__in=owned))
        .select_related("pillar")
        .order_by("pillar__position", "position", "id")
    )


def stale_recipients(meeting: Meeting) -> QuerySet[User]:
    """Active officials with an email address who lead or own a stale commitment, or own
    an open action due by the meeting's check-in deadline: one email each, listing both."""
    stale = Commitment.objects.stale_for(meeting)
    owing = Action.objects.owed_for(meeting)
    return (
        User.objects.filter(role=User.Role.OFFICIAL, is_active=True)
        .exclude(email="")
        .filter(
            Q(pk__in=stale.values("leads__officials"))
            | Q(pk__in=stale.values("owners"))
            | Q(pk__in=owing.values("owner"))
        )
    )


def digest_recipients(meeting: Meeting) -> QuerySet[User]:
    """The plan's staff: staff users of an organisation that is a party to the plan."""
    return (
        User.objects.filter(role=User.Role.STAFF, is_active=True)
        .exclude(email="")
        .filter(organization__in=meeting.plan.parties.values("pk"))
    )


def due_offset(meeting: Meeting, now: datetime.datetime) -> int | None:
    """The reminder offset (days before the deadline) that applies now, if any.

    Only the latest offset whose time has come: a sweep that first sees a meeting three
    days before its deadline sends the 3-day reminder, not the 14-day one as well.
    """
    deadline = meeting.checkin_deadline
    if now >= deadline:
        return None
    passed = [
        days
        for days in meeting.plan.reminder_offsets
        if deadline - datetime.timedelta(days=days) <= now
    ]
    return min(passed) if passed else None


def plan_reminders(now: datetime.datetime) -> int:
    """Create the reminder rows now due; returns how many new rows were written."""
    rows: list[Reminder] = []
    meetings = (
        Meeting.objects.upcoming(now).filter(state=Meeting.State.PLANNED).select_related("plan")
    )
    for meeting in meetings:
        deadline = meeting.checkin_deadline
        offset = due_offset(meeting, now)
        if offset is not None:
            due_at = deadline - datetime.timedelta(days=offset)
            rows += [
                Reminder(meeting=meeting, recipient_id=pk, kind=str(offset), due_at=due_at)
                for pk in stale_recipients(meeting).values_list("pk", flat=True)
            ]
        elif deadline <= now:
            rows += [
                Reminder(meeting=meeting, recipient_id=pk, kind=Reminder.DIGEST, due_at=deadline)
                for pk in digest_recipients(meeting).values_list("pk", flat=True)
            ]
    if not rows:
        return 0
    before = Reminder.objects.count()
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    # bulk_create with ignore_conflicts cannot say which rows were new; the count can.
    return max(Reminder.objects.count() - before, 0)


def requeue_stuck(now: datetime.datetime) -> int:
    """Take back rows whose sender's lease ran out; clearing the token fences that sender."""
    timeout = datetime.timedelta(seconds=settings.REMINDER_SENDING_TIMEOUT_SECONDS)
    return Reminder.objects.stuck(before=now - timeout).update(
        state=Reminder.State.PENDING, claimed_at=None, claim_token=None, next_attempt_at=None
    )


@dataclass
class SweepResult:
    created: int = 0
    requeued: int = 0
    due: list[int] = field(default_factory=list)
    enqueued: int = 0
    broker_error: str = ""
    outcomes: dict[str, int] = field(default_factory=dict)


def sweep(
    now: datetime.datetime | None = None,
    *,
    enqueue: Callable[[list[int]], int] | None = None,
) -> SweepResult:
    """Plan the rows now due, re-queue stuck ones, and hand the due ids to `enqueue`.

    `enqueue` runs after the transaction commits, so a worker never gets an id it cannot
    see yet. A broker that is down leaves the rows pending; the next sweep tries again.
    """
    now = now or timezone.now()
    result = SweepResult()
    with transaction.atomic():
        result.created = plan_reminders(now)
        result.requeued = requeue_stuck(now)
        result.due = list(Reminder.objects.due(now).values_list("pk", flat=True))

        def hand_over() -> None:
            try:
                result.enqueued = enqueue(result.due) if enqueue else 0
            except Exception as error:  # kombu raises several kinds when the broker is down
                result.broker_error = f"{type(error).__name__}: {error}"
                logger.warning("Broker unreachable, reminders stay pending: %s", error)

        if enqueue is not None and result.due:
            transaction.on_commit(hand_over)
    return result
