from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from workplan import views as workplan_views


@login_not_required
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    # Resolved per request: the hashed static name exists only after collectstatic.
    return HttpResponsePermanentRedirect(static("favicon.svg"))


admin.site.site_header = _("Accord administration")
admin.site.site_title = _("Accord administration")

urlpatterns = [
    path("", workplan_views.home, name="home"),
    path("healthz", workplan_views.healthz, name="healthz"),
    path("statuses.css", workplan_views.status_css, name="status_css"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The language can be chosen on the login page too.
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages (such as the admin) that name no icon.
    path("favicon.ico", favicon),
    path("", include("workplan.urls")),
    path("", include("dashboard.urls")),
    path("", include("readouts.urls")),
    path("", include("meetings.urls")),
]
