"""What the ministers decided at a meeting, and the work each decision gives the next
quarter: action items with an owner and a due date, or a new commitment in a pillar."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models, transaction
from django.db.models import Count, IntegerField, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workplan.language import Localized
from workplan.models import Commitment, CommitmentLead, Organization, Pillar

from .meeting import Meeting

if TYPE_CHECKING:
    from workplan.models import User


class Decision(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    text = models.TextField(_("decision"), max_length=2000)
    recorded_by = models.ForeignKey(
        "workplan.User",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    # The commitment the decision added to the plan, if that is what it became.
    new_commitment = models.OneToOneField(
        Commitment,
        verbose_name=_("new commitment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decided_by",
    )

    class Meta:
        ordering = ["meeting_id", "recorded_at", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self) -> str:
        return self.text[:80]

    @classmethod
    def record(
        cls,
        *,
        meeting: Meeting,
        author: User,
        text: str,
        action: dict | None = None,
        commitment: dict | None = None,
        at: datetime.datetime | None = None,
    ) -> Decision:
        """The decision with the action or the new commitment it becomes, in one
        transaction: nothing is half-saved."""
        at = at or timezone.now()
        with transaction.atomic():
            decision = cls(meeting=meeting, text=text, recorded_by=author, recorded_at=at)
            if commitment is not None:
                decision.new_commitment = _add_commitment(**commitment)
            decision.save()
            if action is not None:
                Action.objects.create(decision=decision, created_at=at, **action)
        return decision


def _add_commitment(
    *, pillar: Pillar, text: str, short_title: str, lead: Organization
) -> Commitment:
    """A commitment at the end of its pillar, led by `lead`. The pillar's row lock orders
    two decisions adding to the same pillar, so both get a position."""
    Pillar.objects.select_for_update().filter(pk=pillar.pk).first()
    last = pillar.commitments.aggregate(last=Max("position"))["last"] or 0
    added = Commitment.objects.create(
        pillar=pillar, position=last + 1, text=text, short_title=short_title
    )
    CommitmentLead.objects.create(commitment=added, organization=lead)
    return added


def _open_at(moment: datetime.datetime) -> Q:
    return Q(completed_at__isnull=True) | Q(completed_at__gt=moment)


def tally_of_meeting(moment: datetime.datetime) -> dict[str, Coalesce]:
    """`ActionQuerySet.tally`'s counts for the actions decided at each meeting of a meeting
    query (as annotations `actions_total`, `actions_open`, `actions_overdue`), so a page
    that lists meetings reads them in the same query."""
    decided = (
        Action.objects.filter(decision__meeting=OuterRef("pk"), created_at__lte=moment)
        .order_by()
        .values("decision__meeting")
    )
    open_then = _open_at(moment)

    def count(condition: Q | None = None) -> Coalesce:
        rows = decided.filter(condition) if condition is not None else decided
        counted = rows.annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    return {
        "actions_total": count(),
        "actions_open": count(open_then),
        "actions_overdue": count(open_then & Q(due_at__lt=moment)),
    }


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(completed_at__isnull=True)

    def overdue(self, now: datetime.datetime | None = None) -> ActionQuerySet:
        return self.open().filter(due_at__lt=now or timezone.now())

    def of_plan(self, plan_id: int) -> ActionQuerySet:
        return self.filter(decision__meeting__plan=plan_id)

    def open_at(self, moment: datetime.datetime) -> ActionQuerySet:
        """Recorded by `moment` and not done by then: "open", now or as of a past date."""
        return self.filter(created_at__lte=moment).filter(_open_at(moment))

    def tally(self, moment: datetime.datetime) -> dict[str, int]:
        """How many were recorded by `moment`, how many of them were open then, and how
        many of those were overdue: one query."""
        open_then = _open_at(moment)
        return self.filter(created_at__lte=moment).aggregate(
            total=Count("pk"),
            open=Count("pk", filter=open_then),
            overdue=Count("pk", filter=open_then & Q(due_at__lt=moment)),
        )

    def on_agenda_of(self, meeting: Meeting) -> ActionQuerySet:
        """Decided at an earlier meeting of the plan and still open when this one starts."""
        return (
            self.of_plan(meeting.plan_id)
            .open_at(meeting.starts_at)
            .filter(decision__meeting__starts_at__lt=meeting.starts_at)
        )

    def owed_for(self, meeting: Meeting) -> ActionQuerySet:
        """Open actions of the plan due by the meeting's check-in deadline (overdue ones
        too): what the reminders before that meeting chase."""
        return (
            self.of_plan(meeting.plan_id)
            .open()
            .filter(due_at__lte=meeting.checkin_deadline)
            .exclude(decision__meeting__state=Meeting.State.CANCELLED)
        )

    def for_display(self) -> ActionQuerySet:
        return self.select_related(
            "organization", "owner", "commitment__pillar", "pillar", "decision__meeting"
        ).order_by("due_at", "id")


class Action(models.Model):
    """Work a decision gives one organisation (and, usually, one person in it), about one
    commitment or one pillar, due by a date: by default the next meeting's check-in
    deadline, so the next agenda reviews it."""

    decision = models.ForeignKey(
        Decision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="actions"
    )
    text = models.CharField(_("action"), max_length=500)
    organization = models.ForeignKey(
        Organization, verbose_name=_("owning organisation"), on_delete=models.PROTECT
    )
    owner = models.ForeignKey(
        "workplan.User",
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    due_at = models.DateTimeField(_("due"))
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    pillar = models.ForeignKey(
        Pillar,
        verbose_name=_("pillar"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    completed_at = models.DateTimeField(_("done on"), null=True, blank=True)
    completed_by = models.ForeignKey(
        "workplan.User",
        verbose_name=_("marked done by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        constraints = [
            # About one commitment or one pillar, never both, never neither.
            models.CheckConstraint(
                condition=Q(commitment__isnull=False, pillar__isnull=True)
                | Q(commitment__isnull=True, pillar__isnull=False),
                name="action_commitment_or_pillar",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_by__isnull=False),
                name="action_done_by_someone",
            ),
        ]
        indexes = [models.Index(fields=["due_at"], name="action_due")]

    def __str__(self) -> str:
        return self.text

    @property
    def subject(self) -> Localized:
        """What it is about, in the reader's language; marked English only as its title is."""
        if self.commitment_id:
            prefix, title = self.commitment.reference, self.commitment.localized("short_title")
        else:
            prefix, title = f"{self.pillar.position}.", self.pillar.localized("title")
        return Localized(f"{prefix} {title}", english_only=title.english_only)

    @property
    def is_done(self) -> bool:
        return self.completed_at is not None

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        return not self.is_done and self.due_at < (now or timezone.now())

    def can_be_completed_by(self, user: User) -> bool:
        """The one rule for marking an action done: its owner, an official of the owning
        organisation, or an admin; staff read."""
        if not user.is_authenticated or user.is_read_only:
            return False
        if user.is_admin or user.pk == self.owner_id:
            return True
        return user.organization_id == self.organization_id

    def complete(self, user: User, at: datetime.datetime | None = None) -> bool:
        """Mark it done; False when it already was. The conditional UPDATE decides, so two
        people marking it at once record one of them."""
        at = at or timezone.now()
        done = (
            Action.objects.filter(pk=self.pk, completed_at__isnull=True).update(
                completed_at=at, completed_by=user
            )
            == 1
        )
        if done:
            self.completed_at, self.completed_by = at, user
        return done


def default_due(meeting: Meeting) -> datetime.datetime | None:
    """The next meeting's check-in deadline, the default due date of the meeting's actions."""
    following = (
        Meeting.objects.not_cancelled()
        .filter(plan=meeting.plan_id, starts_at__gt=meeting.starts_at)
        .select_related("plan")
        .order_by("starts_at")
        .first()
    )
    return following.checkin_deadline if following else None
