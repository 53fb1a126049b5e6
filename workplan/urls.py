from django.urls import path

from . import dashboard_views, views

urlpatterns = [
    path("plans/", views.plans, name="plans"),
    path("plans/<slug:slug>/", dashboard_views.dashboard, name="dashboard"),
    path("plans/<slug:slug>/briefing/", dashboard_views.briefing, name="briefing"),
    path("plans/<slug:slug>/export.csv", dashboard_views.export_csv, name="export_csv"),
    path("plans/<slug:slug>/export.json", dashboard_views.export_json, name="export_json"),
    path("plans/<slug:slug>/commitments/", views.commitments, name="commitments"),
    path("commitments/<int:pk>/", views.commitment, name="commitment"),
    path("commitments/<int:pk>/status/", views.commitment_status, name="commitment_status"),
    path("commitments/<int:pk>/row/", views.commitment_row, name="commitment_row"),
]
