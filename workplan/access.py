"""The access helpers: one per object kind, the only place that decides who sees or
changes what. Views call these; templates only mirror their answers."""

from __future__ import annotations

import functools
import json

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from meetings.models import Meeting
from readouts.models import Readout

from .models import Commitment, CommitmentLead, Organization, Pillar, User, WorkPlan


def get_plan_for_user(request: HttpRequest, slug: str) -> WorkPlan:
    """404 for a plan outside the user's plans, so its existence does not leak."""
    return get_object_or_404(WorkPlan.objects.visible_to(request.user), slug=slug)


def get_plan_for_feed_user(user: User, slug: str) -> WorkPlan:
    """A calendar feed fetched with a personal link (meetings/feeds.py): the link's user
    must still see the plan; 404 otherwise, as for a logged-in visitor."""
    return get_object_or_404(WorkPlan.objects.visible_to(user), slug=slug)


def commitments_with_access_data(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Fetch, in the same query, what `Commitment.can_be_updated_by` and the rows read,
    so neither a list nor a single commitment asks another query."""
    return queryset.select_related("pillar__plan").with_people()


def get_commitment_for_user(
    request: HttpRequest, pk: int, *, for_update: bool = False
) -> Commitment:
    """404 outside the user's plans; 403 when asked for update by someone who may not."""
    if connection.vendor == "postgresql":
        commitment = _fetch_visible_commitment(request.user, pk)
    else:
        queryset = commitments_with_access_data(Commitment.objects.visible_to(request.user))
        commitment = queryset.filter(pk=pk).first()
    if commitment is None:
        raise Http404
    if for_update and not commitment.can_be_updated_by(request.user):
        raise PermissionDenied
    return commitment


def _fetch_visible_commitment(user: User, pk: int) -> Commitment | None:
    """What `commitments_with_access_data(Commitment.objects.visible_to(user))` gives for
    one commitment, as one constant SQL text that the connection prepares once.

    Every status update starts here, and building and compiling the ORM query cost four
    times the database's work (1.9 ms of 2.1 ms on the benchmark machine), which kept an
    htmx update at three times a bare UPDATE (bench/bench_status_update.py). The
    visibility rule is WorkPlan.objects.visible_to's: admins see every plan, others the
    plans their organisation is a party to; tests/commitments/test_permissions.py holds
    both to it."""
    if not user.is_authenticated:
        return None
    with connection.cursor() as cursor:
        cursor.execute(_visible_commitment_sql(), [pk, user.is_admin, user.organization_id])
        row = cursor.fetchone()
    if row is None:
        return None
    values = iter(row)
    commitment, pillar, plan = (
        _from_row(model, values) for model in (Commitment, Pillar, WorkPlan)
    )
    pillar.plan, commitment.pillar = plan, pillar
    lead_rows, owner_rows = (json.loads(rows) if rows else [] for rows in values)
    # The same attributes `CommitmentQuerySet.with_people()` annotates.
    commitment.lead_rows, commitment.owner_rows = lead_rows, owner_rows
    return commitment


def _from_row(model: type[Model], values) -> Model:
    fields = model._meta.concrete_fields
    row = []
    for field, value in zip(fields, values, strict=False):
        if value is not None and hasattr(field, "from_db_value"):
            value = field.from_db_value(value, None, connection)
        row.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], row)


@functools.cache
def _visible_commitment_sql() -> str:
    quote = connection.ops.quote_name

    def columns(alias: str, model: type[Model]) -> str:
        return ", ".join(f"{alias}.{quote(f.column)}" for f in model._meta.concrete_fields)

    def table(model: type[Model]) -> str:
        return quote(model._meta.db_table)

    def column(model: type[Model], name: str) -> str:
        return quote(model._meta.get_field(name).column)

    parties, owners = WorkPlan.parties.through, Commitment.owners.through
    organization = (
        "'organization_id', o.id, 'organization_name', o.name, "
        "'organization_short_name', o.short_name, 'organization_country_code', o.country_code"
    )
    # Identifiers come from the models' metadata; every value is a parameter.
    return (
        f"SELECT {columns('c', Commitment)}, {columns('p', Pillar)}, {columns('w', WorkPlan)},"  # noqa: S608
        f" (SELECT JSONB_AGG(JSONB_BUILD_OBJECT('id', l.id, {organization}))"
        f" FROM {table(CommitmentLead)} l JOIN {table(Organization)} o"
        f" ON o.id = l.{column(CommitmentLead, 'organization')}"
        f" WHERE l.{column(CommitmentLead, 'commitment')} = c.id),"
        f" (SELECT JSONB_AGG(JSONB_BUILD_OBJECT('id', u.id, 'username', u.username,"
        f" 'first_name', u.first_name, 'last_name', u.last_name, {organization}))"
        f" FROM {table(owners)} co JOIN {table(User)} u ON u.id = co.{column(owners, 'user')}"
        f" LEFT JOIN {table(Organization)} o ON o.id = u.{column(User, 'organization')}"
        f" WHERE co.{column(owners, 'commitment')} = c.id)"
        f" FROM {table(Commitment)} c"
        f" JOIN {table(Pillar)} p ON p.id = c.{column(Commitment, 'pillar')}"
        f" JOIN {table(WorkPlan)} w ON w.id = p.{column(Pillar, 'plan')}"
        " WHERE c.id = %s AND (%s OR EXISTS (SELECT 1"
        f" FROM {table(parties)} wp WHERE wp.{column(parties, 'workplan')} = w.id"
        f" AND wp.{column(parties, 'organization')} = %s))"
    )


def get_meeting_for_user(request: HttpRequest, pk: int) -> Meeting:
    queryset = Meeting.objects.select_related("plan").filter(
        plan__in=WorkPlan.objects.visible_to(request.user)
    )
    return get_object_or_404(queryset, pk=pk)


def get_readout_for_user(request: HttpRequest, pk: int) -> Readout:
    queryset = Readout.objects.select_related("plan", "organization").filter(
        plan__in=WorkPlan.objects.visible_to(request.user)
    )
    return get_object_or_404(queryset, pk=pk)
