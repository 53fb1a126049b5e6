from django.urls import path

from . import views

urlpatterns = [
    path("plans/<slug:slug>/meetings/", views.meetings, name="meetings"),
    path("plans/<slug:slug>/calendar.ics", views.plan_calendar, name="plan_calendar"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
]
