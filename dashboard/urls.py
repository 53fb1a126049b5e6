from django.urls import path

from . import views

urlpatterns = [
    path("plans/<slug:slug>/", views.dashboard, name="dashboard"),
    path("plans/<slug:slug>/briefing/", views.briefing, name="briefing"),
    path("plans/<slug:slug>/export.csv", views.export_csv, name="export_csv"),
    path("plans/<slug:slug>/export.json", views.export_json, name="export_json"),
]
