"""The dashboard's chart geometry: bars scale to the largest figure, percentages to 100."""

from __future__ import annotations

from decimal import Decimal

from web.workspace.dashboard.charts import COLUMN_AREA, LABEL_WIDTH, WIDTH, Point, bars, columns


def test_bars_scale_to_the_largest_figure_and_stack_downwards() -> None:
    chart = bars("c", "Contracts", [Point("NO", Decimal("300"), "300"),
                                    Point("PT", Decimal("150"), "150"),
                                    Point("FR", Decimal("0"), "0")],
                 label_heading="Country", value_heading="Value")
    widths = [bar.width for bar in chart.bars]
    assert widths[0] > 0 and widths[1] == widths[0] / 2 and widths[2] == 0
    assert all(bar.x == LABEL_WIDTH for bar in chart.bars)
    assert [bar.y for bar in chart.bars] == sorted({bar.y for bar in chart.bars})
    assert chart.height > chart.bars[-1].y + chart.bars[-1].height
    assert chart.summary == "NO: 300; PT: 150; FR: 0"


def test_percentages_are_measured_against_a_hundred() -> None:
    chart = bars("r", "Rates", [Point("On time", 50, "50%", "1 of 2")],
                 label_heading="Rate", value_heading="Share", percent=True)
    full = bars("r", "Rates", [Point("On time", 100, "100%")],
                label_heading="Rate", value_heading="Share", percent=True)
    assert chart.bars[0].width == full.bars[0].width / 2
    assert chart.has_details and not full.has_details


def test_columns_rise_from_one_baseline_and_share_the_width() -> None:
    chart = columns("m", "Members", [Point("2019", 10, "10"), Point("2020", 20, "20")],
                    label_heading="Year", value_heading="Members")
    first, second = chart.bars
    assert second.height == COLUMN_AREA and first.height == COLUMN_AREA / 2
    assert first.y + first.height == second.y + second.height
    assert second.x + second.width <= WIDTH and first.x + first.width < second.x


def test_a_chart_of_nothing_draws_no_bar() -> None:
    assert bars("e", "Empty", [], label_heading="a", value_heading="b").bars == []
    assert columns("e", "Empty", [Point("2020", 0, "0")], label_heading="a",
                   value_heading="b").bars[0].height == 0
