"""The access helpers: one per object kind, the only place that decides who sees or
changes what. Views call these; templates only mirror their answers."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from meetings.models import Meeting
from readouts.models import Readout

from .models import Commitment, CommitmentLead, User, WorkPlan


def get_plan_for_user(request: HttpRequest, slug: str) -> WorkPlan:
    """404 for a plan outside the user's plans, so its existence does not leak."""
    return get_object_or_404(WorkPlan.objects.visible_to(request.user), slug=slug)


def get_plan_for_feed_user(user: User, slug: str) -> WorkPlan:
    """A calendar feed fetched with a personal link (meetings/feeds.py): the link's user
    must still see the plan; 404 otherwise, as for a logged-in visitor."""
    return get_object_or_404(WorkPlan.objects.visible_to(user), slug=slug)


def commitments_with_access_data(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Prefetch what `Commitment.can_be_updated_by` reads, so lists ask no query per row."""
    return queryset.select_related("pillar__plan").prefetch_related(
        Prefetch("leads", CommitmentLead.objects.select_related("organization")),
        Prefetch("owners", User.objects.select_related("organization")),
    )


def get_commitment_for_user(
    request: HttpRequest, pk: int, *, for_update: bool = False
) -> Commitment:
    """404 outside the user's plans; 403 when asked for update by someone who may not."""
    queryset = commitments_with_access_data(Commitment.objects.visible_to(request.user))
    commitment = get_object_or_404(queryset, pk=pk)
    if for_update and not commitment.can_be_updated_by(request.user):
        raise PermissionDenied
    return commitment


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
