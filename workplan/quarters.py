"""The one definition of a quarter, and so of "stale".

A plan's quarter runs from one meeting to the next: it begins when the previous meeting
starts (for the first quarter, when the plan starts) and is closed by the next meeting. An
update made at or after the start and before the closing meeting's start belongs to it: an
update made exactly as a meeting begins is news for the quarter that meeting opens.
Cancelled meetings neither open nor close a quarter.

A commitment is stale in a quarter when it is still open (closed commitments need no
check-in) and had no status update in it. The dashboard, the commitments page's filter,
the meeting agenda and the reminders all ask this module and
`CommitmentQuerySet.stale_in`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone

from .status import CLOSED_STATUSES

if TYPE_CHECKING:
    from meetings.models import Meeting

    from .models import WorkPlan


@dataclass(frozen=True)
class Quarter:
    plan_id: int
    start: datetime.datetime
    # The meeting it began with (None: the plan's start) and the one that closes it (None:
    # no meeting planned yet).
    previous: Meeting | None
    next: Meeting | None

    @property
    def end(self) -> datetime.datetime | None:
        """Updates before this moment belong to the quarter (None: open-ended)."""
        return self.next.starts_at if self.next is not None else None

    def window_end(self, cutoff: datetime.datetime) -> datetime.datetime:
        """The quarter as it stood at `cutoff` holds the updates made from its start until
        this moment (excluded): the cutoff itself included, the closing meeting's start not."""
        end = cutoff + datetime.timedelta(microseconds=1)
        return min(end, self.end) if self.end is not None else end

    @classmethod
    def closed_by(cls, meeting: Meeting, meetings: Sequence[Meeting] | None = None) -> Quarter:
        """The quarter `meeting` closes: what its agenda and its reminders are about."""
        if meetings is None:
            # One query for the one meeting needed, not the plan's whole calendar.
            meetings = list(
                type(meeting)
                .objects.not_cancelled()
                .filter(plan=meeting.plan_id, starts_at__lt=meeting.starts_at)
                .order_by("-starts_at", "-pk")[:1]
            )
        previous = _latest_before(meetings, meeting)
        # The plan is read only for a first quarter, which begins when the plan does.
        start = previous.starts_at if previous is not None else meeting.plan.starts_at
        return cls(plan_id=meeting.plan_id, start=start, previous=previous, next=meeting)

    @classmethod
    def current(
        cls, plan: WorkPlan, at: datetime.datetime, meetings: Sequence[Meeting] | None = None
    ) -> Quarter:
        """The quarter `at` falls in: closed by the first meeting that starts after it."""
        listed = _meetings(plan, meetings)
        closing = next((m for m in listed if m.starts_at > at), None)
        previous = _latest_before(listed, closing)
        start = previous.starts_at if previous is not None else plan.starts_at
        return cls(plan_id=plan.pk, start=start, previous=previous, next=closing)

    @classmethod
    def of_day(
        cls, plan: WorkPlan, day: datetime.date, meetings: Sequence[Meeting] | None = None
    ) -> Quarter:
        """The quarter a day (in the site's zone) is reported in: on a meeting's day, the one
        that meeting closes."""
        midnight = datetime.datetime.combine(day, datetime.time(), timezone.get_default_timezone())
        return cls.current(plan, midnight - datetime.timedelta(microseconds=1), meetings)


def is_stale(status: str, updated_in_quarter: bool) -> bool:
    """The rule, for a commitment whose status and quarter's activity are already known."""
    return not updated_in_quarter and status not in CLOSED_STATUSES


def _latest_before(meetings: Sequence[Meeting], closing: Meeting | None) -> Meeting | None:
    """The meeting a quarter closed by `closing` began with (None: the plan's start)."""
    earlier = [m for m in meetings if closing is None or m.starts_at < closing.starts_at]
    return max(earlier, key=lambda m: m.starts_at, default=None)


def _meetings(plan: WorkPlan, meetings: Sequence[Meeting] | None) -> Sequence[Meeting]:
    """The plan's meetings that open and close quarters, in order (one query unless the
    caller has them already)."""
    if meetings is not None:
        return meetings
    return list(plan.meetings.not_cancelled().order_by("starts_at", "pk"))
