"""Reading the joint quarter out of a rendered dashboard or briefing."""

from __future__ import annotations

from django.test import Client

from meetings.models import Meeting
from tests.checkins.conftest import file_for
from workplan.models import Commitment, User

DASHBOARD = "/plans/us-canada-2021/"
BRIEFING = "/plans/us-canada-2021/briefing/"


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def joint_section(body: str) -> str:
    """The dashboard's "Joint quarter" section (the first in a briefing)."""
    start = body.index('<section class="joint-quarter" aria-labelledby="joint-heading">')
    return body[start : body.index("</section>", start)]


def every_commitment(body: str) -> str:
    """The briefing's sheet of every commitment's check-ins."""
    start = body.index('aria-labelledby="joint-all-heading"')
    return body[start : body.index("</section>", start)]


def row_of(html: str, reference: str) -> str:
    """The joint table's row of the commitment numbered `reference`."""
    start = html.index(f"{reference} ", html.index('<th scope="row">'))
    start = html.rindex("<tr", 0, start)
    return html[start : html.index("</tr>", start)]


def differ_on(meeting: Meeting, commitment: Commitment, us: User, ca: User, **fields) -> None:
    file_for(meeting, commitment, us, "on_track", note="U.S.: pilot under way.", **fields)
    file_for(meeting, commitment, ca, "challenges", note="Canada: legal review pending.", **fields)
