"""Bar and column charts as plain geometry, for SVG templates to draw on the server.

The caller writes each figure in the page's language; this module only decides where
each bar goes, and the template draws it, so a chart needs no JavaScript and no library.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

Number = int | Decimal

WIDTH = 640
BAR_HEIGHT = 22
BAR_GAP = 10
LABEL_WIDTH = 170  # room for a country's or a figure's name left of its bar
VALUE_WIDTH = 150  # room for the figure right of its bar
COLUMN_AREA = 180  # the columns' full height
COLUMN_GAP = 8
AXIS_ROOM = 24  # under the columns, for the years; above them, for the figures


@dataclass(frozen=True)
class Point:
    """One figure to draw: its label, its value, the value as written, and a detail."""

    label: str
    value: Number
    text: str
    detail: str = ""


@dataclass(frozen=True)
class Bar:
    """One bar: its figure, and where it is drawn."""

    point: Point
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    """A chart's words and bars, and the table behind it."""

    id: str
    title: str
    label_heading: str
    value_heading: str
    kind: str  # "bars" (horizontal) or "columns" (vertical, for time)
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    note: str = ""

    @property
    def has_details(self) -> bool:
        return any(bar.point.detail for bar in self.bars)

    @property
    def summary(self) -> str:
        """The figures in one sentence, for the SVG's description."""
        return "; ".join(f"{bar.point.label}: {bar.point.text}" for bar in self.bars)


def _share(value: Number, top: Number, room: float) -> float:
    """How long a bar is: its share of the largest figure, never a float of money."""
    if not top or value <= 0:
        return 0.0
    return round(room * float(Decimal(value) / Decimal(top)), 1)


def bars(chart_id: str, title: str, rows: list[Point], *, label_heading: str,
         value_heading: str, percent: bool = False, note: str = "") -> Chart:
    """Horizontal bars, one per row, scaled to the largest (or to 100 for percentages)."""
    top = 100 if percent else max((row.value for row in rows), default=0)
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    drawn = [Bar(row, LABEL_WIDTH, n * (BAR_HEIGHT + BAR_GAP) + BAR_GAP,
                 _share(row.value, top, room), BAR_HEIGHT) for n, row in enumerate(rows)]
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    return Chart(chart_id, title, label_heading, value_heading, "bars", WIDTH, height, drawn,
                 note)


def columns(chart_id: str, title: str, rows: list[Point], *,
            label_heading: str, value_heading: str, note: str = "") -> Chart:
    """Vertical columns over time, one per period, scaled to the largest figure."""
    top = max((row.value for row in rows), default=0)
    step = (WIDTH - COLUMN_GAP) / max(len(rows), 1)
    drawn = []
    for n, row in enumerate(rows):
        tall = _share(row.value, top, COLUMN_AREA)
        drawn.append(Bar(row, round(n * step + COLUMN_GAP, 1),
                         AXIS_ROOM + COLUMN_AREA - tall, round(step - COLUMN_GAP, 1), tall))
    return Chart(chart_id, title, label_heading, value_heading, "columns", WIDTH,
                 COLUMN_AREA + 2 * AXIS_ROOM, drawn, note=note)
