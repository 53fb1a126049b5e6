import pytest
from django.test import Client

from tests.conftest import client_for
from workplan.models import Commitment, Pillar, StatusUpdate, WorkPlan

CHANGELISTS = [
    "/admin/workplan/workplan/",
    "/admin/workplan/pillar/",
    "/admin/workplan/commitment/",
    "/admin/workplan/organization/",
    "/admin/workplan/user/",
    "/admin/workplan/statusupdate/",
    "/admin/meetings/meeting/",
]


def test_it_shows_every_admin_list_and_form_to_an_admin(demo, admin_user):
    client = client_for(admin_user)
    commitment = Commitment.objects.filter(pillar__plan=demo).first()
    pillar = demo.pillars.first()
    pages = [
        *CHANGELISTS,
        f"/admin/workplan/workplan/{demo.pk}/change/",
        f"/admin/workplan/pillar/{pillar.pk}/change/",
        f"/admin/workplan/commitment/{commitment.pk}/change/",
        "/admin/workplan/workplan/add/",
        "/admin/workplan/commitment/add/",
        "/admin/meetings/meeting/add/",
    ]
    for path in pages:
        assert client.get(path).status_code == 200, path


def test_it_filters_and_searches_commitments_in_admin(demo, admin_user, ised):
    client = client_for(admin_user)
    led_by_ised = client.get(
        f"/admin/workplan/commitment/?leads__organization__id__exact={ised.pk}"
    )
    assert led_by_ised.context["cl"].result_count == 6
    searched = client.get("/admin/workplan/commitment/?q=Patent")
    assert searched.context["cl"].result_count == 1
    by_status = client.get("/admin/workplan/commitment/?status__exact=on_track")
    assert (
        by_status.context["cl"].result_count == Commitment.objects.filter(status="on_track").count()
    )


def test_it_shows_the_commitment_count_of_each_pillar(demo, admin_user):
    response = client_for(admin_user).get("/admin/workplan/pillar/")
    counts = [pillar._commitment_count for pillar in response.context["cl"].result_list]
    assert counts == [3, 4, 4]


def test_it_lists_pillars_in_a_fixed_number_of_queries(
    demo, admin_user, django_assert_max_num_queries
):
    client = client_for(admin_user)
    client.get("/admin/workplan/pillar/")  # warm the session
    with django_assert_max_num_queries(12) as small:
        client.get("/admin/workplan/pillar/")
    for position in range(4, 34):
        pillar = Pillar.objects.create(plan=demo, position=position, title=f"Pillar {position}")
        Commitment.objects.create(pillar=pillar, position=1, text="t", short_title="t")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/admin/workplan/pillar/")


@pytest.mark.parametrize("username", ["us-official", "ca-official", "staff"])
def test_it_refuses_the_admin_to_officials_and_staff(demo, username):
    from workplan.models import User

    client = client_for(User.objects.get(username=username))
    for path in ["/admin/", *CHANGELISTS]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/login/"), path


def test_it_never_lets_the_admin_change_or_delete_a_status_update(demo, admin_user):
    client = client_for(admin_user)
    update = StatusUpdate.objects.filter(commitment__pillar__plan=demo).first()
    note = update.note

    page = client.get(f"/admin/workplan/statusupdate/{update.pk}/change/")
    assert page.status_code == 200  # viewable, read-only
    assert b'name="note"' not in page.content
    changed = client.post(
        f"/admin/workplan/statusupdate/{update.pk}/change/", {"note": "rewritten"}
    )
    assert changed.status_code == 403
    deleted = client.post(f"/admin/workplan/statusupdate/{update.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 403
    bulk = client.post(
        "/admin/workplan/statusupdate/",
        {"action": "delete_selected", "_selected_action": [update.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    update.refresh_from_db()
    assert update.note == note
    assert StatusUpdate.objects.filter(pk=update.pk).exists()
    assert client.get("/admin/workplan/statusupdate/add/").status_code == 403


def test_it_lets_an_admin_edit_a_pillar_and_its_commitments_inline(demo, admin_user):
    client = client_for(admin_user)
    pillar = demo.pillars.get(position=1)
    commitments = list(pillar.commitments.all())
    data = {
        "plan": demo.pk,
        "position": 1,
        "title": "Supply chains (renamed)",
        "lead_in": pillar.lead_in,
        "commitments-TOTAL_FORMS": len(commitments),
        "commitments-INITIAL_FORMS": len(commitments),
        "commitments-MIN_NUM_FORMS": 0,
        "commitments-MAX_NUM_FORMS": 1000,
    }
    for index, commitment in enumerate(commitments):
        data |= {
            f"commitments-{index}-id": commitment.pk,
            f"commitments-{index}-pillar": pillar.pk,
            f"commitments-{index}-position": commitment.position,
            f"commitments-{index}-short_title": commitment.short_title,
            f"commitments-{index}-text": commitment.text,
        }
    response = client.post(f"/admin/workplan/pillar/{pillar.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    pillar.refresh_from_db()
    assert pillar.title == "Supply chains (renamed)"


def test_it_lets_an_admin_create_a_work_plan(demo, admin_user, doc, ised):
    response = client_for(admin_user).post(
        "/admin/workplan/workplan/add/",
        {
            "title": "Canada–U.S. critical minerals dialogue",
            "slug": "critical-minerals",
            "parties": [doc.pk, ised.pk],
            "started_on": "2024-01-15",
            "cadence_months": 6,
            "reminder_offsets": "[14, 3]",
            "checkin_offset_days": 7,
            "pillars-TOTAL_FORMS": 0,
            "pillars-INITIAL_FORMS": 0,
            "pillars-MIN_NUM_FORMS": 0,
            "pillars-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    plan = WorkPlan.objects.get(slug="critical-minerals")
    assert plan.cadence_months == 6
    assert set(plan.parties.all()) == {doc, ised}


def test_it_explains_a_bad_reminder_offset(demo, admin_user, doc):
    response = client_for(admin_user).post(
        "/admin/workplan/workplan/add/",
        {
            "title": "Bad",
            "slug": "bad",
            "parties": [doc.pk],
            "started_on": "2024-01-15",
            "cadence_months": 3,
            "reminder_offsets": '["soon"]',
            "checkin_offset_days": 7,
            "pillars-TOTAL_FORMS": 0,
            "pillars-INITIAL_FORMS": 0,
            "pillars-MIN_NUM_FORMS": 0,
            "pillars-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 200
    assert "whole days between 1 and 120" in response.content.decode()
    assert not WorkPlan.objects.filter(slug="bad").exists()


def test_it_refuses_anonymous_visitors_the_admin(db):
    assert Client().get("/admin/").status_code == 302
