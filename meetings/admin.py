from django.contrib import admin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["plan", "starts_at", "location", "state", "checkin_deadline"]
    list_filter = ["plan", "state"]
    list_select_related = ["plan"]
    date_hierarchy = "starts_at"
