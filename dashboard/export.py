"""The open-data export (CSV and JSON): the dashboard's rows, flat."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone

from meetings.models import Action
from workplan.models import (
    Commitment,
    StatusUpdate,
    WorkPlan,
)
from workplan.status import all_styles

from .filters import Filters, local_date, parse_date, parse_filters
from .queries import NOTE_FIELDS, load_items, notes

EXPORT_COLUMNS = [
    "id",
    "pillar",
    "position",
    "text",
    "status",
    "status_label",
    "lead_organisations",
    "last_update",
    "last_note",
    "owners",
    "open_actions",
    # Which of the row's columns show the English for want of French, in a French reader's
    # export: space-separated in the CSV, a list in the JSON.
    "english_only",
]
# The export's actions (JSON only): those recorded by the date, with their state then.
ACTION_FIELDS = [
    "id",
    "text",
    "decided_at_meeting",
    "organisation",
    "owner",
    "due",
    "commitment",
    "pillar",
    "state",
    "done_on",
]


@dataclass
class Export:
    plan: WorkPlan
    filters: Filters
    as_of: datetime.date
    rows: list[dict[str, object]]
    actions: list[dict[str, object]]


def build_export(plan: WorkPlan, params: QueryDict, now: datetime.datetime | None = None) -> Export:
    """One row per commitment as of the date: commitments, leads, owners, each one's
    latest update at the cutoff and the actions recorded by then — five queries whatever
    the plan's size."""
    now = now or timezone.now()
    filters, cutoff = parse_date(params, now)
    everything = load_items(plan, cutoff, replaying=filters.as_of is not None, text=True)
    items = parse_filters(params, everything, filters)
    by_pk = {item.pk: item for item in items}
    owners = (
        Commitment.owners.through.objects.filter(commitment__pillar__plan=plan)
        .order_by("user__last_name", "user__first_name", "user__username")
        .values_list("commitment_id", "user__first_name", "user__last_name", "user__username")
    )
    for commitment_id, first, last, username in owners:
        if commitment_id in by_pk:
            by_pk[commitment_id].owners.append(f"{first} {last}".strip() or username)
    latest_ids = [item.latest_update_id for item in items if item.latest_update_id]
    latest = {
        note.commitment_id: note
        for note in notes(
            StatusUpdate.objects.filter(pk__in=latest_ids).order_by().values_list(*NOTE_FIELDS)
        )
    }
    actions = _actions(plan, cutoff, by_pk, {item.pillar.pk for item in items})
    open_on: dict[int, list[str]] = {}
    for action in actions:
        if action["state"] != "done" and action["commitment_id"] in by_pk:
            open_on.setdefault(action["commitment_id"], []).append(action["text"])
    styles = {style.key: style for style in all_styles()}
    rows = []
    for item in items:
        last = latest.get(item.pk)
        if filters.as_of is None:
            status = item.status
        else:
            status = last.new_status if last else item.initial_status
        rows.append(
            {
                "id": item.pk,
                "pillar": item.pillar.title,
                "position": item.reference,
                "text": item.text,
                "status": status,
                "status_label": styles[status].label,
                "lead_organisations": "; ".join(org.short_name for org in item.leads),
                "last_update": local_date(last.created_at).isoformat() if last else "",
                "last_note": last.note if last else "",
                "owners": "; ".join(item.owners),
                "open_actions": "; ".join(open_on.get(item.pk, [])),
                "english_only": [
                    column
                    for column, value in (("pillar", item.pillar.title), ("text", item.text))
                    if value.english_only
                ],
            }
        )
    return Export(
        plan=plan,
        filters=filters,
        as_of=filters.as_of or local_date(now),
        rows=rows,
        actions=[{name: action[name] for name in ACTION_FIELDS} for action in actions],
    )


def _actions(
    plan: WorkPlan, cutoff: datetime.datetime, commitments: dict, pillar_ids: set[int]
) -> list[dict[str, object]]:
    """The plan's actions recorded by the cutoff about the commitments or pillars exported,
    each open, overdue or done as it stood then."""
    found = []
    for action in Action.objects.of_plan(plan.pk).filter(created_at__lte=cutoff).for_display():
        about = action.commitment.pillar_id if action.commitment_id else action.pillar_id
        if action.commitment_id not in commitments and (
            action.commitment_id or about not in pillar_ids
        ):
            continue
        done = action.completed_at is not None and action.completed_at <= cutoff
        state = "done" if done else "overdue" if action.due_at < cutoff else "open"
        found.append(
            {
                "id": action.pk,
                "text": action.text,
                "decided_at_meeting": local_date(action.decision.meeting.starts_at).isoformat(),
                "organisation": action.organization.short_name,
                "owner": (action.owner.get_full_name() or action.owner.username)
                if action.owner
                else "",
                "due": local_date(action.due_at).isoformat(),
                "commitment": action.commitment.reference if action.commitment_id else None,
                "commitment_id": action.commitment_id,
                "pillar": action.commitment.pillar.position
                if action.commitment_id
                else action.pillar.position,
                "state": state,
                "done_on": local_date(action.completed_at).isoformat() if done else None,
            }
        )
    return found
