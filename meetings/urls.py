from django.urls import path

from . import views

urlpatterns = [
    path("plans/<slug:slug>/meetings/", views.meetings, name="meetings"),
]
