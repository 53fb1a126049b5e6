"""Import a published readout into a work plan: create the plan's pillars and commitments
from the first version, or attach a second government's version to the commitments it
matches. One transaction: a failure anywhere leaves nothing behind."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from meetings.models import Meeting
from workplan.dates import add_months
from workplan.models import Commitment, CommitmentLead, Organization, Pillar, User, WorkPlan

from .models import Passage, Readout, content_hash
from .outline_text import OutlineError, draft_outline, read_outline, write_outline
from .parser import ParsedReadout, ReadoutParseError, read_readout
from .reconcile import match_commitments
from .source_text import looks_like_html
from .wording import readable_short_title


@dataclass
class ImportResult:
    plan: WorkPlan
    readout: Readout
    parsed: ParsedReadout | None
    duplicate: bool = False
    created_plan: bool = False
    created_commitments: int = 0
    matched: int = 0
    unmatched: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do, computed without writing (admin preview, --dry-run)."""

    parsed: ParsedReadout
    duplicate_of: Readout | None
    plan: WorkPlan | None
    matches: list[tuple[Commitment | None, str | None, float]]
    # The outline shown for correction: the parser's, the admin's, or a draft when the
    # parser found no list (`problem` then says why).
    outline: str = ""
    # The source as the editor shows it beside the outline, a line per line.
    source_text: str = ""
    problem: str = ""
    outline_problems: list[str] = field(default_factory=list)

    @property
    def can_confirm(self) -> bool:
        """A draft is looked at ("Preview again") before it can be imported."""
        return not self.outline_problems and not self.problem and bool(self.parsed.pillars)


def structure(
    text: str, *, content_type: str | None = None, outline: str | None = None
) -> tuple[ParsedReadout, str]:
    """The readout with the pillars of `outline` when one is given (OutlineError when it
    has problems), else the parser's (ReadoutParseError when it found none); and the
    outline that describes them."""
    parsed, problem = read_readout(text, content_type=content_type)
    if outline is None:
        if problem is not None:
            raise problem
        return parsed, write_outline(parsed.pillars)
    pillars = read_outline(outline, parsed)
    return dataclasses.replace(parsed, pillars=pillars), outline


@dataclass(frozen=True)
class PlanSetup:
    """What makes a new plan ready to use, set on the import's preview: its title and slug,
    its parties, the lead organisation of each pillar's commitments (by pillar position),
    and its first meeting (the rest follow every `cadence_months`, up to the first one
    still to come)."""

    title: str
    slug: str
    parties: tuple[Organization, ...] = ()
    leads: dict[int, Organization] = field(default_factory=dict)
    first_meeting: datetime.datetime | None = None
    cadence_months: int = 3


SLUG_MAX_LENGTH = 40


def short_slug(title: str) -> str:
    """A slug of whole words, at most SLUG_MAX_LENGTH characters: typed in addresses."""
    words, slug = slugify(title).split("-"), ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX_LENGTH:
            break
        slug = candidate
    return slug or slugify(title)[:SLUG_MAX_LENGTH] or "work-plan"


def unique_slug(title: str) -> str:
    base = short_slug(title)
    slug, number = base, 2
    while WorkPlan.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def preview_import(
    text: str,
    *,
    plan: WorkPlan | None,
    content_type: str | None = None,
    outline: str | None = None,
) -> ImportPreview:
    """What confirming would import; never raises for a text with words in it. A text the
    parser cannot structure comes back as a draft outline with the reason, an outline with
    problems with its problems: both for the admin to correct."""
    problem, outline_problems = "", []
    try:
        parsed, outline = structure(text, content_type=content_type, outline=outline)
    except OutlineError as error:
        parsed, _ = read_readout(text, content_type=content_type)
        parsed = dataclasses.replace(parsed, pillars=())
        outline_problems = error.problems
    except ReadoutParseError as error:
        parsed, _ = read_readout(text, content_type=content_type)
        problem = str(error)
    # Plain text as typed (the parser's clean text has joined its short lines); an HTML
    # page as the parser read it.
    source_text = parsed.text if looks_like_html(text, content_type) else text
    if problem:
        outline = draft_outline(source_text)
    duplicate = (
        Readout.objects.filter(content_hash=content_hash(text)).select_related("plan").first()
    )
    matches: list[tuple[Commitment | None, str | None, float]] = []
    if plan is not None and parsed.pillars:
        existing = list(Commitment.objects.filter(pillar__plan=plan).select_related("pillar"))
        if existing:
            found = [c.text for p in parsed.pillars for c in p.commitments]
            for match in match_commitments([c.text for c in existing], found):
                matches.append(
                    (
                        existing[match.left] if match.left is not None else None,
                        found[match.right] if match.right is not None else None,
                        match.score,
                    )
                )
    return ImportPreview(
        parsed=parsed,
        duplicate_of=duplicate,
        plan=plan,
        matches=matches,
        outline=outline or "",
        source_text=source_text,
        problem=problem,
        outline_problems=outline_problems,
    )


@transaction.atomic
def import_readout(
    text: str,
    *,
    plan: WorkPlan | None = None,
    organization: Organization | None = None,
    published: datetime.date | None = None,
    url: str = "",
    user: User | None = None,
    content_type: str | None = None,
    plan_slug: str | None = None,
    outline: str | None = None,
    setup: PlanSetup | None = None,
) -> ImportResult:
    """Raises ReadoutParseError (nothing written) when no work plan is found in the text,
    OutlineError when the outline given for it has problems."""
    digest = content_hash(text)
    duplicate = Readout.objects.filter(content_hash=digest).select_related("plan").first()
    if duplicate is not None:
        return ImportResult(plan=duplicate.plan, readout=duplicate, parsed=None, duplicate=True)

    parsed, _outline = structure(text, content_type=content_type, outline=outline)
    published = published or parsed.published
    result_plan, created_plan = plan, False
    if result_plan is None:
        title = (
            (setup.title if setup else "")
            or parsed.title
            or (f"Work plan of {published:%d %B %Y}" if published else "Imported work plan")
        )
        result_plan = WorkPlan.objects.create(
            title=title[:200],
            slug=(setup.slug if setup else "") or plan_slug or unique_slug(title),
            started_on=published or timezone.localdate(),
            cadence_months=(setup.cadence_months if setup else 0) or parsed.cadence_months or 3,
        )
        created_plan = True
    if organization is not None:
        result_plan.parties.add(organization)

    readout = Readout.objects.create(
        plan=result_plan,
        organization=organization,
        title=(parsed.title or "")[:300],
        url=url,
        published_on=published,
        language=parsed.language,
        raw_text=text,
        content_hash=digest,
        imported_by=user,
    )
    result = ImportResult(
        plan=result_plan, readout=readout, parsed=parsed, created_plan=created_plan
    )
    existing = list(
        Commitment.objects.filter(pillar__plan=result_plan).order_by("pillar__position", "position")
    )
    if existing:
        _attach(parsed, readout, existing, result)
    else:
        _create(parsed, readout, result_plan, result)
    if setup is not None and created_plan:
        _set_up(result_plan, setup)
    return result


def _set_up(plan: WorkPlan, setup: PlanSetup) -> None:
    plan.parties.add(*setup.parties)
    for pillar in plan.pillars.filter(position__in=list(setup.leads)):
        organization = setup.leads[pillar.position]
        plan.parties.add(organization)
        CommitmentLead.objects.bulk_create(
            CommitmentLead(commitment=commitment, organization=organization)
            for commitment in pillar.commitments.all()
        )
    if setup.first_meeting is not None:
        now, number = timezone.now(), 0
        while True:
            starts_at = add_months(setup.first_meeting, plan.cadence_months * number)
            Meeting.objects.create(
                plan=plan,
                starts_at=starts_at,
                state=Meeting.State.HELD if starts_at <= now else Meeting.State.PLANNED,
            )
            number += 1
            if starts_at > now:
                break


def _create(parsed: ParsedReadout, readout: Readout, plan: WorkPlan, result: ImportResult) -> None:
    passages = []
    index = 0
    for pillar_position, parsed_pillar in enumerate(parsed.pillars, start=1):
        pillar = Pillar.objects.create(
            plan=plan,
            position=pillar_position,
            title=parsed_pillar.title[:200],
            lead_in=parsed_pillar.heading,
        )
        for position, parsed_commitment in enumerate(parsed_pillar.commitments, start=1):
            commitment = Commitment.objects.create(
                pillar=pillar,
                position=position,
                text=parsed_commitment.text,
                short_title=(
                    parsed_commitment.short_title or readable_short_title(parsed_commitment.text)
                )[:200],
            )
            index += 1
            passages.append(
                Passage(
                    commitment=commitment,
                    readout=readout,
                    position=index,
                    text=parsed_commitment.passage,
                    similarity=1.0,
                )
            )
    Passage.objects.bulk_create(passages)
    result.created_commitments = len(passages)


def _attach(
    parsed: ParsedReadout, readout: Readout, existing: list[Commitment], result: ImportResult
) -> None:
    """Link each passage of this version to the commitment it matches; never force a match."""
    found = [c for p in parsed.pillars for c in p.commitments]
    passages = []
    for match in match_commitments([c.text for c in existing], [c.text for c in found]):
        if match.right is None:
            continue
        if match.left is None:
            result.unmatched.append(found[match.right].text)
            continue
        passages.append(
            Passage(
                commitment=existing[match.left],
                readout=readout,
                position=match.right + 1,
                text=found[match.right].passage,
                similarity=round(match.score, 4),
            )
        )
    Passage.objects.bulk_create(passages)
    result.matched = len(passages)
