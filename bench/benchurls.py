"""Bench-only URLconf: the app's URLs plus a bare view that performs a single UPDATE in a
transaction, the floor an htmx status update is measured against. Never in the app."""

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as app_urlpatterns
from workplan.models import Commitment


@require_POST
def bare_update(request: HttpRequest, pk: int) -> HttpResponse:
    with transaction.atomic():
        Commitment.objects.filter(pk=pk).update(updated_at=timezone.now())
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare-update/<int:pk>/", bare_update), *app_urlpatterns]
