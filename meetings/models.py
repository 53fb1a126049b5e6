from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workplan.models import WorkPlan


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
        return self.starts_at - datetime.timedelta(days=self.plan.checkin_offset_days)

    def previous(self) -> Meeting | None:
        return (
            Meeting.objects.not_cancelled()
            .filter(plan=self.plan_id, starts_at__lt=self.starts_at)
            .order_by("-starts_at")
            .first()
        )

    @property
    def quarter_start(self) -> datetime.datetime:
        """The quarter this meeting closes began at the previous meeting (or the plan's start).

        An update made exactly at the previous meeting's start belongs to this quarter.
        """
        if not hasattr(self, "_quarter_start"):
            previous = self.previous()
            if previous is not None:
                self._quarter_start = previous.starts_at
            else:
                start = datetime.datetime.combine(self.plan.started_on, datetime.time.min)
                self._quarter_start = timezone.make_aware(start)
        return self._quarter_start
