from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, retarget

from .access import commitments_with_access_data, get_commitment_for_user, get_plan_for_user
from .forms import CommitmentFilterForm, CommitmentStatusForm
from .models import Commitment, CommitmentLead, StatusUpdate, User, VersionConflict, WorkPlan
from .quarters import Quarter
from .status import all_styles, style_for

LIST_TEMPLATE = "workplan/commitments.html"
DETAIL_TEMPLATE = "workplan/commitment.html"


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


def _mark_editable(commitments: list[Commitment], user: User) -> list[Commitment]:
    # Templates cannot pass the user to a method; the rule itself stays on the model.
    for commitment in commitments:
        commitment.can_update = commitment.can_be_updated_by(user)
        commitment.can_report = commitment.is_reported_on_by(user)
        commitment.status_style = style_for(commitment.status)
    return commitments


def show_latest(commitment: Commitment, update: StatusUpdate | None, user: User) -> None:
    """What the #row partial reads besides the commitment: its latest update (what
    `with_last_update()` annotates on the list) and what the user may do with it. Also
    for the apps above that answer with a row (meetings' check-in)."""
    commitment.last_update_at = update.created_at if update else None
    commitment.last_note = update.note if update else ""
    _mark_editable([commitment], user)


def _filtered_commitments(
    plan: WorkPlan, user: User, filters: CommitmentFilterForm, quarter: Quarter
) -> QuerySet[Commitment]:
    queryset = Commitment.objects.filter(pillar__plan=plan)
    if filters.is_valid():
        wanted = filters.cleaned_data
        if wanted["pillar"]:
            queryset = queryset.filter(pillar=wanted["pillar"])
        if wanted["status"]:
            queryset = queryset.filter(status=wanted["status"])
        if wanted["lead"]:
            queryset = queryset.filter(leads__organization=wanted["lead"])
        if wanted["mine"]:
            queryset = queryset.filter(pk__in=Commitment.objects.editable_by(user).values("pk"))
        if wanted["stale"]:
            queryset = queryset.stale_in(quarter)
    own_lead = CommitmentLead.objects.filter(
        commitment=OuterRef("pk"), organization=user.organization_id
    )
    # Within a pillar the official's own organisation's files come first: those are theirs
    # to report on.
    queryset = queryset.annotate(own_lead=Exists(own_lead)).order_by(
        "pillar__position", F("own_lead").desc(), "position", "pk"
    )
    return commitments_with_access_data(queryset.with_last_update())


@require_safe
@vary_on_headers("HX-Request")
def commitments(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    filters = CommitmentFilterForm(request.GET, plan=plan)
    quarter = Quarter.current(plan, timezone.now())
    rows = _mark_editable(
        list(_filtered_commitments(plan, request.user, filters, quarter)), request.user
    )
    context = {
        "plan": plan,
        "nav_section": "commitments",
        "filters": filters,
        "commitments": rows,
        "stale_since": quarter.start,
    }
    # A history restore (back button) needs the whole page, not the list alone.
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, f"{LIST_TEMPLATE}#list", context)
    return render(request, LIST_TEMPLATE, context)


def _detail_context(request: HttpRequest, commitment: Commitment) -> dict:
    plan = commitment.pillar.plan
    next_meeting = plan.meetings.upcoming().select_related("plan").order_by("starts_at").first()
    history = list(commitment.updates.select_related("author", "organization"))
    for update in history:
        update.old_style, update.new_style = (
            style_for(update.old_status),
            style_for(update.new_status),
        )
    _mark_editable([commitment], request.user)
    passages = list(
        commitment.passages.select_related("readout__organization").order_by(
            "readout__published_on", "readout_id"
        )
    )
    return {
        "plan": plan,
        "nav_section": "commitments",
        "commitment": commitment,
        "history": history,
        "next_meeting": next_meeting,
        "passages": passages,
    }


@require_safe
def commitment(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_commitment_for_user(request, pk)
    return render(request, DETAIL_TEMPLATE, _detail_context(request, commitment))


def _form_response(
    request: HttpRequest,
    commitment: Commitment,
    form: CommitmentStatusForm,
    *,
    status: int = 200,
    conflicted: bool = False,
    conflict: StatusUpdate | None = None,
) -> HttpResponse:
    if request.htmx:
        context = {
            "commitment": commitment,
            "form": form,
            "conflicted": conflicted,
            "conflict": conflict,
            "inline": True,
        }
        response = render(request, f"{LIST_TEMPLATE}#status_form", context, status=status)
        if request.method == "POST":
            # The form replaces itself: what the official typed stays, with the errors or
            # the conflict above it, instead of the row it would replace on success.
            retarget(response, f"#commitment-{commitment.pk}-form")
            reswap(response, "outerHTML")
        return response
    context = _detail_context(request, commitment)
    context.update(form=form, conflicted=conflicted, conflict=conflict, inline=False)
    return render(request, DETAIL_TEMPLATE, context, status=status)


@require_http_methods(["GET", "POST"])
@vary_on_headers("HX-Request")
def commitment_status(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = get_commitment_for_user(request, pk, for_update=True)
    if request.method == "GET":
        return _form_response(request, commitment, CommitmentStatusForm(commitment=commitment))

    form = CommitmentStatusForm(request.POST, commitment=commitment)
    if not form.is_valid():
        return _form_response(request, commitment, form, status=422)
    data = form.cleaned_data
    try:
        update = commitment.record_status(
            author=request.user,
            status=data["status"],
            expected_version=data["version"],
            note=data["note"],
            evidence_url=data["evidence_url"],
            target_date=data["target_date"],
        )
    except VersionConflict:
        # Keep the draft but move it to the version now in the database, so one click
        # re-applies it knowingly over the other official's change.
        draft = request.POST.copy()
        draft["version"] = str(commitment.version)
        redraft = CommitmentStatusForm(draft, commitment=commitment)
        redraft.is_valid()
        latest = commitment.updates.select_related("author", "organization").first()
        # The row beside the form shows what beat the draft (see the #row_main partial).
        show_latest(commitment, latest, request.user)
        return _form_response(
            request, commitment, redraft, status=409, conflicted=True, conflict=latest
        )

    if request.htmx:
        show_latest(commitment, update, request.user)
        context = {"commitment": commitment, "just_updated": True}
        return render(request, f"{LIST_TEMPLATE}#row", context)
    messages.success(
        request,
        _("Commitment %(reference)s is now “%(status)s”; the update is in its history.")
        % {"reference": commitment.reference, "status": commitment.get_status_display()},
    )
    return redirect("commitment", pk=commitment.pk)


@require_safe
@vary_on_headers("HX-Request")
def commitment_row(request: HttpRequest, pk: int) -> HttpResponse:
    """One row of the list again, e.g. when an official cancels the inline form."""
    commitment = get_commitment_for_user(request, pk)
    if not request.htmx:
        return redirect("commitment", pk=commitment.pk)
    show_latest(commitment, commitment.updates.only("created_at", "note").first(), request.user)
    # Focus returns to the row's Update link, where the official was before opening the form.
    return render(request, f"{LIST_TEMPLATE}#row", {"commitment": commitment, "restored": True})


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and compose healthchecks: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_safe
@cache_control(public=True, max_age=3600)
def status_css(request: HttpRequest) -> HttpResponse:
    """The statuses' colours as a stylesheet, written from workplan/status.py: the one
    definition, so no CSS file repeats them (and CSP needs no inline style)."""
    # No request context: a stylesheet needs no user, messages or CSRF token.
    css = render_to_string("workplan/statuses.css", {"styles": all_styles()})
    return HttpResponse(css, content_type="text/css")
