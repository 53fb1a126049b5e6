"""The trend chart's geometry: one column per meeting, bars in SVG user units."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext

from workplan.status import StatusStyle

from .rows import TrendPoint, labelled


@dataclass
class Bar:
    style: StatusStyle
    count: int
    x: str
    y: str
    width: str
    height: str


@dataclass
class Column:
    point: TrendPoint
    bars: list[Bar]
    label_x: str

    @property
    def title(self) -> str:
        """The column's text alternative: its date and the count in each status."""
        day = formats.date_format(timezone.localtime(self.point.moment), "j N Y")
        if not self.point.is_meeting:
            day = f"{gettext('As of')} {day}"
        return labelled(day, self.point.tally.summary)


CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM, CHART_LEFT = 720, 250, 10, 200, 64


def trend_columns(points: list[TrendPoint]) -> list[Column]:
    """Stacked columns of the trend chart in SVG user units, computed here so the template
    only prints numbers (formatted with a dot whatever the reader's locale)."""
    if not points:
        return []
    scale_max = max(point.tally.total for point in points) or 1
    slot = (CHART_WIDTH - CHART_LEFT) / len(points)
    width = slot * 0.7
    columns = []
    for index, point in enumerate(points):
        x = CHART_LEFT + index * slot + (slot - width) / 2
        y = float(CHART_BOTTOM)
        bars = []
        for style, count in point.tally.items:
            if not count:
                continue
            height = (CHART_BOTTOM - CHART_TOP) * count / scale_max
            y -= height
            bars.append(Bar(style, count, f"{x:.2f}", f"{y:.2f}", f"{width:.2f}", f"{height:.2f}"))
        columns.append(Column(point, bars, f"{x + width / 2:.2f}"))
    return columns
