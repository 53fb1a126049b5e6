"""Time the readout parser and reconciler; run by hand: ``python bench/bench_parser.py``.

Prints the median (and min/max) wall time over N runs for:
- parsing each seed readout (about 3,600 characters each),
- parsing a generated 500-bullet document,
- reconciling the two seeds (match_commitments + a word_diff per matched pair).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from readouts.parser import parse_readout  # noqa: E402
from readouts.reconcile import match_commitments  # noqa: E402
from workplan.diff import word_diff  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "readouts"
US_SEED = FIXTURES / "2021-11-03_us-commerce_press-release.txt"
CA_SEED = FIXTURES / "2021-11-03_ised-canada_newswire.txt"


def five_hundred_bullets() -> str:
    bullets = "\n".join(
        f"• Deliver project number {n} to strengthen supply chain resilience and share "
        f"lessons learned with partners;"
        for n in range(1, 501)
    )
    return f"Joint Work Plan\n\nNovember 3, 2021\n\nThe ministers agreed to:\n\n{bullets}\n"


def timings(action: Callable[[], object], runs: int) -> list[float]:
    action()  # warm up caches (regex compilation happens at import, but be fair anyway)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def reconcile_seeds(us_text: str, ca_text: str) -> None:
    us = [c.text for p in parse_readout(us_text).pillars for c in p.commitments]
    ca = [c.text for p in parse_readout(ca_text).pillars for c in p.commitments]
    for match in match_commitments(us, ca):
        if match.left is not None and match.right is not None:
            word_diff(us[match.left], ca[match.right])


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("-n", "--runs", type=int, default=50, help="runs per case (default 50)")
    runs = options.parse_args().runs

    us_text = US_SEED.read_text(encoding="utf-8")
    ca_text = CA_SEED.read_text(encoding="utf-8")
    big = five_hundred_bullets()
    us_flat = [c.text for p in parse_readout(us_text).pillars for c in p.commitments]
    ca_flat = [c.text for p in parse_readout(ca_text).pillars for c in p.commitments]

    cases: list[tuple[str, int, Callable[[], object], float]] = [
        ("parse US seed (text)", len(us_text), lambda: parse_readout(us_text), 0.050),
        ("parse CA seed (newswire)", len(ca_text), lambda: parse_readout(ca_text), 0.050),
        ("parse 500-bullet document", len(big), lambda: parse_readout(big), 1.0),
        ("match 11 x 11 seed commitments", 0, lambda: match_commitments(us_flat, ca_flat), 0.050),
        ("parse both seeds + match + diff", 0, lambda: reconcile_seeds(us_text, ca_text), 0.150),
    ]

    print(f"readout parser benchmark, {runs} runs each (Python {sys.version.split()[0]})")
    header = f"{'case':34} {'chars':>7} {'median':>10} {'min':>10} {'max':>10} {'budget':>8}"
    print(header)
    print("-" * len(header))
    for name, size, action, budget in cases:
        samples = timings(action, runs)
        median = statistics.median(samples)
        verdict = "ok" if median < budget else "SLOW"
        print(
            f"{name:34} {size or '':>7} {median * 1000:>8.2f}ms {min(samples) * 1000:>8.2f}ms "
            f"{max(samples) * 1000:>8.2f}ms {verdict:>8}"
        )


if __name__ == "__main__":
    main()
