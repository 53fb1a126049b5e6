"""The readouts' access helper: a readout is seen by whoever sees its plan."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from workplan.models import WorkPlan

from .models import Readout


def get_readout_for_user(request: HttpRequest, pk: int) -> Readout:
    """404 for a readout of a plan outside the user's plans."""
    queryset = Readout.objects.select_related("plan", "organization").filter(
        plan__in=WorkPlan.objects.visible_to(request.user)
    )
    return get_object_or_404(queryset, pk=pk)
