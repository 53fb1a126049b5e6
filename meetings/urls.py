from django.urls import path

from . import views

urlpatterns = [
    path("plans/<slug:slug>/meetings/", views.meetings, name="meetings"),
    path("plans/<slug:slug>/calendar.ics", views.plan_calendar, name="plan_calendar"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("meetings/<int:pk>.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/record/", views.meeting_record, name="meeting_record"),
    path("meetings/<int:pk>/sign/", views.sign_meeting, name="sign_meeting"),
    path(
        "meetings/<int:pk>/commitments/<int:commitment_pk>/propose/",
        views.propose_status,
        name="propose_status",
    ),
    path("meetings/<int:pk>/decisions/", views.record_decision, name="record_decision"),
    path("actions/<int:pk>/done/", views.complete_action, name="complete_action"),
    path("proposals/<int:pk>/answer/", views.answer_proposal, name="answer_proposal"),
    path("commitments/<int:pk>/checkin/", views.commitment_checkin, name="commitment_checkin"),
]
