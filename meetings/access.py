"""The meetings' access helper: a meeting is seen by whoever sees its plan."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from workplan.models import WorkPlan

from .models import Meeting


def get_meeting_for_user(request: HttpRequest, pk: int) -> Meeting:
    """404 for a meeting of a plan outside the user's plans."""
    queryset = Meeting.objects.select_related("plan").filter(
        plan__in=WorkPlan.objects.visible_to(request.user)
    )
    return get_object_or_404(queryset, pk=pk)
