from __future__ import annotations

import datetime

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from workplan.dates import add_months

from .forms import ConfirmImportForm, ImportReadoutForm
from .importer import PlanSetup, import_readout, preview_import, unique_slug
from .models import Passage, Readout
from .outline_text import OutlineError, locate
from .parser import ReadoutParseError
from .translation import TranslationMismatch


class PassageInline(admin.TabularInline):
    model = Passage
    fields = ["position", "commitment", "text", "similarity"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Readout)
class ReadoutAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "organization", "published_on", "language", "imported_at"]
    list_filter = ["plan", "organization", "language"]
    list_select_related = ["plan", "organization"]
    search_fields = ["title", "raw_text"]
    readonly_fields = ["content_hash", "raw_text", "imported_at", "imported_by"]
    inlines = [PassageInline]
    change_list_template = "admin/readouts/readout_changelist.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # readouts arrive through the import page, which parses them

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="readouts_readout_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload or paste, then correct the outline beside the source (as often as
        needed: "Preview again" writes nothing), then confirm: one transaction."""
        if not self.has_change_permission(request):
            return HttpResponse(status=403)
        form = ImportReadoutForm()
        if request.method == "POST" and ("confirm" in request.POST or "repreview" in request.POST):
            leads = sum(1 for key in request.POST if key.startswith("lead_"))
            confirm = ConfirmImportForm(request.POST, pillars=[""] * leads)
            if confirm.is_valid():
                if "confirm" in request.POST:
                    try:
                        return self._import(request, confirm.cleaned_data, confirm.setup())
                    except (OutlineError, TranslationMismatch):
                        pass  # shown with its problems below, nothing written
                return self._preview(request, confirm.cleaned_data, posted=confirm)
            if "text" in confirm.cleaned_data and "outline" in confirm.cleaned_data:
                # A setup field is wrong (a slug already taken…): shown, nothing written.
                return self._preview(request, confirm.cleaned_data, posted=confirm)
            messages.error(request, _("The preview expired; please start the import again."))
        elif request.method == "POST":
            form = ImportReadoutForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    return self._preview(request, {**form.cleaned_data, "outline": None})
                except ReadoutParseError as error:
                    form.add_error(None, str(error))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        return TemplateResponse(
            request,
            "admin/readouts/import.html",
            context | {"title": _("Import readout"), "form": form},
        )

    def _preview(
        self, request: HttpRequest, data: dict, posted: ConfirmImportForm | None = None
    ) -> TemplateResponse:
        preview = preview_import(
            data["text"],
            plan=data["plan"],
            outline=data["outline"],
            language=data.get("language") or None,
        )
        titles = [pillar.title for pillar in preview.parsed.pillars]
        fields = ("text", "plan", "organization", "published", "url", "language")
        initial = {key: data[key] for key in fields} | {"outline": preview.outline}
        if posted is None:
            initial |= self._suggested_setup(preview, data)
        else:
            # What the admin set stays; the outline and its pillars are the new preview's.
            initial |= {
                name: posted.cleaned_data.get(name, posted.data.get(name))
                for name in (
                    "plan_title",
                    "plan_title_fr",
                    "plan_slug",
                    "first_meeting",
                    "cadence_months",
                )
            }
            initial["parties"] = posted.cleaned_data.get("parties") or posted.data.getlist(
                "parties"
            )
            initial |= {
                f"lead_{n}": posted.data.get(f"lead_{n}") for n in range(1, len(titles) + 1)
            }
        confirm = ConfirmImportForm(initial=initial, pillars=titles)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta}
        return TemplateResponse(
            request,
            "admin/readouts/import_preview.html",
            context
            | {
                "title": _("Preview the import"),
                "preview": preview,
                "confirm": confirm,
                "setup_errors": [
                    f"{posted.fields[name].label}: {error}" if name in posted.fields else error
                    for name, errors in (posted.errors.items() if posted is not None else [])
                    for error in errors
                ],
                "data": data,
                "located": locate(preview.parsed, preview.source_text),
            },
            status=422
            if preview.outline_problems
            or (preview.alignment and preview.alignment.problems)
            or (posted and posted.errors)
            else 200,
        )

    @staticmethod
    def _suggested_setup(preview, data: dict) -> dict:
        """A new plan's defaults, each shown for the admin to change: the readout's own
        title, a short slug of it, the publisher as a party, its cadence and a first
        meeting one cadence after publication, at 10:00 where the site is."""
        if preview.alignment is not None:
            return {"plan_title_fr": preview.plan.title_fr}
        parsed = preview.parsed
        title = (parsed.title or "")[:200]
        cadence = parsed.cadence_months or 3
        published = data.get("published") or parsed.published
        first = None
        if published is not None:
            day = add_months(published, cadence)
            first = datetime.datetime.combine(
                day, datetime.time(10), tzinfo=timezone.get_default_timezone()
            )
        return {
            "plan_title": title,
            "plan_slug": unique_slug(title) if title else "",
            "parties": [data["organization"]] if data.get("organization") else [],
            "first_meeting": first,
            "cadence_months": cadence,
        }

    def _import(
        self, request: HttpRequest, data: dict, setup: PlanSetup | None = None
    ) -> HttpResponse:
        try:
            result = import_readout(
                data["text"],
                plan=data["plan"],
                organization=data["organization"],
                published=data["published"],
                url=data["url"] or "",
                user=request.user,
                outline=data["outline"],
                setup=setup,
                language=data.get("language") or None,
                title_fr=data.get("plan_title_fr") or "",
            )
        except (OutlineError, TranslationMismatch):
            raise
        except ReadoutParseError as error:
            messages.error(request, str(error))
            return redirect("admin:readouts_readout_import")
        if result.duplicate:
            messages.warning(
                request,
                _("This readout was already imported into “%(plan)s”; nothing changed.")
                % {"plan": result.plan},
            )
        elif result.translated:
            messages.success(
                request,
                ngettext(
                    "“%(plan)s” now has its French: %(count)d commitment.",
                    "“%(plan)s” now has its French: %(count)d commitments.",
                    result.translated,
                )
                % {"plan": result.plan, "count": result.translated},
            )
            for warning in result.warnings:
                messages.warning(request, _("Check: %(warning)s") % {"warning": warning})
        elif result.created_commitments:
            messages.success(
                request,
                ngettext(
                    "Imported “%(plan)s” with %(count)d commitment.",
                    "Imported “%(plan)s” with %(count)d commitments.",
                    result.created_commitments,
                )
                % {"plan": result.plan, "count": result.created_commitments},
            )
        else:
            messages.success(
                request,
                _(
                    "Attached to “%(plan)s”: %(matched)d commitments matched, "
                    "%(unmatched)d unmatched."
                )
                % {
                    "plan": result.plan,
                    "matched": result.matched,
                    "unmatched": len(result.unmatched),
                },
            )
        return redirect(reverse("admin:workplan_workplan_change", args=[result.plan.pk]))
