from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from workplan.access import get_plan_for_user
from workplan.diff import word_diff

from .access import get_readout_for_user
from .parser import ReadoutParseError, parse_readout
from .reconcile import match_commitments


def readout(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_readout_for_user(request, pk)
    try:
        text = parse_readout(item.raw_text).text
    except ReadoutParseError:
        text = item.raw_text
    return render(
        request,
        "readouts/readout.html",
        {"readout": item, "text": text, "plan": item.plan, "nav_section": "commitments"},
    )


def compare(request: HttpRequest, slug: str) -> HttpResponse:
    """The two governments' versions side by side, commitment by commitment, word by word."""
    plan = get_plan_for_user(request, slug)
    readouts = list(plan.readouts.select_related("organization"))
    by_id = {str(item.pk): item for item in readouts}
    left = by_id.get(request.GET.get("left", ""), readouts[0] if readouts else None)
    right = by_id.get(request.GET.get("right", ""), next((r for r in readouts if r != left), None))
    rows, error = [], None
    if left is not None and right is not None and left != right:
        try:
            left_items = [
                c.text for p in parse_readout(left.raw_text).pillars for c in p.commitments
            ]
            right_items = [
                c.text for p in parse_readout(right.raw_text).pillars for c in p.commitments
            ]
        except ReadoutParseError as exc:
            error = str(exc)
        else:
            for match in match_commitments(left_items, right_items):
                left_text = left_items[match.left] if match.left is not None else None
                right_text = right_items[match.right] if match.right is not None else None
                diff = word_diff(left_text, right_text) if left_text and right_text else None
                rows.append(
                    {
                        "number": (match.left + 1) if match.left is not None else None,
                        "left": left_text,
                        "right": right_text,
                        "score": match.score,
                        "diff": diff,
                    }
                )
    matched = sum(1 for row in rows if row["diff"] is not None)
    return render(
        request,
        "readouts/compare.html",
        {
            "plan": plan,
            "nav_section": "commitments",
            "readouts": readouts,
            "left": left,
            "right": right,
            "rows": rows,
            "matched": matched,
            "error": error,
        },
    )
