import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from workplan.models import (
    AppendOnlyError,
    Commitment,
    Organization,
    Pillar,
    StatusUpdate,
    User,
    VersionConflict,
)
from workplan.status import Status


def test_it_refuses_an_unknown_status_in_the_database(demo):
    commitment = Commitment.objects.filter(pillar__plan=demo).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.filter(pk=commitment.pk).update(status="abandoned")


def test_it_refuses_an_unknown_status_in_the_history(demo, us_official):
    commitment = Commitment.objects.filter(pillar__plan=demo).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        StatusUpdate.objects.create(
            commitment=commitment, author=us_official, old_status="on_track", new_status="meh"
        )


def test_it_keeps_pillar_positions_unique_within_a_plan(demo):
    with pytest.raises(IntegrityError), transaction.atomic():
        Pillar.objects.create(plan=demo, position=1, title="Duplicate position")
        connection.check_constraints()  # the constraint is deferred to commit


def test_it_keeps_commitment_positions_unique_within_a_pillar(demo):
    pillar = demo.pillars.get(position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Commitment.objects.create(pillar=pillar, position=2, text="x", short_title="x")
        connection.check_constraints()


def test_it_lets_two_pillars_swap_positions_in_one_transaction(demo):
    first, second = demo.pillars.get(position=1), demo.pillars.get(position=2)
    with transaction.atomic():
        Pillar.objects.filter(pk=first.pk).update(position=2)
        Pillar.objects.filter(pk=second.pk).update(position=1)
        connection.check_constraints()
    assert list(demo.pillars.values_list("pk", flat=True)[:2]) == [second.pk, first.pk]


def test_it_requires_an_organisation_for_officials_and_staff(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("nobody", role=User.Role.OFFICIAL)


def test_it_gives_admins_django_admin_access_and_no_one_else(demo, admin_user, staff):
    assert admin_user.is_staff and admin_user.is_superuser
    assert not staff.is_staff and not staff.is_superuser


def test_it_writes_the_status_and_the_history_row_together(demo, us_official):
    commitment = Commitment.objects.filter(pillar__plan=demo).first()
    before = commitment.updates.count()
    old_status, version = commitment.status, commitment.version
    update = commitment.record_status(
        author=us_official, status=Status.CHALLENGES, note="Delayed.", expected_version=version
    )
    commitment.refresh_from_db()
    assert commitment.status == Status.CHALLENGES
    assert commitment.version == version + 1
    assert commitment.updates.count() == before + 1
    assert (update.old_status, update.new_status) == (old_status, Status.CHALLENGES)
    assert update.organization == us_official.organization


def test_it_refuses_a_status_change_made_at_an_old_version(demo, us_official, ca_official):
    commitment = Commitment.objects.filter(pillar__plan=demo).first()
    version = commitment.version
    stale_copy = Commitment.objects.get(pk=commitment.pk)
    commitment.record_status(author=us_official, status=Status.ON_TRACK, expected_version=version)
    history = commitment.updates.count()

    with pytest.raises(VersionConflict):
        stale_copy.record_status(
            author=ca_official, status=Status.NOT_PURSUED, expected_version=version
        )

    commitment.refresh_from_db()
    assert commitment.status == Status.ON_TRACK
    assert commitment.version == version + 1
    assert commitment.updates.count() == history


def test_it_never_changes_or_deletes_a_status_update(demo):
    update = StatusUpdate.objects.filter(commitment__pillar__plan=demo).first()
    update.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        update.save()
    with pytest.raises(AppendOnlyError):
        update.delete()


def test_it_refuses_bulk_edits_of_the_history_in_the_database(demo):
    updates = StatusUpdate.objects.filter(commitment__pillar__plan=demo)
    with pytest.raises(IntegrityError), transaction.atomic():
        updates.update(note="rewritten")
    with pytest.raises(IntegrityError), transaction.atomic():
        updates.delete()
    assert not StatusUpdate.objects.filter(note="rewritten").exists()


def test_it_orders_commitments_by_pillar_then_position(demo):
    references = [c.reference for c in Commitment.objects.filter(pillar__plan=demo)]
    assert references == [
        "1.1",
        "1.2",
        "1.3",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
        "3.1",
        "3.2",
        "3.3",
        "3.4",
    ]


def test_it_derives_the_checkin_deadline_from_the_plan(demo):
    meeting = demo.meetings.order_by("-starts_at").first()
    assert meeting.checkin_deadline == meeting.starts_at - datetime.timedelta(days=7)
    meeting.checkin_deadline_override = meeting.starts_at - datetime.timedelta(days=2)
    assert meeting.checkin_deadline == meeting.starts_at - datetime.timedelta(days=2)


def test_it_refuses_a_malformed_country_code(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="Nowhere", short_name="NW", country_code="us")


def test_it_keeps_the_checkin_deadline_at_the_meetings_local_time_across_dst(demo):
    # 3 Nov 2026 is after the switch to standard time; a week earlier is still daylight time.
    meeting = demo.meetings.get(starts_at__date=datetime.date(2026, 11, 3))
    local = timezone.localtime(meeting.checkin_deadline)
    assert (local.date(), local.hour) == (datetime.date(2026, 10, 27), 10)
    assert timezone.localtime(meeting.starts_at).hour == 10


def test_a_user_reads_times_in_their_zone_or_else_the_sites(us_official):
    assert str(us_official.zone) == "America/Toronto"  # none chosen
    us_official.time_zone = "Europe/Paris"
    assert str(us_official.zone) == "Europe/Paris"
    us_official.time_zone = "Mars/Olympus_Mons"  # a name no longer (or never) valid
    assert str(us_official.zone) == "America/Toronto"
