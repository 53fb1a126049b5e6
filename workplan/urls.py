from django.urls import path

from . import views

urlpatterns = [
    path("plans/", views.plans, name="plans"),
    path("plans/<slug:slug>/", views.dashboard, name="dashboard"),
    path("plans/<slug:slug>/commitments/", views.commitments, name="commitments"),
]
