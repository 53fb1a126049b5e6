"""The quarter's joint record: each party's check-in on the commitments it leads, where the
parties stand, both sides' signatures, and the record frozen as they signed it."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workplan.models import AppendOnly, Commitment, status_constraint
from workplan.status import CLOSED_STATUSES, Status, StatusStyle, style_for

from .meeting import Meeting

if TYPE_CHECKING:
    from workplan.models import Organization, User


class Confidence(models.TextChoices):
    """How sure a party is of delivering a commitment by its target date (the confidence
    rating of Australia's Cabinet Implementation Unit reports)."""

    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")

    @property
    def definition(self) -> str:
        return CONFIDENCE_DEFINITIONS[self]


CONFIDENCE_DEFINITIONS = {
    Confidence.HIGH: _("Delivery by the target date is likely; no significant risk is known."),
    Confidence.MEDIUM: _("Delivery by the target date is possible; known risks are being managed."),
    Confidence.LOW: _(
        "Delivery by the target date is unlikely without a change of plan, people or timeline."
    ),
}


class CheckInQuerySet(models.QuerySet["CheckIn"]):
    def current(self) -> CheckInQuerySet:
        """Each party's latest filing per meeting and commitment: filing again adds a row,
        the newest is the party's check-in and the older ones stay in the record."""
        newer = CheckIn.objects.filter(
            meeting=OuterRef("meeting"),
            commitment=OuterRef("commitment"),
            organization=OuterRef("organization"),
            pk__gt=OuterRef("pk"),
        )
        return self.exclude(Exists(newer))


class CheckIn(AppendOnly):
    """One party's assessment of one commitment for the quarter a meeting closes. Rows are
    only ever added (a PostgreSQL trigger refuses UPDATE and DELETE, as for the history)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="checkins"
    )
    commitment = models.ForeignKey(
        "workplan.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="checkins",
    )
    organization = models.ForeignKey(
        "workplan.Organization",
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        related_name="checkins",
    )
    author = models.ForeignKey(
        "workplan.User", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    confidence = models.CharField(_("confidence of delivery"), max_length=10, choices=Confidence)
    note = models.TextField(_("progress note"), blank=True)
    # One web address a line, as the official typed them.
    evidence = models.TextField(_("evidence links"), blank=True)
    next_steps = models.TextField(_("next steps before the next meeting"))
    # Filed after both sides signed: a correction of the locked record, never an overwrite.
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    # The entry the filing wrote in the commitment's history.
    status_update = models.OneToOneField(
        "workplan.StatusUpdate",
        verbose_name=_("status update"),
        on_delete=models.PROTECT,
        related_name="checkin",
    )
    created_at = models.DateTimeField(_("filed at"), default=timezone.now)

    objects = CheckInQuerySet.as_manager()

    class Meta:
        ordering = ["meeting_id", "commitment_id", "organization_id", "id"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            status_constraint("status", "checkin_status_valid"),
            models.CheckConstraint(
                condition=Q(confidence__in=["high", "medium", "low"]),
                name="checkin_confidence_valid",
            ),
        ]
        indexes = [
            models.Index(
                fields=["meeting", "commitment", "organization", "-id"], name="checkin_current"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.commitment} · {self.meeting}"

    @property
    def evidence_links(self) -> list[str]:
        return [line for line in self.evidence.splitlines() if line.strip()]

    @property
    def confidence_definition(self) -> str:
        return Confidence(self.confidence).definition

    @property
    def style(self) -> StatusStyle:
        return style_for(self.status)

    @property
    def is_correction(self) -> bool:
        return bool(self.correction_reason)

    @classmethod
    def file(
        cls,
        *,
        meeting: Meeting,
        commitment: Commitment,
        author: User,
        status: str,
        confidence: str,
        next_steps: str,
        expected_version: int,
        note: str = "",
        evidence_links: Sequence[str] = (),
        target_date: datetime.date | None = None,
        correction_reason: str = "",
        at: datetime.datetime | None = None,
    ) -> CheckIn:
        """The party's check-in and the status it reports in the commitment's history, in
        one transaction: a version conflict (Commitment.record_status) writes neither.

        Once both sides have signed, a filing is a correction: it needs a reason, and the
        record gets a new version beside the signed one (SigningRefused without a reason).
        The meeting's row lock orders filings and signatures, so none slips in between a
        signature and the record it freezes."""
        with transaction.atomic():
            signed = lock_quarter(meeting)
            if signed is not None and not correction_reason.strip():
                raise SigningRefused(
                    gettext(
                        "Both sides have signed this quarter's record, so it is locked: a "
                        "check-in now is a correction, shown as such. Give its reason."
                    )
                )
            update = commitment.record_status(
                author=author,
                status=status,
                expected_version=expected_version,
                note=note,
                evidence_url=evidence_links[0] if evidence_links else "",
                target_date=target_date,
                at=at,
            )
            checkin = cls.objects.create(
                meeting=meeting,
                commitment=commitment,
                organization_id=author.organization_id,
                author=author,
                status=status,
                confidence=confidence,
                note=note,
                evidence="\n".join(evidence_links),
                next_steps=next_steps,
                correction_reason=correction_reason.strip() if signed is not None else "",
                status_update=update,
                created_at=update.created_at,
            )
            if signed is not None:
                MeetingRecord.objects.create(
                    meeting=meeting,
                    version=signed.version + 1,
                    content=snapshot(meeting),
                    reason=checkin.correction_reason,
                    created_at=checkin.created_at,
                )
        return checkin


@dataclass(frozen=True)
class Assessment:
    """Where the parties leading one commitment stand in one quarter: each lead party with
    its current check-in (None: not filed yet)."""

    parties: list[tuple[Organization, CheckIn | None]]
    # The latest proposal of an agreed status for it this quarter, with its answer if any.
    proposal: StatusProposal | None = None

    @property
    def filed(self) -> list[CheckIn]:
        return [checkin for _, checkin in self.parties if checkin is not None]

    @property
    def missing(self) -> list[Organization]:
        return [party for party, checkin in self.parties if checkin is None]

    @property
    def parties_differ(self) -> bool:
        return len({checkin.status for checkin in self.filed}) > 1

    @property
    def settled_by(self) -> StatusProposal | None:
        """The proposal the other side accepted: it settles a difference."""
        proposal = self.proposal
        if proposal is not None and proposal.answer is not None and proposal.answer.accepted:
            return proposal
        return None

    @property
    def agreed_status(self) -> str | None:
        """The status every lead party gave, or the one a side proposed and the other
        accepted; None until all have filed, or while they differ."""
        if self.settled_by is not None:
            return self.settled_by.status
        if not self.parties or self.missing or self.parties_differ:
            return None
        return self.filed[0].status


def assessments(meeting: Meeting, commitments: Sequence[Commitment]) -> dict[int, Assessment]:
    """Each commitment's assessment for the quarter `meeting` closes, in one query (the
    commitments' `lead_list` must be fetched already)."""
    current = {
        (checkin.commitment_id, checkin.organization_id): checkin
        for checkin in CheckIn.objects.filter(meeting=meeting).current().select_related("author")
    }
    # Oldest first, so each commitment keeps its latest.
    proposals = {
        proposal.commitment_id: proposal
        for proposal in StatusProposal.objects.filter(meeting=meeting)
        .select_related(
            "organization", "proposed_by", "answer_row__organization", "answer_row__answered_by"
        )
        .order_by("pk")
    }
    return {
        commitment.pk: Assessment(
            [
                (lead.organization, current.get((commitment.pk, lead.organization_id)))
                for lead in commitment.lead_list
            ],
            proposals.get(commitment.pk),
        )
        for commitment in commitments
    }


class StatusProposal(AppendOnly):
    """A signatory's proposal of the agreed status of a commitment the parties differ on,
    with the reason; the other side accepts it or answers (ProposalAnswer)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="proposals"
    )
    commitment = models.ForeignKey(
        "workplan.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="proposals",
    )
    organization = models.ForeignKey(
        "workplan.Organization", verbose_name=_("party"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_by = models.ForeignKey(
        "workplan.User", verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("proposed at"), default=timezone.now)

    class Meta:
        ordering = ["meeting_id", "commitment_id", "id"]
        verbose_name = _("proposed agreed status")
        verbose_name_plural = _("proposed agreed statuses")
        constraints = [status_constraint("status", "proposal_status_valid")]

    def __str__(self) -> str:
        return f"{self.organization} · {self.commitment} · {self.status}"

    @property
    def style(self) -> StatusStyle:
        return style_for(self.status)

    @cached_property
    def answer(self) -> ProposalAnswer | None:
        try:
            return self.answer_row
        except ProposalAnswer.DoesNotExist:
            return None

    @classmethod
    def propose(
        cls,
        meeting: Meeting,
        commitment: Commitment,
        signatory: User,
        status: str,
        reason: str,
        at: datetime.datetime | None = None,
    ) -> StatusProposal:
        """A proposal stands until answered; a newer one replaces it. Refused once the
        quarter is locked: the record is what both signed."""
        with transaction.atomic():
            _refuse_when_locked(meeting)
            return cls.objects.create(
                meeting=meeting,
                commitment=commitment,
                organization_id=signatory.organization_id,
                proposed_by=signatory,
                status=status,
                reason=reason,
                created_at=at or timezone.now(),
            )

    def answer_with(
        self,
        signatory: User,
        *,
        accepted: bool,
        reply: str = "",
        at: datetime.datetime | None = None,
    ) -> ProposalAnswer:
        with transaction.atomic():
            _refuse_when_locked(self.meeting)
            if signatory.organization_id == self.organization_id:
                raise SigningRefused(gettext("The other side answers your side's proposal."))
            latest = StatusProposal.objects.filter(
                meeting=self.meeting_id, commitment=self.commitment_id
            ).latest("pk")
            if latest.pk != self.pk or ProposalAnswer.objects.filter(proposal=self).exists():
                raise SigningRefused(
                    gettext("This proposal was already answered or replaced: reload the page.")
                )
            return ProposalAnswer.objects.create(
                proposal=self,
                organization_id=signatory.organization_id,
                answered_by=signatory,
                accepted=accepted,
                reply=reply,
                created_at=at or timezone.now(),
            )


def lock_quarter(meeting: Meeting) -> MeetingRecord | None:
    """Take the meeting's row lock, which filings, proposals and signatures all take, so
    they happen one at a time per meeting and none slips in between a signature and the
    record it freezes; then return its latest record (None: not signed by both yet)."""
    Meeting.objects.select_for_update().only("pk").get(pk=meeting.pk)
    return meeting.records.order_by("-version").first()


def _refuse_when_locked(meeting: Meeting) -> None:
    if lock_quarter(meeting) is not None:
        raise SigningRefused(
            gettext("Both sides have signed: the record is locked, and so is its agreed status.")
        )


class ProposalAnswer(AppendOnly):
    """The other side's answer to a proposal: accepted, or not with its reply (after which
    either side may propose again)."""

    proposal = models.OneToOneField(
        StatusProposal,
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        related_name="answer_row",
    )
    organization = models.ForeignKey(
        "workplan.Organization", verbose_name=_("party"), on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        "workplan.User", verbose_name=_("answered by"), on_delete=models.PROTECT, related_name="+"
    )
    accepted = models.BooleanField(_("accepted"))
    reply = models.TextField(_("reply"), blank=True)
    created_at = models.DateTimeField(_("answered at"), default=timezone.now)

    class Meta:
        verbose_name = _("answer to a proposal")
        verbose_name_plural = _("answers to proposals")

    def __str__(self) -> str:
        return f"{self.organization} · {'accepted' if self.accepted else 'answered'}"


class SigningRefused(Exception):
    """Why a signature or a filing cannot be taken, in words for the person who tried."""


class SignOff(AppendOnly):
    """One party's signature on its side of the quarter a meeting closes."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="signoffs"
    )
    organization = models.ForeignKey(
        "workplan.Organization",
        verbose_name=_("party"),
        on_delete=models.PROTECT,
        related_name="signoffs",
    )
    signed_by = models.ForeignKey(
        "workplan.User", verbose_name=_("signed by"), on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    # The side's commitments that had no check-in when it signed, listed to the signatory
    # and acknowledged: [{"reference": "2.3", "title": "…"}].
    missing = models.JSONField(_("check-ins missing, acknowledged"), default=list, blank=True)

    class Meta:
        ordering = ["meeting_id", "signed_at", "id"]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organization"], name="signoff_once_per_side"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.meeting}"

    @classmethod
    def sign(
        cls,
        meeting: Meeting,
        signatory: User,
        *,
        acknowledged_missing: bool = False,
        at: datetime.datetime | None = None,
    ) -> SignOff:
        """Sign the signatory's side. The second side's signature locks the quarter and
        freezes the record, in the same transaction: the meeting's row lock makes two
        signatories signing at once take turns, so exactly one of them freezes it."""
        at = at or timezone.now()
        with transaction.atomic():
            if lock_quarter(meeting) is not None:
                raise SigningRefused(gettext("Both sides have signed: the record is locked."))
            side = signatory.organization_id
            if cls.objects.filter(meeting=meeting, organization=side).exists():
                raise SigningRefused(gettext("Your side has already signed this quarter."))
            missing = missing_checkins(meeting, side)
            if missing and not acknowledged_missing:
                raise SigningRefused(
                    gettext(
                        "Your side has not filed every check-in: tick the box to acknowledge "
                        "the missing ones listed, or file them first."
                    )
                )
            signoff = cls.objects.create(
                meeting=meeting,
                organization_id=side,
                signed_by=signatory,
                signed_at=at,
                missing=[
                    {"reference": c.reference, "title": c.short_title, "title_fr": c.short_title_fr}
                    for c in missing
                ],
            )
            parties = set(meeting.plan.parties.values_list("pk", flat=True))
            signed = set(cls.objects.filter(meeting=meeting).values_list("organization", flat=True))
            if parties <= signed:
                MeetingRecord.objects.create(
                    meeting=meeting, version=1, content=snapshot(meeting), created_at=at
                )
        return signoff


class MeetingRecord(AppendOnly):
    """The quarter's record as both sides signed it (version 1), or as corrected after
    (later versions, each with its reason). Never changed: a PostgreSQL trigger refuses
    UPDATE and DELETE."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="records"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    content = models.JSONField(_("content"))
    reason = models.TextField(_("reason for the correction"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["meeting_id", "version"]
        get_latest_by = "version"
        verbose_name = _("meeting record")
        verbose_name_plural = _("meeting records")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="record_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · v{self.version}"

    @property
    def is_correction(self) -> bool:
        return self.version > 1

    @property
    def text(self) -> str:
        """The record as plain text, one line per fact: what a correction's word diff
        compares."""
        lines = []
        for pillar in self.content["pillars"]:
            lines.append(f"{pillar['position']}. {pillar['title']}")
            for commitment in pillar["commitments"]:
                lines.append(f"{commitment['reference']} {commitment['title']}")
                for party in commitment["parties"]:
                    if party["status"] is None:
                        lines.append(f"{party['party']}: —")
                        continue
                    lines.append(
                        f"{party['party']}: {party['status']} ({party['confidence']}). "
                        f"{party['note']} {party['next_steps']}".rstrip()
                    )
        return "\n".join(lines)


def missing_checkins(meeting: Meeting, side: int) -> list[Commitment]:
    """The open commitments `side` leads in the meeting's plan with no check-in for it yet
    (closed ones need none, as workplan/quarters.py has it)."""
    filed = CheckIn.objects.filter(meeting=meeting, organization=side).values("commitment")
    return list(
        Commitment.objects.filter(pillar__plan=meeting.plan_id, leads__organization=side)
        .open()
        .exclude(pk__in=filed)
        .select_related("pillar")
    )


def assessed_commitments(meeting: Meeting) -> tuple[list[Commitment], dict[int, Assessment]]:
    """The plan's commitments in agenda order, with their leads and owners, and each one's
    assessment for the quarter the meeting closes: what the agenda and the record show."""
    commitments = list(
        Commitment.objects.filter(pillar__plan=meeting.plan_id)
        .select_related("pillar")
        .with_people()
        .order_by("pillar__position", "position", "id")
    )
    return commitments, assessments(meeting, commitments)


def snapshot(meeting: Meeting) -> dict:
    """Everything the record shows, copied out of the live tables: the record never reads
    them again, so later edits to the plan cannot change it. The plan's words go in both
    languages (`title`, `title_fr`) so that the signed record reads in French too; records
    frozen before there was French have `title` alone and show it marked English only."""
    commitments, assessed = assessed_commitments(meeting)
    signoffs = meeting.signoffs.select_related("organization", "signed_by").order_by("signed_at")
    pillars: dict[int, dict] = {}
    for commitment in commitments:
        assessment = assessed[commitment.pk]
        pillar = pillars.setdefault(
            commitment.pillar_id,
            {
                "position": commitment.pillar.position,
                "title": commitment.pillar.title,
                "title_fr": commitment.pillar.title_fr,
                "commitments": [],
            },
        )
        pillar["commitments"].append(
            {
                "reference": commitment.reference,
                "title": commitment.short_title,
                "title_fr": commitment.short_title_fr,
                # Closed without a check-in this quarter: none was needed.
                "closed_status": commitment.status
                if commitment.status in CLOSED_STATUSES and not assessment.filed
                else None,
                "agreed_status": assessment.agreed_status,
                "parties_differ": assessment.parties_differ,
                "agreement": _agreement(assessment.settled_by),
                "parties": [_party_entry(party, checkin) for party, checkin in assessment.parties],
            }
        )
    for pillar in pillars.values():
        counts = Counter(
            "differ"
            if c["parties_differ"] and not c["agreed_status"]
            else (c["agreed_status"] or c["closed_status"] or "incomplete")
            for c in pillar["commitments"]
        )
        pillar["counts"] = dict(sorted(counts.items()))
    return {
        "plan": meeting.plan.title,
        "plan_fr": meeting.plan.title_fr,
        "meeting": {"starts_at": meeting.starts_at.isoformat(), "location": meeting.location},
        "signatures": [
            {
                "party": signoff.organization.short_name,
                "party_name": signoff.organization.name,
                "by": signoff.signed_by.get_full_name() or signoff.signed_by.username,
                "at": signoff.signed_at.isoformat(),
                "missing": signoff.missing,
            }
            for signoff in signoffs
        ],
        "pillars": list(pillars.values()),
    }


def _agreement(proposal: StatusProposal | None) -> dict | None:
    if proposal is None:
        return None
    return {
        "proposed_by": proposal.organization.short_name,
        "reason": proposal.reason,
        "accepted_by": proposal.answer.organization.short_name,
    }


def _party_entry(party, checkin: CheckIn | None) -> dict:
    if checkin is None:
        return {"party": party.short_name, "status": None}
    return {
        "party": party.short_name,
        "status": checkin.status,
        "confidence": checkin.confidence,
        "note": checkin.note,
        "next_steps": checkin.next_steps,
        "evidence": checkin.evidence_links,
        "filed_at": checkin.created_at.isoformat(),
        "filed_by": checkin.author.get_full_name() or checkin.author.username,
        "correction_reason": checkin.correction_reason,
    }
