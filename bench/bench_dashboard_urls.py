"""Bench-only URLconf: the app's URLs plus a bare view that runs one query, the floor the
dashboard is measured against. Never part of the app's URLs."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as app_urlpatterns
from workplan.models import Commitment


def bare(request: HttpRequest, slug: str) -> HttpResponse:
    rows = list(Commitment.objects.filter(pillar__plan__slug=slug).values_list("id", "status"))
    return HttpResponse(f"{len(rows)} commitments", content_type="text/plain")


urlpatterns = [path("bench/bare/<slug:slug>/", bare), *app_urlpatterns]
