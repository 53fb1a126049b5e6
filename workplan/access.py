"""The access helpers of the work plan's objects: one per object kind, the only place that
decides who sees or changes what. Views call these; templates only mirror their answers.
The apps above keep theirs beside their models (meetings/access.py, readouts/access.py), on
top of `WorkPlan.objects.visible_to`, the one visibility rule."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .models import Commitment, User, WorkPlan


def get_plan_for_user(request: HttpRequest, slug: str) -> WorkPlan:
    """404 for a plan outside the user's plans, so its existence does not leak."""
    return get_object_or_404(WorkPlan.objects.visible_to(request.user), slug=slug)


def get_plan_for_feed_user(user: User, slug: str) -> WorkPlan:
    """A calendar feed fetched with a personal link (meetings/feeds.py): the link's user
    must still see the plan; 404 otherwise, as for a logged-in visitor."""
    return get_object_or_404(WorkPlan.objects.visible_to(user), slug=slug)


def commitments_with_access_data(queryset: QuerySet[Commitment]) -> QuerySet[Commitment]:
    """Fetch, in the list's query, what `Commitment.can_be_updated_by` and the rows read,
    so a list asks no query per row."""
    return queryset.select_related("pillar__plan").with_people()


def get_commitment_for_user(
    request: HttpRequest, pk: int, *, for_update: bool = False
) -> Commitment:
    """404 outside the user's plans; 403 when asked for update by someone who may not.
    The leads and owners the check reads come from `lead_list` and `owner_list`."""
    queryset = Commitment.objects.visible_to(request.user).select_related("pillar__plan")
    try:
        commitment = queryset.get(pk=pk)
    except Commitment.DoesNotExist:
        raise Http404 from None
    if for_update and not commitment.can_be_updated_by(request.user):
        raise PermissionDenied
    return commitment
