from __future__ import annotations

import datetime
import zoneinfo
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Aggregate, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, JSONObject
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .language import Translated
from .status import CLOSED_STATUSES, Status

if TYPE_CHECKING:
    from meetings.models import Meeting

    from .quarters import Quarter


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, unique=True)
    country_code = models.CharField(
        _("country code"), max_length=2, help_text=_("ISO 3166-1 alpha-2, e.g. US or CA.")
    )

    class Meta:
        ordering = ["country_code", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(country_code__regex=r"^[A-Z]{2}$"), name="organization_country_code_iso"
            )
        ]

    def __str__(self) -> str:
        return self.short_name


class User(AbstractUser):
    class Role(models.TextChoices):
        OFFICIAL = "official", _("Official")
        STAFF = "staff", _("Minister's staff (read-only)")
        ADMIN = "admin", _("Administrator")

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.OFFICIAL)
    language = models.CharField(
        _("language"), max_length=8, default="en", help_text=_("Language of emails.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_("IANA name such as America/Toronto; blank uses the site's time zone."),
    )
    is_signatory = models.BooleanField(
        _("signatory"),
        default=False,
        help_text=_("Signs the organisation's side of each quarter's record before the meeting."),
    )

    class Meta(AbstractUser.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=["official", "staff", "admin"]), name="user_role_valid"
            ),
            # Only administrators may stand outside every organisation.
            models.CheckConstraint(
                condition=Q(role="admin") | Q(organization__isnull=False),
                name="user_non_admin_has_organization",
            ),
            # Signing changes the record; ministers' staff only read it.
            models.CheckConstraint(
                condition=Q(is_signatory=False) | ~Q(role="staff"),
                name="user_signatory_not_staff",
            ),
        ]

    def clean(self) -> None:
        super().clean()
        if self.is_signatory and self.role == self.Role.STAFF:
            raise ValidationError(
                {"is_signatory": _("Ministers' staff read only: a signatory must be an official.")}
            )
        if self.is_signatory and self.organization_id is None:
            raise ValidationError(
                {"is_signatory": _("A signatory signs for an organisation: choose one.")}
            )

    def save(self, *args, **kwargs) -> None:
        # Django admin access follows the role, so there is one switch to flip, not three.
        if self.is_superuser:
            self.role = self.Role.ADMIN
        is_admin = self.role == self.Role.ADMIN
        self.is_staff = self.is_superuser = is_admin
        super().save(*args, **kwargs)

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN

    @property
    def is_read_only(self) -> bool:
        return self.role == self.Role.STAFF

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """Where the user reads dates and times: their own zone, else the site's (also for a
        name that is no longer a valid zone)."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone or settings.TIME_ZONE)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo(settings.TIME_ZONE)


class WorkPlanQuerySet(models.QuerySet["WorkPlan"]):
    def visible_to(self, user: User) -> WorkPlanQuerySet:
        if not user.is_authenticated:
            return self.none()
        if user.is_admin:
            return self.all()
        return self.filter(parties=user.organization_id)


def default_reminder_offsets() -> list[int]:
    return [14, 3]


def validate_reminder_offsets(value: object) -> None:
    if not isinstance(value, list) or not all(
        isinstance(days, int) and 0 < days <= 120 for days in value
    ):
        raise ValidationError(
            _("Reminder offsets must be a list of whole days between 1 and 120, e.g. [14, 3].")
        )


class WorkPlan(Translated, models.Model):
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    parties = models.ManyToManyField(
        Organization, verbose_name=_("parties"), related_name="work_plans"
    )
    started_on = models.DateField(_("started on"))
    cadence_months = models.PositiveSmallIntegerField(
        _("check-in cadence (months)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    reminder_offsets = models.JSONField(
        _("reminder offsets (days before the check-in deadline)"),
        default=default_reminder_offsets,
        validators=[validate_reminder_offsets],
    )
    checkin_offset_days = models.PositiveSmallIntegerField(
        _("check-in deadline (days before each meeting)"),
        default=7,
        validators=[MaxValueValidator(90)],
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = WorkPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "title", "id"]
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(cadence_months__gte=1) & Q(cadence_months__lte=24),
                name="workplan_cadence_range",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @cached_property
    def has_leads(self) -> bool:
        """Whether any commitment has a lead organisation: without one, no official can
        update or check in on anything, and the plan's pages say so."""
        return CommitmentLead.objects.filter(commitment__pillar__plan=self).exists()

    @property
    def starts_at(self) -> datetime.datetime:
        """Midnight of the start day in the site's zone: where the first quarter begins,
        the same moment whichever time zone the viewer has chosen."""
        start = datetime.datetime.combine(self.started_on, datetime.time.min)
        return timezone.make_aware(start, timezone.get_default_timezone())


class Pillar(Translated, models.Model):
    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("work plan"), on_delete=models.CASCADE, related_name="pillars"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    title_fr = models.CharField(_("title in French"), max_length=200, blank=True)
    lead_in = models.TextField(_("lead-in sentence"), blank=True)
    lead_in_fr = models.TextField(_("lead-in sentence in French"), blank=True)

    class Meta:
        ordering = ["plan_id", "position", "id"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        constraints = [
            # Deferred so that an admin can swap two positions in one save.
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="pillar_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class CommitmentQuerySet(models.QuerySet["Commitment"]):
    def visible_to(self, user: User) -> CommitmentQuerySet:
        return self.filter(pillar__plan__in=WorkPlan.objects.visible_to(user))

    def editable_by(self, user: User) -> CommitmentQuerySet:
        """What `Commitment.can_be_updated_by` allows, as a filter for lists."""
        if not user.is_authenticated or user.is_read_only:
            return self.none()
        if user.is_admin:
            return self.all()
        return self.filter(Q(leads__organization=user.organization_id) | Q(owners=user)).distinct()

    def stale_in(self, quarter: Quarter) -> CommitmentQuerySet:
        """The quarter's plan's commitments still open and with no status update in it: the
        one rule of workplan/quarters.py, as a filter."""
        updated = StatusUpdate.objects.filter(
            commitment=OuterRef("pk"), created_at__gte=quarter.start
        )
        if quarter.end is not None:
            updated = updated.filter(created_at__lt=quarter.end)
        return self.filter(pillar__plan=quarter.plan_id).open().exclude(Exists(updated))

    def open(self) -> CommitmentQuerySet:
        """Commitments still being worked on: closed ones need no quarterly check-in."""
        return self.exclude(status__in=CLOSED_STATUSES)

    def stale_for(self, meeting: Meeting) -> CommitmentQuerySet:
        """What the meeting's check-in asks for: stale in the quarter the meeting closes."""
        return self.stale_in(meeting.quarter)

    def with_last_update(self) -> CommitmentQuerySet:
        latest = _newest_updates()
        return self.annotate(
            last_update_at=Subquery(latest.values("created_at")[:1]),
            last_note=Subquery(latest.values("note")[:1]),
        )

    def with_latest_update_id(self, cutoff: datetime.datetime) -> CommitmentQuerySet:
        """`latest_update_id`: the update that gives the status as of `cutoff` (None before
        the first). One index-only probe per commitment on (commitment, -created_at, -id):
        on PostgreSQL with 5,000 commitments × 20 updates this beats DISTINCT ON
        (commitment_id), which reads and sorts every update, several times over."""
        newest = _newest_updates(cutoff).values("pk")[:1]
        return self.annotate(latest_update_id=Subquery(newest))

    def with_people(self) -> CommitmentQuerySet:
        """Leads (with their organisations) and owners as two JSON columns of the list's
        query, read by `Commitment.lead_list` and `owner_list`: a page of rows costs no
        query more. Not for one commitment: building and compiling these subqueries costs
        more than the two short queries `lead_list` and `owner_list` make on their own
        (bench/bench_status_update.py: p50 ratio 3.20 with them, 2.80 without)."""
        leads = (
            CommitmentLead.objects.filter(commitment=OuterRef("pk"))
            .order_by()
            .values("commitment")
            .annotate(
                rows=JSONList(
                    JSONObject(
                        id="pk",
                        organization_id="organization_id",
                        organization_name="organization__name",
                        organization_short_name="organization__short_name",
                        organization_country_code="organization__country_code",
                    )
                )
            )
        )
        owners = (
            Commitment.owners.through.objects.filter(commitment=OuterRef("pk"))
            .order_by()
            .values("commitment")
            .annotate(
                rows=JSONList(
                    JSONObject(
                        id="user_id",
                        username="user__username",
                        first_name="user__first_name",
                        last_name="user__last_name",
                        organization_id="user__organization_id",
                        organization_name="user__organization__name",
                        organization_short_name="user__organization__short_name",
                        organization_country_code="user__organization__country_code",
                    )
                )
            )
        )
        return self.annotate(
            lead_rows=Subquery(leads.values("rows")), owner_rows=Subquery(owners.values("rows"))
        )

    def with_initial_status(self) -> CommitmentQuerySet:
        """`initial_status`: the status before the first update (today's when never updated),
        which history replay gives a commitment as of a date before its first update."""
        first = StatusUpdate.objects.filter(commitment=OuterRef("pk")).order_by("created_at", "id")
        return self.annotate(
            initial_status=Coalesce(Subquery(first.values("old_status")[:1]), F("status"))
        )


def _newest_updates(cutoff: datetime.datetime | None = None) -> models.QuerySet:
    """The outer commitment's updates, newest first (up to `cutoff`): the order the
    (commitment, -created_at, -id) index serves as one probe."""
    updates = StatusUpdate.objects.filter(commitment=OuterRef("pk"))
    if cutoff is not None:
        updates = updates.filter(created_at__lte=cutoff)
    return updates.order_by("-created_at", "-id")


class JSONList(Aggregate):
    """The group's values as one JSON array: PostgreSQL's JSONB_AGG, SQLite's
    JSON_GROUP_ARRAY (the embedded development database)."""

    function = "JSONB_AGG"
    output_field = models.JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


# How a commitment's owners are listed, whichever way they were read.
OWNER_ORDER = ["last_name", "first_name", "pk"]
# In the model's field order, as `Model.from_db` reads partial rows.
ORGANIZATION_FIELDS = ["id", "name", "short_name", "country_code"]


def _organization_from_row(db: str | None, row: dict, prefix: str) -> Organization | None:
    """An organisation read from a `with_people()` JSON row (keys `<prefix>id`, …)."""
    if row[f"{prefix}id"] is None:
        return None
    values = [row[prefix + field] for field in ORGANIZATION_FIELDS]
    return Organization.from_db(db, ORGANIZATION_FIELDS, values)


def status_constraint(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": Status.values}), name=name)


class VersionConflict(Exception):
    """The commitment changed since the editor loaded it."""

    def __init__(self, commitment: Commitment) -> None:
        super().__init__(f"commitment {commitment.pk} is at version {commitment.version}")
        self.commitment = commitment


class Commitment(Translated, models.Model):
    pillar = models.ForeignKey(
        Pillar, verbose_name=_("pillar"), on_delete=models.CASCADE, related_name="commitments"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("text as published"))
    text_fr = models.TextField(_("text as published in French"), blank=True)
    short_title = models.CharField(_("short title"), max_length=200)
    short_title_fr = models.CharField(_("short title in French"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.NOT_STARTED
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    owners = models.ManyToManyField(
        User, verbose_name=_("owners"), blank=True, related_name="owned_commitments"
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    # Optimistic locking: every status change raises it by one; an edit made at an older
    # version is refused instead of silently overwriting the newer one.
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        ordering = ["pillar__plan_id", "pillar__position", "position", "id"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["pillar", "position"],
                name="commitment_position_unique",
                deferrable=models.Deferrable.DEFERRED,
            ),
            status_constraint("status", "commitment_status_valid"),
        ]

    def __str__(self) -> str:
        return self.short_title

    @property
    def reference(self) -> str:
        """The number officials use in meetings, e.g. "2.3"."""
        return f"{self.pillar.position}.{self.position}"

    @cached_property
    def lead_list(self) -> list[CommitmentLead]:
        """The lead organisations, read from `with_people()`'s column when the query had
        it, else queried."""
        if "lead_rows" not in self.__dict__:
            return list(self.leads.select_related("organization"))
        db = self._state.db
        leads = []
        for row in self.lead_rows or []:
            lead = CommitmentLead.from_db(
                db, ["id", "commitment_id", "organization_id"], [row["id"], self.pk, None]
            )
            lead.commitment = self
            lead.organization = _organization_from_row(db, row, "organization_")
            leads.append(lead)
        # CommitmentLead's own ordering; a JSON aggregate keeps none.
        return sorted(
            leads, key=lambda lead: (lead.organization.country_code, lead.organization.name)
        )

    @cached_property
    def owner_list(self) -> list[User]:
        """The owners, like `lead_list`: from `with_people()` when the query had it."""
        if "owner_rows" not in self.__dict__:
            return list(self.owners.select_related("organization").order_by(*OWNER_ORDER))
        db = self._state.db
        owners = []
        for row in self.owner_rows or []:
            owner = User.from_db(
                db,
                ["id", "username", "first_name", "last_name", "organization_id"],
                [row["id"], row["username"], row["first_name"], row["last_name"], None],
            )
            owner.organization = _organization_from_row(db, row, "organization_")
            owners.append(owner)
        return sorted(owners, key=lambda owner: [getattr(owner, f) for f in OWNER_ORDER])

    def can_be_updated_by(self, user: User) -> bool:
        """The one rule for changing a commitment's status."""
        if not user.is_authenticated or user.is_read_only:
            return False
        if user.is_admin:
            return True
        if any(lead.organization_id == user.organization_id for lead in self.lead_list):
            return True
        return any(owner.pk == user.pk for owner in self.owner_list)

    def is_reported_on_by(self, user: User) -> bool:
        """Whether the user's organisation leads this commitment, so files its party's
        quarterly check-in on it (meetings.CheckIn); staff never do."""
        if not user.is_authenticated or user.is_read_only or user.organization_id is None:
            return False
        return any(lead.organization_id == user.organization_id for lead in self.lead_list)

    def record_status(
        self,
        *,
        author: User,
        status: str,
        expected_version: int,
        note: str = "",
        evidence_url: str = "",
        target_date: datetime.date | None = None,
        at: datetime.datetime | None = None,
    ) -> StatusUpdate:
        """Change the status and append the history row, atomically.

        The conditional UPDATE on `version` is the one place that decides which of two
        concurrent editors wins; the loser gets VersionConflict and nothing is written.
        """
        if self.version != expected_version:
            raise VersionConflict(self)
        update = StatusUpdate(
            commitment=self,
            author=author,
            organization_id=author.organization_id,
            old_status=self.status,
            new_status=status,
            note=note,
            evidence_url=evidence_url,
            created_at=at or timezone.now(),
        )
        changes = {"status": status, "target_date": target_date, "updated_at": update.created_at}
        with transaction.atomic(using=self._state.db or "default"):
            claimed = Commitment.objects.filter(pk=self.pk, version=expected_version).update(
                version=F("version") + 1, **changes
            )
            if claimed:
                update.save(force_insert=True)
        if not claimed:
            self.refresh_from_db(fields=["status", "version", "target_date", "updated_at"])
            raise VersionConflict(self)
        for field, value in changes.items():
            setattr(self, field, value)
        self.version = expected_version + 1
        return update


class CommitmentLead(models.Model):
    """The organisation that leads a commitment for one party, and its lead officials."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="leads"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="led_commitments",
    )
    officials = models.ManyToManyField(
        User, verbose_name=_("lead officials"), blank=True, related_name="lead_roles"
    )

    class Meta:
        ordering = ["organization__country_code", "organization__name", "id"]
        verbose_name = _("lead organisation")
        verbose_name_plural = _("lead organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "organization"], name="commitment_lead_unique"
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)


class AppendOnlyError(Exception):
    pass


class AppendOnly(models.Model):
    """A record whose rows are only ever added: history, check-ins, signatures, signed
    records. Python refuses to change or delete a row; PostgreSQL triggers refuse too."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name_plural} are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name_plural} are never deleted.")


class StatusUpdate(AppendOnly):
    """One entry of a commitment's history. Rows are only ever added (a PostgreSQL trigger
    refuses UPDATE and DELETE too), so the history is the record of who said what, when."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.PROTECT, related_name="updates"
    )
    author = models.ForeignKey(
        User, verbose_name=_("author"), on_delete=models.PROTECT, related_name="status_updates"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation of the author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    old_status = models.CharField(_("old status"), max_length=20, choices=Status)
    new_status = models.CharField(_("new status"), max_length=20, choices=Status)
    note = models.TextField(_("note"), blank=True)
    evidence_url = models.URLField(_("evidence URL"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        get_latest_by = ["created_at", "id"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        constraints = [
            status_constraint("old_status", "statusupdate_old_status_valid"),
            status_constraint("new_status", "statusupdate_new_status_valid"),
        ]
        indexes = [
            models.Index(fields=["created_at"], name="statusupdate_created"),
            # History replay, "latest update" and "updated since" all walk this index.
            models.Index(
                fields=["commitment", "-created_at", "-id"], name="statusupdate_commit_latest"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_old_status_display()} → {self.get_new_status_display()}"
