"""The quarterly dashboard, its printable briefing and the open-data exports. All read-only:
GET (and HEAD) only, so a POST gets 405 and nothing on these pages writes."""

from __future__ import annotations

import csv
import hashlib
import json
import re

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from workplan.access import get_plan_for_user
from workplan.language import reader_language
from workplan.models import WorkPlan
from workplan.status import all_styles

from .board import Board, build_board
from .export import EXPORT_COLUMNS, Export, build_export
from .filters import next_midnight
from .joint import joint_quarter
from .models import PlanRevision
from .trend import CHART_BOTTOM, CHART_HEIGHT, CHART_LEFT, CHART_TOP, CHART_WIDTH, trend_columns

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
ENGLISH_ONLY = EXPORT_COLUMNS.index("english_only")


@require_safe
@vary_on_headers("HX-Request")
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    content = _dashboard_content(request, plan)
    if request.htmx:
        return HttpResponse(content)
    context = {"plan": plan, "content": content, "styles": all_styles(), "nav_section": "dashboard"}
    return render(request, "dashboard/dashboard.html", context)


def _dashboard_content(request: HttpRequest, plan: WorkPlan) -> SafeString:
    """The dashboard below its title, rendered once per state of the data and shared by
    every reader: staff open the same page many times before a meeting, and on a large
    plan building it costs several times what serving it from the cache does
    (bench/bench_dashboard.py). It shows the same to everyone who may see the plan."""
    key = _dashboard_cache_key(request, plan) if settings.DASHBOARD_CACHE_SECONDS else None
    if key is not None and (cached := cache.get(key)) is not None:
        return mark_safe(cached)  # noqa: S308 - our own rendering, stored as it was made
    board = build_board(plan, request.GET)
    context = {
        "plan": plan,
        "board": board,
        "joint": joint_quarter(board),
        "styles": all_styles(),
        "columns": trend_columns(board.trend),
        "chart": {
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "top": CHART_TOP,
            "bottom": CHART_BOTTOM,
            "labels_y": CHART_BOTTOM + 12,
            "left": CHART_LEFT,
        },
    }
    content = render_to_string("dashboard/dashboard.html#content", context, request)
    if key is not None:
        cache.set(key, str(content), _seconds_it_stays_true(board))
    return content


def _dashboard_cache_key(request: HttpRequest, plan: WorkPlan) -> str | None:
    """Everything the content depends on: the plan's data (its revision, which only
    writes in this plan raise), the plan, the query string, the language, the reader's
    time zone and the day both there and in the site's zone (where `as_of` dates are
    read)."""
    revision = PlanRevision.objects.current(plan)
    if revision is None:
        return None
    # Sorted by name, each name's values in their order: `org=A&org=B` is not `org=B&org=A`.
    query = sorted(request.GET.lists())
    parts = [
        *map(str, revision),
        str(plan.pk),
        json.dumps(query),
        translation.get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate().isoformat(),
        timezone.localdate(timezone=timezone.get_default_timezone()).isoformat(),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"dashboard:{digest}"


def _seconds_it_stays_true(board: Board) -> int:
    """Until the next moment the page would say something else with the same data: the
    next meeting starts (a new quarter), its check-in deadline passes, or midnight, the
    reader's or the site's."""
    now = board.now
    moments = [
        next_midnight(timezone.localtime(now, zone).date(), zone)
        for zone in (timezone.get_current_timezone(), timezone.get_default_timezone())
    ]
    if (meeting := board.quarter.next) is not None:
        moments += [meeting.starts_at, meeting.checkin_deadline]
    ahead = [(moment - now).total_seconds() for moment in moments if moment > now]
    return max(1, min([settings.DASHBOARD_CACHE_SECONDS, *(int(seconds) for seconds in ahead)]))


@require_safe
def briefing(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    board = build_board(plan, request.GET, full=True, trend=False)
    context = {
        "plan": plan,
        "board": board,
        "joint": joint_quarter(board),
        "styles": all_styles(),
        "prepared_on": timezone.localtime(board.now),
        "nav_section": "dashboard",
    }
    return render(request, "dashboard/briefing.html", context)


def neutralise(value: object) -> object:
    """Defuse spreadsheet formula injection: a leading quote makes the cell plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def export_filename(export: Export, extension: str) -> str:
    parts = [export.plan.slug, export.as_of.isoformat()]
    if export.filters.organization is not None:
        parts.append(export.filters.organization.short_name)
    if export.filters.pillar is not None:
        parts.append(f"pillar-{export.filters.pillar.position}")
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", "_".join(parts))
    return f"{name}.{extension}"


def refused(export: Export) -> HttpResponse | None:
    """A download is data someone will reuse: refuse bad input rather than guess."""
    if not export.filters.errors:
        return None
    return HttpResponseBadRequest("\n".join(export.filters.errors), content_type="text/plain")


@require_safe
def export_csv(request: HttpRequest, slug: str) -> HttpResponse:
    export = build_export(get_plan_for_user(request, slug), request.GET)
    if problem := refused(export):
        return problem
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(export, "csv")}"'
    # The byte-order mark tells spreadsheet programs the file is UTF-8 (accents, dashes).
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(EXPORT_COLUMNS)
    for row in export.rows:
        cells = [neutralise(row[column]) for column in EXPORT_COLUMNS]
        # A list in the JSON; here one cell of column names, none of them a formula.
        cells[ENGLISH_ONLY] = " ".join(row["english_only"])
        writer.writerow(cells)
    return response


@require_safe
def export_json(request: HttpRequest, slug: str) -> HttpResponse:
    export = build_export(get_plan_for_user(request, slug), request.GET)
    if problem := refused(export):
        return problem
    payload = {
        "plan": {"slug": export.plan.slug, "title": export.plan.localized("title")},
        "as_of": export.as_of.isoformat(),
        # The language the plan's words are given in: the reader's, with the English standing
        # in where a commitment's `english_only` says.
        "language": reader_language(),
        "filters": {
            "org": export.filters.organization.short_name if export.filters.organization else None,
            "pillar": export.filters.pillar.position if export.filters.pillar else None,
        },
        "columns": EXPORT_COLUMNS,
        "commitments": export.rows,
        "actions": export.actions,
    }
    response = HttpResponse(
        json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(export, "json")}"'
    return response
