"""Calendar arithmetic shared by the apps."""

from __future__ import annotations

import datetime


def add_months[Day: (datetime.date, datetime.datetime)](moment: Day, months: int) -> Day:
    """Same day (and time of day), `months` later, the day clamped to the month's length:
    31 January + 1 month is 28 or 29 February, 29 February + 12 months is 28 February."""
    index = moment.month - 1 + months
    year, month = moment.year + index // 12, index % 12 + 1
    for day in range(moment.day, 27, -1):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    return moment.replace(year=year, month=month, day=min(moment.day, 28))
