from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .access import get_plan_for_user
from .models import WorkPlan


def home(request: HttpRequest) -> HttpResponse:
    """Take a user straight to their work plan, or to the list when they have several."""
    plans = list(WorkPlan.objects.visible_to(request.user)[:2])
    if len(plans) == 1:
        plan = plans[0]
        if request.user.role == request.user.Role.OFFICIAL:
            return redirect("commitments", slug=plan.slug)
        return redirect("dashboard", slug=plan.slug)
    return redirect("plans")


def plans(request: HttpRequest) -> HttpResponse:
    visible = WorkPlan.objects.visible_to(request.user).prefetch_related("parties")
    return render(request, "workplan/plans.html", {"plans": visible})


def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    pillars = plan.pillars.prefetch_related("commitments")
    return render(request, "workplan/dashboard.html", {"plan": plan, "pillars": pillars})


def commitments(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    pillars = plan.pillars.prefetch_related("commitments")
    return render(request, "workplan/dashboard.html", {"plan": plan, "pillars": pillars})


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and compose healthchecks: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
