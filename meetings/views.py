from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from workplan.access import get_plan_for_user


def meetings(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    return render(
        request, "meetings/meetings.html", {"plan": plan, "meetings": plan.meetings.all()}
    )
