from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from workplan.dates import add_months

from .models import Action, CheckIn, Decision, Meeting, MeetingRecord, Reminder, SignOff


def propose_next(plan) -> tuple[Meeting, bool]:
    """The meeting `cadence_months` after the plan's latest meeting already held (or the
    latest one at all if none has been held). Idempotent: the same click proposes the same
    date again, and the unique (plan, starts_at) constraint keeps it a single row."""
    meetings = Meeting.objects.not_cancelled().filter(plan=plan).order_by("-starts_at")
    base = meetings.filter(starts_at__lte=timezone.now()).first() or meetings.first()
    if base is None:
        raise Meeting.DoesNotExist
    # In the site's zone: a 10:00 meeting in August is followed by a 10:00 one in November,
    # whatever daylight-saving time does to the offset in between.
    local = timezone.localtime(base.starts_at, timezone.get_default_timezone())
    starts_at = add_months(local, plan.cadence_months)
    return Meeting.objects.get_or_create(
        plan=plan,
        starts_at=starts_at,
        defaults={"location": base.location, "state": Meeting.State.PLANNED},
    )


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["starts_at", "plan", "location", "state", "checkin_deadline"]
    list_filter = ["plan", "state"]
    list_select_related = ["plan"]
    date_hierarchy = "starts_at"
    search_fields = ["location", "plan__title"]
    actions = ["propose_next_meeting"]

    @admin.display(description=_("check-in deadline"))
    def checkin_deadline(self, meeting: Meeting) -> str:
        return date_format(timezone.localtime(meeting.checkin_deadline), "DATETIME_FORMAT")

    @admin.action(description=_("Propose next meeting (plan's cadence after the latest held)"))
    def propose_next_meeting(self, request: HttpRequest, queryset: QuerySet[Meeting]) -> None:
        plans = {meeting.plan_id: meeting.plan for meeting in queryset.select_related("plan")}
        for plan in plans.values():
            meeting, created = propose_next(plan)
            when = date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
            if created:
                self.message_user(
                    request,
                    gettext("Proposed a meeting of “%(plan)s” on %(when)s.")
                    % {"plan": plan, "when": when},
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    gettext("“%(plan)s” already has its next meeting on %(when)s; none added.")
                    % {"plan": plan, "when": when},
                    messages.INFO,
                )


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = [
        "due_at",
        "meeting",
        "recipient",
        "kind",
        "state",
        "attempts",
        "last_error",
        "sent_at",
    ]
    list_filter = ["state", "kind", "meeting__plan"]
    list_select_related = ["meeting__plan", "recipient"]
    search_fields = ["recipient__username", "recipient__email", "last_error"]
    date_hierarchy = "due_at"
    # Rows are written by the sweep and the senders only; the admin is for looking.
    readonly_fields = [
        "meeting",
        "recipient",
        "kind",
        "due_at",
        "state",
        "attempts",
        "last_error",
        "claimed_at",
        "next_attempt_at",
        "sent_at",
        "created_at",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class RecordAdmin(admin.ModelAdmin):
    """Check-ins, signatures and signed records are filed in the app and never changed:
    administrators read them here, nothing more (the database refuses edits anyway)."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(CheckIn)
class CheckInAdmin(RecordAdmin):
    list_display = ["created_at", "meeting", "commitment", "organization", "status", "confidence"]
    list_filter = ["meeting__plan", "organization", "status", "confidence"]
    list_select_related = ["meeting__plan", "commitment", "organization"]
    date_hierarchy = "created_at"


@admin.register(SignOff)
class SignOffAdmin(RecordAdmin):
    list_display = ["signed_at", "meeting", "organization", "signed_by"]
    list_select_related = ["meeting__plan", "organization", "signed_by"]


@admin.register(MeetingRecord)
class MeetingRecordAdmin(RecordAdmin):
    list_display = ["meeting", "version", "created_at", "reason"]
    list_select_related = ["meeting__plan"]


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0
    fields = ["text", "organization", "owner", "due_at", "commitment", "pillar", "completed_at"]
    readonly_fields = ["completed_at"]
    raw_id_fields = ["owner", "commitment", "pillar"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Decisions are entered on the meeting's page by the signatories; admins correct them
    here."""

    list_display = ["text", "meeting", "recorded_by", "recorded_at"]
    list_filter = ["meeting__plan"]
    list_select_related = ["meeting__plan", "recorded_by"]
    search_fields = ["text"]
    raw_id_fields = ["meeting", "recorded_by", "new_commitment"]
    inlines = [ActionInline]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["text", "organization", "owner", "due_at", "completed_at"]
    list_filter = ["decision__meeting__plan", "organization"]
    list_select_related = ["organization", "owner"]
    search_fields = ["text"]
    raw_id_fields = ["decision", "owner", "commitment", "pillar", "completed_by"]
