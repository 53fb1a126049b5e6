"""Who enters decisions: either side's signatory and admins. Officials and ministers' staff
read them; outsiders do not see the meeting."""

from __future__ import annotations

import pytest

from meetings.models import Decision
from tests.conftest import client_for
from tests.decisions.conftest import action_form, decide_url


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("us_official", 403), ("ca_official", 403), ("staff", 403), ("outsider", 404)],
)
def test_it_refuses_decisions_from_anyone_but_signatories_and_admins(
    personas, persona, expected, held, us_official, american
):
    before = Decision.objects.count()
    response = client_for(personas[persona]).post(
        decide_url(held), action_form(american, us_official)
    )

    assert response.status_code == expected
    assert Decision.objects.count() == before


def test_an_admin_records_decisions(admin_user, held, us_official, american):
    response = client_for(admin_user).post(decide_url(held), action_form(american, us_official))

    assert response.status_code == 302
    assert Decision.objects.latest("id").recorded_by == admin_user


def test_staff_read_the_decisions_without_the_form(
    staff, held, us_signatory, us_official, american
):
    client_for(us_signatory).post(decide_url(held), action_form(american, us_official))

    page = client_for(staff).get(f"/meetings/{held.pk}/").content.decode()
    assert "Ministers asked for a joint note" in page
    assert "Record the decision" not in page
    assert "Mark done" not in page


def test_the_signatory_sees_the_form_on_a_held_meeting(us_signatory, held):
    page = client_for(us_signatory).get(f"/meetings/{held.pk}/").content.decode()
    assert "Record the decision" in page
    assert f'action="/meetings/{held.pk}/decisions/"' in page
