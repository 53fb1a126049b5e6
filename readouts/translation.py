"""Reconcile a readout's French version with a plan made from its English one.

Words cannot be matched across languages, but the two texts of a joint readout share their
structure: the same pillars in the same order, the same commitments in each. So the French
pillar at a position is the translation of the plan's pillar at that position, and so for
the commitments within it. A structure that differs (a pillar more, a commitment split in
two) is a problem the admin resolves in the outline editor before anything is written.

What does not translate is a check on each pair: numbers and acronyms ("5G", "G7", "2022",
"APEC") should appear in both. A difference is a warning beside the pair, not a refusal:
some acronyms do translate (OECD is OCDE in French)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from workplan.models import Commitment, Pillar, WorkPlan

from .parser import ParsedCommitment, ParsedPillar, ReadoutParseError

# A token with a digit in it, or a word of capitals: the words a translator leaves alone.
_UNTRANSLATED = re.compile(r"\b\w*\d\w*\b|\b[A-Z]{2,}\b")


def _untranslated(text: str) -> set[str]:
    return set(_UNTRANSLATED.findall(text))


@dataclass(frozen=True)
class AlignedCommitment:
    commitment: Commitment
    translation: ParsedCommitment | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class AlignedPillar:
    pillar: Pillar
    translation: ParsedPillar | None
    commitments: tuple[AlignedCommitment, ...]


@dataclass(frozen=True)
class Alignment:
    pillars: tuple[AlignedPillar, ...]
    # The structures differ: nothing can be written until the outline is corrected.
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def commitment_count(self) -> int:
        return sum(1 for p in self.pillars for c in p.commitments if c.translation)


class TranslationMismatch(ReadoutParseError):
    def __init__(self, problems: tuple[str, ...]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def align(plan: WorkPlan, pillars: tuple[ParsedPillar, ...]) -> Alignment:
    plan_pillars = list(plan.pillars.order_by("position").prefetch_related("commitments"))
    problems: list[str] = []
    if len(plan_pillars) != len(pillars):
        problems.append(
            _(
                "The plan has %(plan)d pillars and this text %(text)d: each pillar of the "
                "plan needs one here, in the same order."
            )
            % {"plan": len(plan_pillars), "text": len(pillars)}
        )
    aligned, warnings = [], []
    for index, pillar in enumerate(plan_pillars):
        translated = pillars[index] if index < len(pillars) else None
        commitments = sorted(pillar.commitments.all(), key=lambda c: c.position)
        found = translated.commitments if translated else ()
        if translated is not None and len(found) != len(commitments):
            problems.append(
                _(
                    "Pillar %(position)d has %(plan)d commitments in the plan and %(text)d "
                    "in this text: join or split them in the outline so that they pair up."
                )
                % {"position": pillar.position, "plan": len(commitments), "text": len(found)}
            )
        pairs = []
        for position, commitment in enumerate(commitments):
            translation = found[position] if position < len(found) else None
            pair_warnings = _differences(commitment, translation) if translation else ()
            warnings.extend(f"{commitment.reference}: {warning}" for warning in pair_warnings)
            pairs.append(AlignedCommitment(commitment, translation, pair_warnings))
        aligned.append(AlignedPillar(pillar, translated, tuple(pairs)))
    return Alignment(tuple(aligned), tuple(problems), tuple(warnings))


def _differences(commitment: Commitment, translation: ParsedCommitment) -> tuple[str, ...]:
    english, french = _untranslated(commitment.text), _untranslated(translation.text)
    warnings = []
    if missing := sorted(english - french):
        warnings.append(
            _("%(words)s in the English but not in this text") % {"words": ", ".join(missing)}
        )
    if added := sorted(french - english):
        warnings.append(
            _("%(words)s in this text but not in the English") % {"words": ", ".join(added)}
        )
    return tuple(warnings)
