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
from .translation import Alignment, TranslationMismatch, align
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
    # A French version of the plan's readout: how many commitments it gave French to.
    translated: int = 0
    warnings: tuple[str, ...] = ()


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
    # A French version of an existing plan's readout: each pillar and commitment beside
    # the plan's, with what does not pair up.
    alignment: Alignment | None = None

    @property
    def can_confirm(self) -> bool:
        """A draft is looked at ("Preview again") before it can be imported."""
        if self.alignment is not None and self.alignment.problems:
            return False
        return not self.outline_problems and not self.problem and bool(self.parsed.pillars)


def translates(plan: WorkPlan | None, language: str) -> bool:
    """Whether a readout in `language` gives an existing plan its French: the plan's
    pillars and commitments exist already (made from the English, the text of record)."""
    return (
        plan is not None
        and language == "fr"
        and Commitment.objects.filter(pillar__plan=plan).exists()
    )


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
    organizations = Organization.objects.values_list("short_name", flat=True)
    pillars = read_outline(outline, parsed, organizations=list(organizations))
    return dataclasses.replace(parsed, pillars=pillars), outline


@dataclass(frozen=True)
class PlanSetup:
    """What makes a new plan ready to use, set on the import's preview: its title and slug,
    its parties, the lead organisation of each pillar's commitments (by pillar position),
    and its first meeting (the rest follow every `cadence_months`, up to the first one
    still to come)."""

    title: str
    slug: str
    title_fr: str = ""
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
    language: str | None = None,
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
    alignment = None
    if translates(plan, language or parsed.language):
        alignment = align(plan, parsed.pillars)
    elif plan is not None and parsed.pillars:
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
        alignment=alignment,
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
    language: str | None = None,
    title_fr: str = "",
) -> ImportResult:
    """Raises ReadoutParseError (nothing written) when no work plan is found in the text,
    OutlineError when the outline given for it has problems, TranslationMismatch when a
    French version does not pair up with the plan's pillars and commitments."""
    digest = content_hash(text)
    duplicate = Readout.objects.filter(content_hash=digest).select_related("plan").first()
    if duplicate is not None:
        return ImportResult(plan=duplicate.plan, readout=duplicate, parsed=None, duplicate=True)

    parsed, _outline = structure(text, content_type=content_type, outline=outline)
    language = language or parsed.language
    alignment = None
    if translates(plan, language):
        alignment = align(plan, parsed.pillars)
        if alignment.problems:
            raise TranslationMismatch(alignment.problems)
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
        language=language,
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
    if alignment is not None:
        _translate(alignment, readout, result)
        result.warnings = alignment.warnings
        if title_fr:
            result_plan.title_fr = title_fr[:200]
            result_plan.save(update_fields=["title_fr"])
    elif existing:
        _attach(parsed, readout, existing, result)
    else:
        _create(parsed, readout, result_plan, result)
    if setup is not None and created_plan:
        _set_up(result_plan, setup)
    return result


def _set_up(plan: WorkPlan, setup: PlanSetup) -> None:
    if setup.title_fr:
        plan.title_fr = setup.title_fr[:200]
        plan.save(update_fields=["title_fr"])
    plan.parties.add(*setup.parties)
    for pillar in plan.pillars.filter(position__in=list(setup.leads)):
        organization = setup.leads[pillar.position]
        plan.parties.add(organization)
        # The outline's "@" lines name some commitments' leads already: those stand.
        CommitmentLead.objects.bulk_create(
            CommitmentLead(commitment=commitment, organization=organization)
            for commitment in pillar.commitments.filter(leads__isnull=True)
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
    passages, leads = [], []
    index = 0
    named = {c_lead for p in parsed.pillars for c in p.commitments for c_lead in c.leads}
    organizations = Organization.objects.in_bulk(list(named), field_name="short_name")
    plan.parties.add(*organizations.values())
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
            leads += [
                CommitmentLead(commitment=commitment, organization=organizations[name])
                for name in parsed_commitment.leads
                if name in organizations
            ]
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
    CommitmentLead.objects.bulk_create(leads)
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


def _translate(alignment: Alignment, readout: Readout, result: ImportResult) -> None:
    """Each pillar and commitment gets the French of the one at its place."""
    pillars, commitments, passages = [], [], []
    for aligned in alignment.pillars:
        aligned.pillar.title_fr = aligned.translation.title[:200]
        aligned.pillar.lead_in_fr = aligned.translation.heading
        pillars.append(aligned.pillar)
        for pair in aligned.commitments:
            commitment, french = pair.commitment, pair.translation
            commitment.text_fr = french.text
            commitment.short_title_fr = (french.short_title or readable_short_title(french.text))[
                :200
            ]
            commitments.append(commitment)
            passages.append(
                Passage(
                    commitment=commitment,
                    readout=readout,
                    position=len(passages) + 1,
                    text=french.passage,
                )
            )
    Pillar.objects.bulk_update(pillars, ["title_fr", "lead_in_fr"])
    Commitment.objects.bulk_update(commitments, ["text_fr", "short_title_fr"])
    Passage.objects.bulk_create(passages)
    result.translated = len(commitments)
