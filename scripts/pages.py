"""Every page of the app, with real arguments from the demo plan: used by the tests that
check login is required everywhere and by the embedded (SQLite) smoke check."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse

# Routes that are public on purpose, or belong to Django admin (which has its own login).
PUBLIC = {"login", "logout", "set_language", "healthz", "status_css"}
SKIP_PREFIXES = ("admin/", "favicon.ico")


def _walk(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def app_pages(plan) -> list[tuple[str, str]]:
    """(url name, path) of every app page, filled in with objects of `plan`."""
    from meetings.models import Action, Meeting, StatusProposal
    from readouts.models import Readout
    from workplan.models import Commitment

    commitment = Commitment.objects.filter(pillar__plan=plan).order_by("pk").first()
    readout = Readout.objects.filter(plan=plan).order_by("pk").first()
    meeting = Meeting.objects.filter(plan=plan).order_by("pk").first()
    proposal = StatusProposal.objects.filter(meeting__plan=plan).order_by("pk").first()
    action = Action.objects.of_plan(plan.pk).order_by("pk").first()
    pages = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if pattern.name in PUBLIC or route.startswith(SKIP_PREFIXES) or not pattern.name:
            continue
        kwargs = {}
        for key in pattern.pattern.converters:
            if key == "slug":
                kwargs[key] = plan.slug
            elif key == "pk" and route.startswith("meetings/"):
                kwargs[key] = meeting.pk
            elif key == "commitment_pk":
                kwargs[key] = commitment.pk
            elif key == "pk" and route.startswith("proposals/"):
                kwargs[key] = proposal.pk if proposal else 0
            elif key == "pk" and route.startswith("actions/"):
                kwargs[key] = action.pk if action else 0
            elif key == "pk" and route.startswith("readouts/"):
                kwargs[key] = readout.pk
            elif key == "pk":
                kwargs[key] = commitment.pk
            else:
                raise LookupError(f"no sample value for <{key}> in {route}")
        pages.append((pattern.name, reverse(pattern.name, kwargs=kwargs)))
    return pages
