"""The dashboard's query string: the as-of date, organisation and pillar, checked."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _

from .rows import Item, Org, PillarInfo, leaders_of, pillars_of


def site_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(site_zone()).date()


def next_midnight(day: datetime.date, zone: datetime.tzinfo | None = None) -> datetime.datetime:
    """The start of the day after `day` in `zone`, the site's by default (DST-safe)."""
    return datetime.datetime.combine(
        day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone or site_zone()
    )


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The last instant of `day` in the site's time zone (DST-safe)."""
    return next_midnight(day) - datetime.timedelta(microseconds=1)


# Light rows, not model instances: a 5,000-commitment plan builds tens of thousands of them,
# and Django model instances cost far more to create than these.


@dataclass
class Filters:
    """What the reader asked for, validated; `errors` name the field and what to do."""

    as_of: datetime.date | None = None
    organization: Org | None = None
    pillar: PillarInfo | None = None
    errors: list[str] = field(default_factory=list)

    def query(self, **changes: object) -> str:
        """The query string of these filters, with `changes` applied (None drops a key)."""
        values: dict[str, object] = {
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "org": self.organization.short_name if self.organization else None,
            "pillar": self.pillar.position if self.pillar else None,
        }
        values.update(changes)
        params = QueryDict(mutable=True)
        for key, value in values.items():
            if value not in (None, ""):
                params[key] = str(value)
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else ""


def parse_as_of(params: QueryDict, today: datetime.date) -> tuple[datetime.date | None, str]:
    raw = params.get("as_of", "").strip()
    if not raw:
        return None, ""
    try:
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        return None, _(
            "The date “%(value)s” is not a date: give it as YYYY-MM-DD, e.g. 2026-08-03. "
            "Showing the current quarter instead."
        ) % {"value": raw[:40]}
    if day > today:
        return None, _(
            "The date %(value)s is in the future: choose today or an earlier date. "
            "Showing the current quarter instead."
        ) % {"value": day.isoformat()}
    if day == today:
        # Today's end has not happened yet: that is the live view.
        return None, ""
    return day, ""


def parse_date(params: QueryDict, now: datetime.datetime) -> tuple[Filters, datetime.datetime]:
    """The filters with `as_of` read, and the cutoff it means."""
    as_of, error = parse_as_of(params, local_date(now))
    filters = Filters(as_of=as_of)
    if error:
        filters.errors.append(error)
    return filters, end_of_day(as_of) if as_of else now


def validate_filters(
    params: QueryDict,
    filters: Filters,
    organizations: list[Org] | None,
    pillars: list[PillarInfo] | None,
) -> None:
    """Read `org` (when `organizations` are given) and `pillar` (when `pillars` are),
    checked against what the plan has."""
    raw_org = params.get("org", "").strip()
    raw_pillar = params.get("pillar", "").strip()
    if raw_org and organizations is not None:
        by_name = {org.short_name.casefold(): org for org in organizations}
        filters.organization = by_name.get(raw_org.casefold())
        if filters.organization is None:
            filters.errors.append(
                _(
                    "Lead organisation “%(value)s” leads nothing in this plan: choose one of "
                    "%(choices)s. Showing every organisation."
                )
                % {
                    "value": raw_org[:40],
                    "choices": ", ".join(org.short_name for org in organizations),
                }
            )
    if raw_pillar and pillars is not None:
        by_position = {str(pillar.position): pillar for pillar in pillars}
        filters.pillar = by_position.get(raw_pillar)
        if filters.pillar is None:
            filters.errors.append(
                _(
                    "Pillar “%(value)s” is not in this plan: give its number, one of "
                    "%(choices)s. Showing every pillar."
                )
                % {
                    "value": raw_pillar[:40],
                    "choices": ", ".join(str(pillar.position) for pillar in pillars),
                }
            )


def parse_filters(params: QueryDict, items: list[Item], filters: Filters) -> list[Item]:
    """Validate `org` and `pillar` against what the plan has; keep matching rows."""
    validate_filters(params, filters, leaders_of(items), pillars_of(items))
    kept = items
    if filters.pillar is not None:
        kept = [item for item in kept if item.pillar == filters.pillar]
    if filters.organization is not None:
        kept = [item for item in kept if filters.organization in item.leads]
    return kept
