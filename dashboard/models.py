"""What the dashboard stores beside the work plans: each plan's content revision, which keys
its cached rendering, and the status tallies its trend starts from."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from workplan.models import Organization, Pillar, WorkPlan, status_constraint
from workplan.status import Status


class PlanRevisionQuerySet(models.QuerySet["PlanRevision"]):
    def current(self, plan: WorkPlan) -> tuple | None:
        """(epoch, value): what the plan's cached dashboard is keyed on. None without the
        row (e.g. after a test flushed the table): the caller then caches nothing."""
        return self.filter(plan=plan).values_list("epoch", "value").first()

    def lock(self, plan: WorkPlan) -> None:
        """Hold the plan's row until the transaction ends: every writer of what the plan's
        dashboard shows waits for it in its trigger (migration 0001), writers of other
        plans do not."""
        self.bulk_create([PlanRevision(plan=plan)], ignore_conflicts=True)
        list(self.select_for_update().filter(plan=plan))


class PlanRevision(models.Model):
    """One row per plan, raised by database triggers (migration 0001) in the writer's own
    statement whenever anything the plan's dashboard shows changes: its status updates,
    the plan and its parties, pillars, commitments' texts, places and statuses, leads,
    owners, the organisations and people named, meetings. Raw SQL and bulk edits raise it
    too. A writer waits only for writers of the same plan: the row is the plan's.

    `epoch` is drawn when the row is made, so a plan recreated under a reused id never
    matches the cache entries of the one before. No foreign key: the triggers write it
    whatever the order in which a plan's rows are deleted."""

    plan = models.OneToOneField(
        WorkPlan,
        verbose_name=_("work plan"),
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    epoch = models.UUIDField(_("epoch"), default=uuid.uuid4, editable=False)
    value = models.BigIntegerField(_("revision"), default=1)

    objects = PlanRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("content revision")
        verbose_name_plural = _("content revisions")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.epoch} #{self.value}"


class StatusTally(models.Model):
    """How many of a pillar's commitments stood in a status just before a past meeting began
    (updates made before `moment`), for every commitment (`organization` empty) and for those
    each lead organisation leads: the dashboard's trend and its counts as of a date start from
    these instead of replaying the whole history on every request.

    Taken once a meeting is past (dashboard.tallies.take_tallies, run by Celery beat). History
    is append-only, so a past meeting's counts stay true; database triggers delete a plan's
    tallies when something could change them — an update dated before a tallied meeting
    (backdated history), a commitment added, deleted or moved to another pillar, a lead
    organisation added or removed, a pillar moved to another plan — and the dashboard replays
    the history for a missing tally until the next one is taken."""

    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="+"
    )
    moment = models.DateTimeField(_("moment"))
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.CASCADE, related_name="+"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("lead organisation"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    count = models.PositiveIntegerField(_("count"))

    class Meta:
        verbose_name = _("status tally")
        verbose_name_plural = _("status tallies")
        constraints = [
            status_constraint("status", "statustally_status_valid"),
            models.UniqueConstraint(
                fields=["plan", "moment", "pillar", "status"],
                condition=Q(organization__isnull=True),
                name="statustally_unique_all",
            ),
            models.UniqueConstraint(
                fields=["plan", "moment", "pillar", "organization", "status"],
                condition=Q(organization__isnull=False),
                name="statustally_unique_lead",
            ),
        ]
        # Made by workplan's migrations 0005 and 0006 (its triggers name the table).
        db_table = "workplan_statustally"

    def __str__(self) -> str:
        return f"{self.moment:%Y-%m-%d %H:%M} {self.pillar_id} {self.status}: {self.count}"
