from django.utils import timezone

from tests.conftest import client_for, next_meeting


def test_the_picker_offers_each_past_meeting_by_its_date_in_the_sites_time_zone(demo, staff):
    # On Kiritimati (UTC+14) the meeting of 3 August 2025, 10:00 in Ottawa, is already the 4th.
    staff.time_zone = "Pacific/Kiritimati"
    staff.save(update_fields=["time_zone"])
    client = client_for(staff)

    html = client.get("/plans/us-canada-2021/").content.decode()

    assert '<option value="2025-08-03" >' in html
    assert 'value="2025-08-04"' not in html
    upcoming = timezone.localdate(next_meeting(demo).starts_at)
    assert f'<option value="{upcoming}"' not in html  # not held yet


def test_the_picked_meeting_is_selected_once(demo, staff):
    html = client_for(staff).get("/plans/us-canada-2021/?as_of=2025-08-03").content.decode()

    assert html.count("selected>") == 1  # as_of only: no organisation or pillar chosen
    assert '<option value="2025-08-03" selected>' in html


def test_a_date_between_meetings_is_offered_as_itself(demo, staff):
    html = client_for(staff).get("/plans/us-canada-2021/?as_of=2025-09-15").content.decode()

    assert '<option value="2025-09-15" selected>15 September 2025</option>' in html
