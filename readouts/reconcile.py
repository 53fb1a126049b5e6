"""Match commitments across two published versions of a readout and diff their wording.

The U.S. and Canadian releases of one readout carry the same commitments with small
editorial differences ("As it pertains to" vs "specifically on", capitalised "ESG"
terms). ``match_commitments`` pairs them one-to-one by text similarity without ever
forcing a pair; ``workplan.diff.word_diff`` shows what changed between two matched texts.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

__all__ = ["Match", "match_commitments", "similarity"]


@dataclass(frozen=True)
class Match:
    left: int | None
    right: int | None
    score: float


def _words(text: str) -> frozenset[str]:
    """A vocabulary written as one space-separated string, for compact word lists."""
    return frozenset(text.split())


_TOKEN_RE = re.compile(r"[^\W_]+")
# Function words carry alignment for SequenceMatcher but say nothing about topic, so the
# overlap half of the score ignores them; otherwise any two commitments share "to the of".
_STOPWORDS = _words(
    "a an and as at be by for from in into of on or the their to with its it is are that this "
    "these those such including other more all any both each our will le la les des et du de d "
    "l en pour avec sur une un au aux dans par"
)


def _tokens(text: str) -> tuple[str, ...]:
    folded = text.casefold()
    if not folded.isascii():
        # "coopération" and "cooperation" are the same word across the two versions.
        folded = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return tuple(_TOKEN_RE.findall(folded))


def _content(tokens: tuple[str, ...]) -> Counter[str]:
    return Counter(token for token in tokens if token not in _STOPWORDS)


def _dice(left: Counter[str], right: Counter[str]) -> float:
    """Multiset overlap 2|A∩B| / (|A|+|B|); Counter's & operator is much slower."""
    total = left.total() + right.total()
    if not total:
        return 0.0
    shared = sum(min(left[word], right[word]) for word in left.keys() & right.keys())
    return 2.0 * shared / total


def _score(matcher: SequenceMatcher, left_bag: Counter[str], right_bag: Counter[str]) -> float:
    """Mean of word-sequence ratio (order, phrasing) and content-word overlap (topic)."""
    if not matcher.a or not matcher.b:
        return 0.0
    return (matcher.ratio() + _dice(left_bag, right_bag)) / 2


def _upper_bound(left_all: Counter[str], right_all: Counter[str], overlap: float) -> float:
    """A cheap ceiling on _score: the multiset overlap of all words bounds the sequence
    ratio (it is difflib's quick_ratio), so hopeless pairs skip the full alignment."""
    return (_dice(left_all, right_all) + overlap) / 2


def similarity(left: str, right: str) -> float:
    """Similarity of two commitment texts in 0..1, ignoring case, accents and punctuation."""
    left_tokens, right_tokens = _tokens(left), _tokens(right)
    matcher = SequenceMatcher(None, left_tokens, right_tokens, autojunk=False)
    return _score(matcher, _content(left_tokens), _content(right_tokens))


def match_commitments(
    left: Sequence[str], right: Sequence[str], *, threshold: float = 0.5
) -> list[Match]:
    """Pair items of two commitment lists one-to-one, best pairs first.

    Pairs scoring below ``threshold`` are never made, so an item present in one version
    only stays unmatched. The result lists every left item in order (``right=None`` when
    unmatched), then the unmatched right items in order.
    """
    left_tokens = [_tokens(text) for text in left]
    right_tokens = [_tokens(text) for text in right]
    left_bags = [_content(tokens) for tokens in left_tokens]
    right_bags = [_content(tokens) for tokens in right_tokens]
    left_all = [Counter(tokens) for tokens in left_tokens]
    right_all = [Counter(tokens) for tokens in right_tokens]

    candidates: list[tuple[float, int, int, int]] = []
    matcher = SequenceMatcher(None, autojunk=False)
    for j, tokens_j in enumerate(right_tokens):
        matcher.set_seq2(tokens_j)
        for i, tokens_i in enumerate(left_tokens):
            if not tokens_i or not tokens_j:
                continue
            overlap = _dice(left_bags[i], right_bags[j])
            if _upper_bound(left_all[i], right_all[j], overlap) < threshold:
                continue
            matcher.set_seq1(tokens_i)
            score = (matcher.ratio() + overlap) / 2
            if score >= threshold and score > 0:
                # Ties go to the pair closest in list position: versions keep their order.
                candidates.append((-score, abs(i - j), i, j))
    candidates.sort()

    left_to_right: dict[int, tuple[int, float]] = {}
    taken_right: set[int] = set()
    for negative_score, _, i, j in candidates:
        if i in left_to_right or j in taken_right:
            continue
        left_to_right[i] = (j, -negative_score)
        taken_right.add(j)

    matches = [
        Match(i, left_to_right[i][0], round(left_to_right[i][1], 4))
        if i in left_to_right
        else Match(i, None, 0.0)
        for i in range(len(left))
    ]
    matches.extend(Match(None, j, 0.0) for j in range(len(right)) if j not in taken_right)
    return matches
