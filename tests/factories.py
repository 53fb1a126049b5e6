"""Large plans, built fast (bulk_create), for the tests and the benchmarks alike."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Sequence

from workplan.models import Commitment, CommitmentLead, Organization, Pillar, StatusUpdate, User
from workplan.status import Status


def grow(
    pillars: Sequence[Pillar],
    *,
    leads: Callable[[int], Sequence[Organization]],
    author: User,
    commitments: int,
    updates: int,
    start: datetime.datetime,
    end: datetime.datetime,
    first_position: int = 1,
    seed: int = 5,
) -> list[Commitment]:
    """`commitments` new commitments dealt round `pillars` (positions from
    `first_position` on), the n-th led by `leads(n)`, each with `updates` status updates
    at random moments between `start` and `end`, as record_status writes them: in time
    order, each one's old status the one before, the commitment's status the latest one's."""
    rng = random.Random(seed)
    span = (end - start).total_seconds()
    rows, stories = [], []
    for index in range(commitments):
        moments = sorted(
            start + datetime.timedelta(seconds=rng.uniform(0, span)) for _ in range(updates)
        )
        story, status = [], Status.NOT_STARTED.value
        for moment in moments:
            new = rng.choice(Status.values)
            story.append((moment, status, new))
            status = new
        stories.append(story)
        rows.append(
            Commitment(
                pillar=pillars[index % len(pillars)],
                position=first_position + index // len(pillars),
                text=f"Generated commitment {index}, with a sentence of text.",
                short_title=f"Generated {index}",
                status=status,
                version=updates + 1,
            )
        )
    created = Commitment.objects.bulk_create(rows, batch_size=2000)
    CommitmentLead.objects.bulk_create(
        (
            CommitmentLead(commitment=commitment, organization=organization)
            for index, commitment in enumerate(created)
            for organization in leads(index)
        ),
        batch_size=5000,
    )
    StatusUpdate.objects.bulk_create(
        (
            StatusUpdate(
                commitment=commitment,
                author=author,
                organization=author.organization,
                old_status=old,
                new_status=new,
                note=f"Step {step}.",
                created_at=moment,
            )
            for commitment, story in zip(created, stories, strict=True)
            for step, (moment, old, new) in enumerate(story)
        ),
        batch_size=5000,
    )
    return created
