from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Commitment, CommitmentLead, Organization, Pillar, StatusUpdate, User, WorkPlan


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "country_code"]
    search_fields = ["name", "short_name"]
    list_filter = ["country_code"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "organization",
        "role",
        "is_signatory",
    ]
    list_filter = ["role", "is_signatory", "organization", "is_active"]
    list_select_related = ["organization"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:2],
        (
            _("Organisation and role"),
            {"fields": ["organization", "role", "is_signatory", "language", "time_zone"]},
        ),
        (_("Status"), {"fields": ["is_active", "last_login", "date_joined"]}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        (
            _("Organisation and role"),
            {"fields": ["email", "organization", "role", "is_signatory", "language"]},
        ),
    )
    readonly_fields = ["last_login", "date_joined"]


class PillarInline(admin.TabularInline):
    model = Pillar
    fields = ["position", "title", "title_fr", "lead_in"]
    extra = 0
    ordering = ["position"]
    show_change_link = True


@admin.register(WorkPlan)
class WorkPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "started_on", "cadence_months", "pillar_count"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["parties"]
    search_fields = ["title", "title_fr", "slug"]
    inlines = [PillarInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[WorkPlan]:
        return super().get_queryset(request).annotate(_pillar_count=Count("pillars"))

    @admin.display(description=_("pillars"), ordering="_pillar_count")
    def pillar_count(self, plan: WorkPlan) -> int:
        return plan._pillar_count


class CommitmentInline(admin.TabularInline):
    model = Commitment
    fields = ["position", "short_title", "short_title_fr", "text", "status"]
    readonly_fields = ["status"]
    extra = 0
    ordering = ["position"]
    show_change_link = True


@admin.register(Pillar)
class PillarAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "position", "commitment_count"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["title", "title_fr", "lead_in", "lead_in_fr"]
    ordering = ["plan", "position"]
    inlines = [CommitmentInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Pillar]:
        return super().get_queryset(request).annotate(_commitment_count=Count("commitments"))

    @admin.display(description=_("commitments"), ordering="_commitment_count")
    def commitment_count(self, pillar: Pillar) -> int:
        return pillar._commitment_count


class CommitmentLeadInline(admin.TabularInline):
    model = CommitmentLead
    extra = 0
    autocomplete_fields = ["officials"]


class StatusUpdateInline(admin.TabularInline):
    model = StatusUpdate
    fields = ["created_at", "author", "organization", "old_status", "new_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["-created_at"]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["reference_display", "short_title", "pillar", "status", "updated_at"]
    list_filter = ["pillar__plan", "pillar", "status", "leads__organization"]
    list_select_related = ["pillar__plan"]
    search_fields = ["short_title", "short_title_fr", "text", "text_fr"]
    ordering = ["pillar__plan", "pillar__position", "position"]
    autocomplete_fields = ["owners"]
    inlines = [CommitmentLeadInline, StatusUpdateInline]
    # Status changes go through the history (Commitment.record_status), never a bare edit.
    readonly_fields = ["status", "version", "updated_at"]
    fields = [
        "pillar",
        "position",
        "short_title",
        "short_title_fr",
        "text",
        "text_fr",
        "target_date",
        "owners",
        *readonly_fields,
    ]

    @admin.display(description=_("ref."), ordering="pillar__position")
    def reference_display(self, commitment: Commitment) -> str:
        return commitment.reference


@admin.register(StatusUpdate)
class StatusUpdateAdmin(admin.ModelAdmin):
    """Read-only: the history is append-only, even for administrators."""

    list_display = [
        "created_at",
        "commitment",
        "author",
        "organization",
        "old_status",
        "new_status",
    ]
    list_filter = ["new_status", "organization", "commitment__pillar__plan"]
    list_select_related = ["commitment", "author", "organization"]
    search_fields = ["note", "commitment__short_title", "author__username"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
