"""The joint quarter on the dashboard and in the briefing: each side's sign-off, where the
parties stand on every commitment (per party and agreed, confidence, forecast against
actual) and the "Parties differ" list, for the quarter the board shows.

Live, and as of a date without a signed record, it reads the check-ins, proposals and
signatures (as they stood at the cutoff when looking back) in one query beside the board's;
as of a date whose quarter has a signed record (meetings.MeetingRecord), the record's
frozen content instead, in one query. The signatures and the records' versions come with
the board's meetings (`with_quarter_stamps`), so the dashboard asks no more than that.

Where the parties stand is meetings.Assessment's rule (agreed, differ, missing), fed light
rows instead of model instances; how a commitment counts in the quarter is `standing`,
the rule of the record's counts per pillar (meetings.models.quarter.snapshot).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import (
    Exists,
    F,
    JSONField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import JSONObject
from django.urls import reverse

from meetings.models import (
    Assessment,
    CheckIn,
    Confidence,
    Meeting,
    MeetingRecord,
    SignOff,
    StatusProposal,
)
from workplan.language import Localized, both, localized, localized_field
from workplan.models import Commitment, JSONList
from workplan.status import CLOSED_STATUSES, StatusStyle, style_for

from .queries import json_moment, lead_ids, status_as_of

if TYPE_CHECKING:
    from .board import Board
    from .rows import Org

# How a commitment stands in the quarter, as the record counts it.
AGREED, DIFFER, CLOSED, AWAITING = "agreed", "differ", "closed", "awaiting"


def standing(agreed_status: str | None, parties_differ: bool, closed_status: str | None) -> str:
    """The record's rule (snapshot's counts): differing unless agreed on a proposal, else
    agreed, else closed without a check-in (none needed), else awaiting check-ins."""
    if parties_differ and not agreed_status:
        return DIFFER
    if agreed_status:
        return AGREED
    if closed_status:
        return CLOSED
    return AWAITING


def with_quarter_stamps(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Each meeting with its quarter's signatures and record versions as JSON columns
    (`signature_rows`, `record_rows`): a meeting has two of each at most, give or take
    corrections, and the board reads its meetings anyway."""
    signatures = (
        SignOff.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(
            rows=JSONList(
                JSONObject(
                    organization_id="organization_id",
                    party="organization__short_name",
                    party_name="organization__name",
                    first="signed_by__first_name",
                    last="signed_by__last_name",
                    username="signed_by__username",
                    at="signed_at",
                )
            )
        )
        .values("rows")
    )
    records = (
        MeetingRecord.objects.filter(meeting=OuterRef("pk"))
        .order_by()
        .values("meeting")
        .annotate(rows=JSONList(JSONObject(id="pk", version="version", at="created_at")))
        .values("rows")
    )
    return meetings.annotate(
        signature_rows=Subquery(signatures, output_field=JSONField()),
        record_rows=Subquery(records, output_field=JSONField()),
    )


def _json(value: object) -> object:
    """A JSON column: parsed by the ORM on PostgreSQL, text on SQLite."""
    if isinstance(value, str):
        return json.loads(value)
    return value


@dataclass(frozen=True, slots=True)
class Filed:
    """A party's current check-in, light: what Assessment and the templates read."""

    organization_id: int
    status: str
    confidence: str
    note: str
    next_steps: str
    correction_reason: str = ""

    @property
    def style(self) -> StatusStyle:
        return style_for(self.status)


@dataclass(frozen=True, slots=True)
class _Answer:
    accepted: bool


@dataclass(frozen=True, slots=True)
class Proposed:
    """The latest proposal of an agreed status, light (Assessment reads `status` and
    `answer.accepted`)."""

    status: str
    answer: _Answer | None
    proposed_by: str = ""
    accepted_by: str = ""
    reason: str = ""

    @property
    def style(self) -> StatusStyle:
        return style_for(self.status)


@dataclass(slots=True)
class PartyView:
    """One lead party on one commitment: its status and confidence this quarter, what it
    planned last quarter (forecast) and what it reports now (actual)."""

    party: str
    party_name: str
    style: StatusStyle | None
    confidence: str = ""
    note: str = ""
    planned: str = ""
    next_steps: str = ""
    correction_reason: str = ""


@dataclass(slots=True)
class JointRow:
    """A commitment in the joint quarter; `pk` is None when read from a frozen record."""

    pk: int | None
    reference: str
    title: Localized
    pillar_key: tuple[int, Localized]
    parties: list[PartyView]
    standing: str
    parties_differ: bool
    agreed: StatusStyle | None = None
    closed: StatusStyle | None = None
    # The proposal that settled a difference: (proposed by, accepted by), else None.
    agreement: tuple[str, str] | None = None
    reason: str = ""

    @property
    def url(self) -> str:
        return reverse("commitment", args=[self.pk]) if self.pk is not None else ""


@dataclass(slots=True)
class Side:
    """One party's side of the quarter: who signed it and when, and how many check-ins it
    had still to file (None when read from a record, which lists what was acknowledged)."""

    party: str
    party_name: str
    signed_by: str = ""
    signed_at: datetime.datetime | None = None
    missing: int | None = None
    acknowledged: list[dict] = field(default_factory=list)


@dataclass(slots=True)
class JointPillar:
    position: int
    title: Localized
    rows: list[JointRow]


@dataclass
class JointQuarter:
    meeting: Meeting
    sides: list[Side]
    # Every commitment in the board's scope, in order.
    rows: list[JointRow]
    # The record shown (as of a past date) or the quarter's latest one (live), if signed.
    record: MeetingRecord | None = None
    record_version: int | None = None
    signed_at: datetime.datetime | None = None
    signers: list[str] = field(default_factory=list)
    from_record: bool = False

    @property
    def record_url(self) -> str:
        url = reverse("meeting_record", args=[self.meeting.pk])
        if self.from_record and self.record_version:
            return f"{url}?version={self.record_version}"
        return url

    @property
    def differ(self) -> list[JointRow]:
        """The commitments the parties differ on, those agreed on a proposal included."""
        return [row for row in self.rows if row.parties_differ]

    def _count(self, kind: str) -> int:
        return sum(1 for row in self.rows if row.standing == kind)

    @property
    def agreed_count(self) -> int:
        return self._count(AGREED)

    @property
    def differ_count(self) -> int:
        return self._count(DIFFER)

    @property
    def awaiting_count(self) -> int:
        return self._count(AWAITING)

    @property
    def closed_count(self) -> int:
        return self._count(CLOSED)

    @property
    def signed_by_both(self) -> bool:
        return self.signed_at is not None

    @property
    def pillars(self) -> list[JointPillar]:
        grouped: dict[tuple[int, Localized], JointPillar] = {}
        for row in self.rows:
            pillar = grouped.get(row.pillar_key)
            if pillar is None:
                pillar = grouped[row.pillar_key] = JointPillar(*row.pillar_key, [])
            pillar.rows.append(row)
        return list(grouped.values())


def joint_quarter(board: Board) -> JointQuarter | None:
    """The joint quarter the board shows: closed by the next meeting (live), or by the
    meeting the as-of date reports to. None when no meeting closes it."""
    meeting = board.quarter.next
    if meeting is None:
        return None
    replaying = board.filters.as_of is not None
    cutoff = board.cutoff if replaying else None
    records = _records(meeting)
    if replaying and records:
        in_force = [r for r in records if r["at"] <= board.cutoff]
        # Signed after the date shown: the signed record is still that quarter's.
        shown = in_force[-1] if in_force else records[0]
        return _from_record(board, meeting, shown)
    quarter = _live(board, meeting, cutoff)
    if records:
        latest = records[-1]
        quarter.record_version = latest["version"]
        quarter.signed_at = _signed_at(meeting)
        quarter.signers = [_signer(s) for s in _signatures(meeting)]
    return quarter


def _records(meeting: Meeting) -> list[dict]:
    rows = _json(getattr(meeting, "record_rows", None))
    if rows is None and not hasattr(meeting, "record_rows"):
        rows = list(meeting.records.values("id", "version", at=F("created_at")))
    found = [{**row, "at": _moment(row["at"])} for row in rows or []]
    return sorted(found, key=lambda row: row["version"])


def _signatures(meeting: Meeting, cutoff: datetime.datetime | None = None) -> list[dict]:
    rows = _json(getattr(meeting, "signature_rows", None)) or []
    found = [{**row, "at": _moment(row["at"])} for row in rows]
    if cutoff is not None:
        found = [row for row in found if row["at"] <= cutoff]
    return sorted(found, key=lambda row: row["at"])


def _signed_at(meeting: Meeting) -> datetime.datetime | None:
    signatures = _signatures(meeting)
    return signatures[-1]["at"] if signatures else None


def _signer(row: dict) -> str:
    name = f"{row['first'] or ''} {row['last'] or ''}".strip() or row["username"]
    return f"{name} ({row['party']})"


def _moment(value: object) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    return json_moment(str(value))


def _in_scope(board: Board, pillar_id: int | None, lead_org_ids: list[int]) -> bool:
    filters = board.filters
    if filters.pillar is not None and pillar_id != filters.pillar.pk:
        return False
    return filters.organization is None or filters.organization.pk in lead_org_ids


# The live (or replayed) quarter: one query over the plan's commitments.


def current_checkins(meeting: Meeting | int, cutoff: datetime.datetime | None) -> QuerySet[CheckIn]:
    """The outer commitment's check-ins for `meeting`, each party's latest (at `cutoff`):
    CheckIn.objects.current(), as it stood then."""
    newer = CheckIn.objects.filter(
        meeting=OuterRef("meeting"),
        commitment=OuterRef("commitment"),
        organization=OuterRef("organization"),
        pk__gt=OuterRef("pk"),
    )
    checkins = CheckIn.objects.filter(meeting=meeting, commitment=OuterRef("pk"))
    if cutoff is not None:
        newer = newer.filter(created_at__lte=cutoff)
        checkins = checkins.filter(created_at__lte=cutoff)
    return checkins.exclude(Exists(newer))


def _checkin_rows(meeting: Meeting, cutoff: datetime.datetime | None, **fields) -> Subquery:
    rows = (
        current_checkins(meeting, cutoff)
        .order_by()
        .values("commitment")
        .annotate(rows=JSONList(JSONObject(organization_id="organization_id", **fields)))
        .values("rows")
    )
    return Subquery(rows, output_field=JSONField())


def _latest_proposal(meeting: Meeting, cutoff: datetime.datetime | None) -> Subquery:
    proposals = StatusProposal.objects.filter(meeting=meeting, commitment=OuterRef("pk"))
    if cutoff is not None:
        proposals = proposals.filter(created_at__lte=cutoff)
    latest = proposals.order_by("-pk").values(
        json=JSONObject(
            status="status",
            by="organization__short_name",
            reason="reason",
            accepted="answer_row__accepted",
            answered_at="answer_row__created_at",
            accepted_by="answer_row__organization__short_name",
        )
    )[:1]
    return Subquery(latest, output_field=JSONField())


def _live(board: Board, meeting: Meeting, cutoff: datetime.datetime | None) -> JointQuarter:
    previous = board.quarter.previous
    commitments = Commitment.objects.filter(pillar__plan=board.plan).annotate(
        status_then=status_as_of(cutoff),
        lead_org_ids=lead_ids(),
        filed=_checkin_rows(
            meeting,
            cutoff,
            status="status",
            confidence="confidence",
            note="note",
            next_steps="next_steps",
            correction_reason="correction_reason",
        ),
        proposal=_latest_proposal(meeting, cutoff),
    )
    if previous is not None:
        commitments = commitments.annotate(
            planned=_checkin_rows(previous, cutoff, next_steps="next_steps")
        )
    else:
        commitments = commitments.annotate(planned=Value(None, output_field=JSONField()))
    values = commitments.order_by("pillar__position", "pillar_id", "position", "pk").values_list(
        "pk",
        "pillar_id",
        "pillar__position",
        *both("pillar__title"),
        "position",
        *both("short_title"),
        "status_then",
        "lead_org_ids",
        "filed",
        "proposal",
        "planned",
    )
    organizations = {org.pk: org for org in board.organizations}
    missing: dict[int, int] = {}
    pillar_titles: dict[int, Localized] = {}
    rows = []
    for (
        pk,
        pillar_id,
        pillar_position,
        pillar_title,
        pillar_title_fr,
        position,
        title,
        title_fr,
        status,
        leads,
        filed_rows,
        proposal_row,
        planned_rows,
    ) in values:
        lead_org_ids = [int(part) for part in leads.split(",")] if leads else []
        orgs = sorted(
            (organizations[i] for i in lead_org_ids if i in organizations),
            key=lambda org: (org.country_code, org.name, org.pk),
        )
        filed = {
            row["organization_id"]: Filed(
                row["organization_id"],
                row["status"],
                row["confidence"],
                row["note"] or "",
                row["next_steps"] or "",
                row["correction_reason"] or "",
            )
            for row in _json(filed_rows) or []
        }
        planned = (
            {row["organization_id"]: row["next_steps"] or "" for row in _json(planned_rows) or []}
            if previous is not None
            else {}
        )
        proposal = _proposal(_json(proposal_row), cutoff)
        assessment = Assessment([(org, filed.get(org.pk)) for org in orgs], proposal)
        is_open = status not in CLOSED_STATUSES
        if is_open:
            for org in assessment.missing:
                missing[org.pk] = missing.get(org.pk, 0) + 1
        if not _in_scope(board, pillar_id, lead_org_ids):
            continue
        pillar = pillar_titles.get(pillar_id)
        if pillar is None:
            pillar = pillar_titles[pillar_id] = localized(pillar_title, pillar_title_fr)
        title = localized(title, title_fr)
        rows.append(_row(pk, pillar_position, pillar, position, title, status, assessment, planned))
    sides = _sides(board, meeting, cutoff, missing)
    return JointQuarter(meeting=meeting, sides=sides, rows=rows)


def _proposal(row: dict | None, cutoff: datetime.datetime | None) -> Proposed | None:
    if not row:
        return None
    answer = None
    if row.get("accepted") is not None:
        answered = row.get("answered_at")
        if cutoff is None or (answered and _moment(answered) <= cutoff):
            answer = _Answer(bool(row["accepted"]))
    return Proposed(
        row["status"],
        answer,
        row.get("by") or "",
        row.get("accepted_by") or "",
        row.get("reason") or "",
    )


def _row(
    pk: int,
    pillar_position: int,
    pillar_title: Localized,
    position: int,
    title: Localized,
    status: str,
    assessment: Assessment,
    planned: dict[int, str],
) -> JointRow:
    parties = []
    for org, checkin in assessment.parties:
        view = PartyView(org.short_name, org.name, None, planned=planned.get(org.pk, ""))
        if checkin is not None:
            view.style = checkin.style
            view.confidence = str(Confidence(checkin.confidence).label)
            view.note = checkin.note
            view.next_steps = checkin.next_steps
            view.correction_reason = checkin.correction_reason
        parties.append(view)
    agreed = assessment.agreed_status
    closed = status if status in CLOSED_STATUSES and not assessment.filed else None
    settled = assessment.settled_by
    return JointRow(
        pk=pk,
        reference=f"{pillar_position}.{position}",
        title=title,
        pillar_key=(pillar_position, pillar_title),
        parties=parties,
        standing=standing(agreed, assessment.parties_differ, closed),
        parties_differ=assessment.parties_differ,
        agreed=style_for(agreed) if agreed else None,
        closed=style_for(closed) if closed else None,
        agreement=(settled.proposed_by, settled.accepted_by) if settled is not None else None,
        reason=settled.reason if settled is not None else "",
    )


def _sides(
    board: Board, meeting: Meeting, cutoff: datetime.datetime | None, missing: dict[int, int]
) -> list[Side]:
    """Each lead party's side: signed by whom and when (at the cutoff), or how many of its
    open commitments still lack its check-in (meetings.missing_checkins, counted)."""
    signed = {row["organization_id"]: row for row in _signatures(meeting, cutoff)}
    sides = []
    parties: list[Org] = list(board.organizations)
    for party in parties:
        row = signed.pop(party.pk, None)
        side = Side(party.short_name, party.name, missing=missing.get(party.pk, 0))
        if row is not None:
            side.signed_by, side.signed_at = _signer_name(row), row["at"]
        sides.append(side)
    # A party that signed though it leads nothing in the plan.
    for row in signed.values():
        sides.append(Side(row["party"], row["party_name"], _signer_name(row), row["at"], 0))
    return sides


def _signer_name(row: dict) -> str:
    return f"{row['first'] or ''} {row['last'] or ''}".strip() or row["username"]


# As of a past date with a signed record: the record's frozen content.


def _from_record(board: Board, meeting: Meeting, shown: dict) -> JointQuarter:
    previous = board.quarter.previous
    wanted = [shown["id"]]
    earlier: dict | None = None
    if previous is not None:
        prior = [r for r in _records(previous) if r["at"] <= board.cutoff] or _records(previous)
        if prior:
            earlier = prior[-1]
            wanted.append(earlier["id"])
    found = {record.pk: record for record in MeetingRecord.objects.filter(pk__in=wanted)}
    record = found[shown["id"]]
    content = record.content
    planned: dict[tuple[str, str], str] = {}
    if earlier is not None and earlier["id"] in found:
        for pillar in found[earlier["id"]].content["pillars"]:
            for commitment in pillar["commitments"]:
                for party in commitment["parties"]:
                    if party.get("status"):
                        key = (commitment["reference"], party["party"])
                        planned[key] = party.get("next_steps") or ""
    filters = board.filters
    names = {org.short_name: org.name for org in board.organizations}
    rows = []
    for pillar in content["pillars"]:
        if filters.pillar is not None and pillar["position"] != filters.pillar.position:
            continue
        for commitment in pillar["commitments"]:
            party_names = [party["party"] for party in commitment["parties"]]
            if (
                filters.organization is not None
                and filters.organization.short_name not in party_names
            ):
                continue
            rows.append(_record_row(pillar, commitment, planned, names))
    signatures = content["signatures"]
    sides = [
        Side(
            s["party"],
            s.get("party_name", s["party"]),
            s["by"],
            _moment(s["at"]),
            acknowledged=s.get("missing") or [],
        )
        for s in signatures
    ]
    # "As signed": the first version's signatures, whatever version is shown.
    return JointQuarter(
        meeting=meeting,
        sides=sides,
        rows=rows,
        record=record,
        record_version=record.version,
        signed_at=_moment(signatures[-1]["at"]) if signatures else record.created_at,
        signers=[f"{s['by']} ({s['party']})" for s in signatures],
        from_record=True,
    )


def _record_row(
    pillar: dict, commitment: dict, planned: dict[tuple[str, str], str], names: dict[str, str]
) -> JointRow:
    parties = []
    for party in commitment["parties"]:
        short = party["party"]
        view = PartyView(
            short,
            names.get(short, short),
            None,
            planned=planned.get((commitment["reference"], short), ""),
        )
        if party.get("status"):
            view.style = style_for(party["status"])
            view.confidence = str(Confidence(party["confidence"]).label)
            view.note = party.get("note") or ""
            view.next_steps = party.get("next_steps") or ""
            view.correction_reason = party.get("correction_reason") or ""
        parties.append(view)
    agreed, closed = commitment["agreed_status"], commitment["closed_status"]
    agreement = commitment.get("agreement")
    return JointRow(
        pk=None,
        reference=commitment["reference"],
        # Records frozen before the plan had French keep their English, marked as such.
        title=localized_field(commitment, "title"),
        pillar_key=(pillar["position"], localized_field(pillar, "title")),
        parties=parties,
        standing=standing(agreed, commitment["parties_differ"], closed),
        parties_differ=commitment["parties_differ"],
        agreed=style_for(agreed) if agreed else None,
        closed=style_for(closed) if closed else None,
        agreement=(agreement["proposed_by"], agreement["accepted_by"]) if agreement else None,
        reason=agreement["reason"] if agreement else "",
    )


__all__ = [
    "AGREED",
    "AWAITING",
    "CLOSED",
    "DIFFER",
    "JointQuarter",
    "JointRow",
    "Side",
    "joint_quarter",
    "standing",
    "with_quarter_stamps",
]
