"""Meetings, which open and close a plan's quarters, and the reminders owed before them."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from workplan.models import WorkPlan
from workplan.quarters import Quarter

if TYPE_CHECKING:
    pass


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def not_cancelled(self) -> MeetingQuerySet:
        return self.exclude(state=Meeting.State.CANCELLED)

    def upcoming(self, now: datetime.datetime | None = None) -> MeetingQuerySet:
        return self.not_cancelled().filter(starts_at__gt=now or timezone.now())

    def past(self, now: datetime.datetime | None = None) -> MeetingQuerySet:
        return self.not_cancelled().filter(starts_at__lte=now or timezone.now())


class Meeting(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="meetings"
    )
    starts_at = models.DateTimeField(_("starts at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PLANNED)
    checkin_deadline_override = models.DateTimeField(
        _("check-in deadline (override)"),
        null=True,
        blank=True,
        help_text=_("Leave blank to use the work plan's offset before the meeting."),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["plan_id", "starts_at", "id"]
        get_latest_by = "starts_at"
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["plan", "starts_at"], name="meeting_plan_start_unique"),
            models.CheckConstraint(
                condition=Q(state__in=["planned", "held", "cancelled"]), name="meeting_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(checkin_deadline_override__isnull=True)
                | Q(checkin_deadline_override__lte=models.F("starts_at")),
                name="meeting_deadline_before_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {timezone.localtime(self.starts_at):%Y-%m-%d}"

    @property
    def checkin_deadline(self) -> datetime.datetime:
        if self.checkin_deadline_override:
            return self.checkin_deadline_override
        # Same wall-clock time N days earlier in the site's zone: a deadline a week before
        # a 10:00 meeting is 10:00, even across a daylight-saving change.
        local_start = timezone.localtime(self.starts_at, timezone.get_default_timezone())
        return local_start - datetime.timedelta(days=self.plan.checkin_offset_days)

    def previous(self) -> Meeting | None:
        return (
            Meeting.objects.not_cancelled()
            .filter(plan=self.plan_id, starts_at__lt=self.starts_at)
            .order_by("-starts_at")
            .first()
        )

    @cached_property
    def quarter(self) -> Quarter:
        """The quarter this meeting closes (workplan/quarters.py)."""
        return Quarter.closed_by(self)


class ReminderQuerySet(models.QuerySet["Reminder"]):
    def due(self, now: datetime.datetime | None = None) -> ReminderQuerySet:
        """Pending rows whose time has come (and whose retry back-off, if any, is over)."""
        now = now or timezone.now()
        return self.filter(state=Reminder.State.PENDING, due_at__lte=now).filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
        )

    def stuck(self, before: datetime.datetime) -> ReminderQuerySet:
        """Rows whose sender has not been heard of since `before`: it died, or is so late
        that its claim is taken from it (its fence then stops it sending)."""
        return self.filter(state=Reminder.State.SENDING, claimed_at__lt=before)


class Reminder(models.Model):
    """One email owed to one person about one meeting. The database, not the broker, says
    what is owed: a lost task is re-enqueued by the sweep, a duplicate one finds the row
    already claimed and sends nothing."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        # Nothing left to chase at send time (all updated, meeting cancelled, user gone):
        # no email goes out, and the row says why.
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Failed")

    DIGEST = "digest"

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        "workplan.User",
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        help_text=_('Days before the check-in deadline ("14", "3") or "digest" for staff.'),
    )
    due_at = models.DateTimeField(_("due at"))
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # The fencing token of the sender holding the row (see meetings/delivery.py): a new one
    # at every claim, cleared when the sweep takes the row back.
    claim_token = models.UUIDField(_("claim token"), null=True, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "recipient", "kind"], name="reminder_once_per_kind"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["pending", "sending", "sent", "skipped", "failed"]),
                name="reminder_state_valid",
            ),
        ]
        indexes = [models.Index(fields=["state", "due_at"], name="reminder_sweep")]

    def __str__(self) -> str:
        return f"{self.meeting} → {self.recipient} ({self.kind})"

    @property
    def is_digest(self) -> bool:
        return self.kind == self.DIGEST
