"""Stage 3: walk the lines with a small state machine that attaches items to headings, then
build the pillars (or the error that says why there are none).

Separate because this is the one place that decides what is a pillar and what is a
commitment; the stages before it only prepare lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .lines import PILLAR_RE, Line
from .parsed import ParsedCommitment, ParsedPillar, ReadoutParseError
from .vocabulary import (
    HAS_LETTER_RE,
    boundaries,
    clip,
    collapse,
    first_boundary,
    last_boundary,
    word_set,
)
from .wording import BOLD_SPAN_RE, clean_commitment, pillar_title, readable_short_title

_LEADIN_BLACKLIST_RE = re.compile(
    r"^(?:(?:media |press )?contacts?|related|tags?|share|sources?|notes?|nota|attachments?"
    r"|downloads?|links|see also|follow us|keywords|categories|topics|photos?|videos?"
    r"|contact us|for more information|participants|attendees|in attendance|delegations?)\b",
    re.IGNORECASE,
)
_SUBJECT_OPENER_RE = re.compile(
    r"^(?:the|this|these|those|we|our|they|their|it|its|both|each|today|secretary|minister"
    r"|ministers|leaders|president|prime|ambassador|officials|delegations|participants|le|la"
    r"|les|l['’]|nous|ils|elles|il|elle|ce|cette|ces|aujourd['’]hui)\b",
    re.IGNORECASE,
)
_WEAK_TITLE_RE = re.compile(
    r"^(?:the|both|we|our|they|these|each|all|les|nous|ils|elles|under this|through)\b",
    re.IGNORECASE,
)
_SUBLIST_INTRO_RE = re.compile(r"\b(?:including|such as|as follows|by|to)\s*:$", re.IGNORECASE)


def _is_leadin(line: Line) -> bool:
    text = line.text.rstrip()
    return (
        line.kind == "text"
        and text.endswith(":")
        and len(text) > 2
        and not _LEADIN_BLACKLIST_RE.match(text)
    )


def _bare_item_like(line: Line) -> bool:
    """A plain line right after a lead-in counts as an item unless it reads like prose."""
    text = line.text
    if len(text) > 600 or len(text.split()) < 2 or "@" in text:
        return False
    if text.rstrip().endswith(";") or text.lower().endswith(("; and", "; or", "; et")):
        return True
    if _SUBJECT_OPENER_RE.match(text):
        return False
    return sum(1 for _ in boundaries(text, 0, len(text))) <= 2


def _heading_like_item(line: Line) -> bool:
    words = line.text.split()
    if not words or len(words) > 12 or line.text.endswith((".", ";", ",")):
        return False
    return not _SUBLIST_INTRO_RE.search(line.text)


def _next_item(blocks: list[Line], index: int) -> tuple[Line | None, bool]:
    """The next non-text block after blocks[index], and whether a lead-in sits in between."""
    leadin_between = False
    for position in range(index + 1, len(blocks)):
        block = blocks[position]
        if block.kind != "text":
            return block, leadin_between
        leadin_between = leadin_between or _is_leadin(block)
    return None, leadin_between


def _mark_heading_items(blocks: list[Line]) -> None:
    """A numbered/bulleted line followed by deeper or different-family items is a heading.

    "1. Supply chains" followed by "a. ..." heads a pillar; "- Share approaches" followed by
    a lead-in and "1. ..." is just the last item of the previous list.
    """
    previous_item: Line | None = None
    for index, line in enumerate(blocks):
        if line.kind != "item":
            continue
        sibling = (
            previous_item is not None
            and previous_item.family == line.family
            and previous_item.indent == line.indent
            and not previous_item.is_heading_item
        )
        previous_item = line
        if sibling or line.family == "runon" or not _heading_like_item(line):
            continue
        following, leadin_between = _next_item(blocks, index)
        if following is None or following.kind != "item" or following.family == "runon":
            continue
        if leadin_between and line.family in {"bullet", "li"}:
            continue
        deeper = following.indent > line.indent
        other_family = following.family != line.family and following.indent >= line.indent
        if deeper or other_family:
            line.is_heading_item = True


@dataclass(slots=True)
class _Draft:
    heading: str
    explicit: bool
    colon: bool
    items: list[Line] = field(default_factory=list)
    bare_only: bool = True
    saw_prose: bool = False
    closed: bool = False
    # "Pillar I: Rebuilding Together": its bare lines are its items, no lead-in needed.
    labelled: bool = False


@dataclass(slots=True)
class _Assembly:
    drafts: list[_Draft] = field(default_factory=list)
    headings: int = 0
    items: int = 0
    current: _Draft | None = None

    def open(self, heading: str, explicit: bool, colon: bool, labelled: bool = False) -> None:
        self.current = _Draft(heading, explicit, colon, labelled=labelled)
        self.drafts.append(self.current)
        self.headings += 1

    def add(self, line: Line, bare: bool = False) -> None:
        if self.current is None:
            return
        self.current.items.append(line)
        self.current.bare_only = self.current.bare_only and bare
        self.items += 1


def _heading_text(line: Line, title: str | None = None) -> str:
    """A heading as published: a numbered line keeps its number ("1. Emerging technologies")."""
    text = line.text if title is None else title
    if line.kind == "item" and line.family in {"num", "dotted", "ROMAN", "ALPHA", "roman", "alpha"}:
        return f"{line.marker} {text}"
    return text


def _last_sentence(text: str) -> str:
    start = last_boundary(text, 0, len(text.rstrip(". ")))
    return text[start:].strip() if start else text.strip()


def assemble(lines: list[Line]) -> _Assembly:
    blocks = [line for line in lines if not line.role]
    _mark_heading_items(blocks)
    titled_runs = _titled_runs(blocks)
    state = _Assembly()
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        run = titled_runs.get(index)
        if run is not None and run.reads_as_pillars(state):
            titled = run.items[index]
            state.open(titled.heading, True, False)
            if titled.description is not None:
                _take(state, titled.description, following)
        else:
            _take(state, block, following)
    return state


def _take(state: _Assembly, block: Line, following: Line | None) -> None:
    """Attach one block to the pillar being built, or start the next pillar with it."""
    current = state.current
    if block.kind == "heading" or block.is_heading_item:
        labelled = block.kind == "heading" and bool(PILLAR_RE.match(block.text))
        state.open(_heading_text(block), True, block.text.endswith(":"), labelled)
    elif block.kind == "item":
        if current is None or current.closed:
            state.items += 1  # an orphan list: nothing introduces it
            return
        state.add(block)
    elif _is_leadin(block):
        absorbs = current is not None and current.explicit and not current.items
        if absorbs and (not current.saw_prose or _is_weak_leadin(block.text)):
            current.colon = True
            return
        state.open(block.text, False, True)
    else:
        _handle_text(state, block, following)


# --------------------------------------------------------------------------- titled items

# "1. Supply chains: The two sides will ..." - numbered pillars whose title runs in before a
# colon. Numbered lists only: a bulleted "Topic: ..." line is usually one commitment.
_TITLED_FAMILIES = frozenset({"num", "ROMAN", "li-ol"})
# Not the colon of a time ("10:30") or of a link ("https://").
_RUN_IN_COLON_RE = re.compile(r"\s*(?<!\d):(?![\d/])\s*")
_TITLE_MAX_WORDS = 8
# A title names a topic; ending on one of these, the words before the colon are a lead-in
# ("The sides agreed to:", "Work together on:") and the colon introduces a list.
_OPEN_TITLE_ENDINGS = word_set(
    "a an the of to on in for with by from at as and or including include includes such "
    "following follows below will shall agreed agree decided committed intend plan "
    "de du des la le les et ou pour par sur à au aux comme notamment suivants suivantes"
)


@dataclass(slots=True)
class _TitledItem:
    heading: str  # "1. Supply chains"
    # The words after the colon: the commitment, or the introduction to the item's own list.
    description: Line | None


@dataclass(slots=True)
class _TitledRun:
    items: dict[int, _TitledItem]  # by block index
    as_pillars: bool | None = None

    def reads_as_pillars(self, state: _Assembly) -> bool:
        """Decided at the run's first item. Right under a heading of its own, the numbered
        items are that pillar's commitments ("## Supply chains" / "1. Semiconductors: ...")."""
        if self.as_pillars is None:
            current = state.current
            under_own_heading = (
                current is not None
                and current.explicit
                and not current.items
                and not current.saw_prose
            )
            self.as_pillars = not under_own_heading
        return self.as_pillars


def _run_in_title(line: Line) -> tuple[str, str] | None:
    """("Supply chains", "The two sides will ...") for "1. Supply chains: The two sides ...",
    or None when the words before the first colon do not read as a title."""
    text = collapse(BOLD_SPAN_RE.sub(r"\2", line.text))
    colon = _RUN_IN_COLON_RE.search(text)
    if colon is None:
        return None
    title = text[: colon.start()].strip("*_ ")
    description = text[colon.end() :].strip("*_ ")
    words = title.split()
    if not words or len(words) > _TITLE_MAX_WORDS or not (title[0].isupper() or title[0].isdigit()):
        return None
    if words[-1].lower() in _OPEN_TITLE_ENDINGS or _SUBJECT_OPENER_RE.match(title):
        return None
    if ";" in title or first_boundary(title, 0, len(title)) is not None:
        return None
    if description and not HAS_LETTER_RE.search(description):
        return None
    return title, description


def _titled_runs(blocks: list[Line]) -> dict[int, _TitledRun]:
    """The lists whose items are pillars, by the block index of each of their items."""
    runs: dict[int, _TitledRun] = {}
    for members, with_own_list in _numbered_lists(blocks):
        run = _titled_run(blocks, members, with_own_list)
        if run is not None:
            runs.update(dict.fromkeys(run.items, run))
    return runs


def _numbered_lists(blocks: list[Line]) -> Iterator[tuple[list[int], set[int]]]:
    """Each list of sibling numbered items: their block indexes, and the indexes of those
    followed by a list of their own."""
    members: list[int] = []
    with_own_list: set[int] = set()
    for index, block in enumerate(blocks):
        place = _place_in_list(block, blocks[members[0]]) if members else "outside"
        if place == "sibling":
            members.append(index)
        elif place == "own list":
            with_own_list.add(members[-1])
        elif place == "outside":
            if members:
                yield members, with_own_list
            starts = block.kind == "item" and block.family in _TITLED_FAMILIES
            members, with_own_list = ([index] if starts else []), set()
    if members:
        yield members, with_own_list


def _place_in_list(block: Line, first: Line) -> str:
    """Where ``block`` stands in the numbered list that ``first`` starts."""
    if block.kind == "item":
        if block.indent < first.indent:
            return "outside"
        if block.family == first.family and block.indent == first.indent:
            return "sibling"
        return "own list"  # the previous item's: deeper, or marked differently
    # Prose between the items belongs to them; a heading, or a lead-in at their level, ends
    # the list.
    if block.kind == "text" and not (_is_leadin(block) and block.indent <= first.indent):
        return "between"
    return "outside"


def _titled_run(
    blocks: list[Line], members: list[int], with_own_list: set[int]
) -> _TitledRun | None:
    """The list as pillars when every item reads "Title: description" (or "Title:" over a
    list of its own). The whole list or nothing, and at least two items, so one "Note: ..."
    in an ordinary numbered list of commitments stays a commitment."""
    if len(members) < 2:
        return None
    items: dict[int, _TitledItem] = {}
    for index in members:
        found = _run_in_title(blocks[index])
        has_own_list = index in with_own_list
        if found is None or not (found[1] or has_own_list):
            return None
        items[index] = _titled_item(blocks[index], *found, has_own_list)
    if all(item.description is None for item in items.values()):
        return None  # "1. Topic:" lines over lists of their own are heading items already
    return _TitledRun(items)


def _titled_item(item: Line, title: str, description: str, has_own_list: bool) -> _TitledItem:
    if not description:
        return _TitledItem(_heading_text(item, title), None)
    # Over its own list the description introduces the commitments rather than being one.
    kind = "text" if has_own_list else "item"
    line = Line(kind, description, item.raw, item.indent, gap=item.gap)
    return _TitledItem(_heading_text(item, title), line)


def _soft_heading(block: Line, following: Line | None) -> bool:
    """A short unpunctuated line right before a lead-in names the section ("Addressing climate
    change" / "The leaders will:"), so it heads the pillar like an explicit heading would."""
    text = block.text
    return (
        following is not None
        and _is_leadin(following)
        and len(text.split()) <= 15
        and text[:1].isupper()
        and not text.endswith((".", "!", "?", ";", ",", ":"))
    )


def _handle_text(state: _Assembly, block: Line, following: Line | None) -> None:
    current = state.current
    introduces_list = (
        following is not None and following.kind == "item" and not following.is_heading_item
    )
    in_bare_list = (
        current is not None
        and (current.colon or (current.labelled and not current.saw_prose))
        and current.bare_only
    )
    # "Clean Energy" after a blank line and right before "The Ministers agreed to:" names the
    # next section, even inside a list of bare lines.
    next_section = (
        block.gap
        and following is not None
        and not following.gap
        and _soft_heading(block, following)
    )
    if in_bare_list and _bare_item_like(block) and not next_section:
        state.add(block, bare=True)
        return
    if _soft_heading(block, following):
        state.open(block.text, True, False)
        return
    if introduces_list:
        if current is not None and current.explicit and not current.items:
            return  # sub-intro under an explicit heading; the heading names the pillar
        state.open(_last_sentence(block.text), False, False)
        return
    if current is not None:
        if current.explicit:
            current.saw_prose = True
            current.colon = False
        else:
            current.closed = True


def _is_weak_title(title: str) -> bool:
    """True when a derived title names only who acts ("The ministers"), not a topic."""
    return not title.strip() or bool(_WEAK_TITLE_RE.match(title))


def _is_weak_leadin(text: str) -> bool:
    return _is_weak_title(pillar_title(text))


# --------------------------------------------------------------------------- pillars


def build_pillars(state: _Assembly) -> tuple[ParsedPillar, ...]:
    pillars = []
    for draft in state.drafts:
        commitments = []
        for item in draft.items:
            text = clean_commitment(item.text)
            if text:
                commitments.append(
                    ParsedCommitment(
                        text=text,
                        passage=collapse(item.raw),
                        short_title=readable_short_title(text),
                    )
                )
        if commitments:
            heading = collapse(BOLD_SPAN_RE.sub(r"\2", draft.heading))
            title = pillar_title(heading)
            if _is_weak_title(title):
                # "The ministers agreed to:" names no topic; the heading itself reads better
                # than a bare subject like "The ministers".
                title = clip(heading.rstrip(" :"))
            pillars.append(ParsedPillar(heading, title, tuple(commitments)))
    return tuple(pillars)


def failure(state: _Assembly) -> ReadoutParseError:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if not state.headings and not state.items:
        reason = "no pillar headings; no list items."
    elif not state.items:
        under = "it" if state.headings == 1 else "them"
        reason = f"{plural(state.headings, 'pillar heading')} but no list items under {under}."
    elif not state.headings:
        reason = f"{plural(state.items, 'list item')} but no pillar heading introducing them."
    else:
        reason = (
            f"{plural(state.headings, 'pillar heading')} and {plural(state.items, 'list item')}, "
            "but no heading has a usable list item."
        )
    return ReadoutParseError(f"No work plan found: {reason}")
