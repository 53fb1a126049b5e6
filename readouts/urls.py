from django.urls import path

from . import views

urlpatterns = [
    path("readouts/<int:pk>/", views.readout, name="readout"),
    path("plans/<slug:slug>/readouts/compare/", views.compare, name="readout_compare"),
]
