"""The meetings' access helpers: a meeting is seen by whoever sees its plan; a party's
check-in is filed only by officials of the organisation that leads the commitment."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from workplan.access import get_commitment_for_user
from workplan.models import Commitment, User, WorkPlan

from .models import Action, Meeting, StatusProposal


def get_meeting_for_user(request: HttpRequest, pk: int) -> Meeting:
    """404 for a meeting of a plan outside the user's plans."""
    queryset = Meeting.objects.select_related("plan").filter(
        plan__in=WorkPlan.objects.visible_to(request.user)
    )
    return get_object_or_404(queryset, pk=pk)


def get_commitment_for_checkin(request: HttpRequest, pk: int) -> Commitment:
    """404 outside the user's plans; 403 unless the user's organisation leads the
    commitment, so files that party's check-in (`Commitment.is_reported_on_by`): staff,
    the other party and organisations that lead nothing on it read only."""
    commitment = get_commitment_for_user(request, pk)
    if not commitment.is_reported_on_by(request.user):
        raise PermissionDenied
    return commitment


def get_meeting_for_signatory(request: HttpRequest, pk: int) -> Meeting:
    """404 as for any meeting outside the user's plans; 403 unless the user is a
    signatory of one of the plan's parties: they sign that side, and only that side."""
    meeting = get_meeting_for_user(request, pk)
    if not signs_for(request.user, meeting):
        raise PermissionDenied
    return meeting


def signs_for(user: User, meeting: Meeting) -> bool:
    """Whether the user is a signatory of one of the meeting's plan's parties. Pages ask it
    to show the signatories' forms; the helpers above enforce it."""
    if not (user.is_signatory and not user.is_read_only and user.organization_id):
        return False
    # Asked several times per page (forms, proposals, decisions): once per plan and request.
    known = user.__dict__.setdefault("_signs_for_plans", {})
    if meeting.plan_id not in known:
        known[meeting.plan_id] = meeting.plan.parties.filter(pk=user.organization_id).exists()
    return known[meeting.plan_id]


def get_proposal_for_signatory(request: HttpRequest, pk: int) -> StatusProposal:
    """404 outside the user's plans; 403 unless a signatory whose organisation leads the
    proposal's commitment (the other side answers; StatusProposal.answer_with says so)."""
    visible = WorkPlan.objects.visible_to(request.user)
    proposal = get_object_or_404(
        StatusProposal.objects.select_related("meeting__plan", "commitment"),
        pk=pk,
        meeting__plan__in=visible,
    )
    get_meeting_for_signatory(request, proposal.meeting_id)
    if not proposal.commitment.is_reported_on_by(request.user):
        raise PermissionDenied
    return proposal


def records_decisions(user: User, meeting: Meeting) -> bool:
    """Whether the user enters the meeting's decisions: a signatory of either side, or an
    admin. Staff read them (ministers' staff are read-only everywhere)."""
    return user.is_authenticated and (user.is_admin or signs_for(user, meeting))


def get_meeting_for_decisions(request: HttpRequest, pk: int) -> Meeting:
    """404 as for any meeting outside the user's plans; 403 unless `records_decisions`."""
    meeting = get_meeting_for_user(request, pk)
    if not records_decisions(request.user, meeting):
        raise PermissionDenied
    return meeting


def get_action_for_user(request: HttpRequest, pk: int, *, for_update: bool = False) -> Action:
    """404 outside the user's plans; 403 when asked for update by someone who may not
    (`Action.can_be_completed_by`)."""
    visible = WorkPlan.objects.visible_to(request.user)
    action = get_object_or_404(
        Action.objects.for_display().select_related("decision__meeting__plan"),
        pk=pk,
        decision__meeting__plan__in=visible,
    )
    if for_update and not action.can_be_completed_by(request.user):
        raise PermissionDenied
    return action
