"""Trend charts drawn by the server as SVG (no script, no outside library): the geometry here,
the markup in ``talent_matching/supply/_chart.html``. Every chart has a title and a description
for screen readers, and its figures are also given as text beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Colours with a contrast of at least 3:1 on white (WCAG 1.4.11); the two lines differ by dash too.
DEMAND_COLOUR = "#0b5ed7"
SUPPLY_COLOUR = "#6c3483"
RATIO_COLOUR = "#212529"
BAND_COLOUR = "#d1e7dd"


@dataclass
class Series:
    label: str
    colour: str
    dash: str = ""
    segments: list = field(default_factory=list)  # "x,y x,y …" for each unbroken run
    dots: list = field(default_factory=list)  # (x, y)


@dataclass
class Chart:
    width: int
    height: int
    title: str
    desc: str
    series: list
    left: int
    top: int
    right: int
    bottom: int
    y_ticks: list = field(default_factory=list)  # (y, label)
    x_labels: list = field(default_factory=list)  # (x, label)
    band: tuple | None = None  # (y, height) of the balanced band
    small: bool = False

    @property
    def plot_width(self):
        return self.right - self.left


def _scale(value, top_value, top, bottom):
    return round(bottom - (float(value) / float(top_value)) * (bottom - top), 1) if top_value else bottom


def _nice_top(value: float) -> float:
    if value <= 0:
        return 1
    for step in (1, 2, 2.5, 5, 10):
        magnitude = 10 ** (len(str(int(value))) - 1)
        if value <= step * magnitude:
            return step * magnitude
    return value


def _series(label, colour, values, xs, top_value, top, bottom, dash="") -> Series:
    series = Series(label, colour, dash)
    run = []
    for x, value in zip(xs, values):
        if value is None:
            if run:
                series.segments.append(" ".join(run))
            run = []
            continue
        y = _scale(value, top_value, top, bottom)
        run.append(f"{x},{y}")
        series.dots.append((x, y))
    if run:
        series.segments.append(" ".join(run))
    return series


def _xs(count, left, right):
    if count == 1:
        return [round((left + right) / 2, 1)]
    return [round(left + i * (right - left) / (count - 1), 1) for i in range(count)]


def sparkline(points, *, title: str, desc: str, thresholds) -> Chart:
    """The ratio (demand ÷ supply) month by month, over the balanced band, small enough for a table cell."""
    width, height, left, top, right, bottom = 150, 40, 2, 4, 148, 36
    ratios = [f.ratio if f is not None else None for _month, f in points]
    known = [float(r) for r in ratios if r is not None]
    top_value = max(known + [float(thresholds.high_red) * 1.1])
    xs = _xs(len(points), left, right)
    band_top = _scale(thresholds.high_yellow, top_value, top, bottom)
    band_bottom = _scale(thresholds.low_yellow, top_value, top, bottom)
    return Chart(width, height, title, desc, [_series(title, RATIO_COLOUR, ratios, xs, top_value, top, bottom)],
                 left, top, right, bottom, band=(band_top, round(band_bottom - band_top, 1)), small=True)


def demand_supply_chart(points, *, title: str, desc: str, demand_label: str, supply_label: str) -> Chart:
    """Demand and supply month by month, with a scale and the months named."""
    width, height, left, top, right, bottom = 640, 250, 48, 16, 600, 220
    demand = [f.demand if f is not None else None for _month, f in points]
    supply = [f.snapshot.supply if f is not None else None for _month, f in points]
    known = [v for v in demand + supply if v is not None]
    top_value = _nice_top(max(known + [1]))
    xs = _xs(len(points), left, right)
    ticks = [(_scale(top_value * i / 4, top_value, top, bottom), _number(top_value * i / 4)) for i in range(5)]
    labels = [(x, f"{month:%Y-%m}" if i in (0, len(points) - 1) or month.month == 1 else f"{month:%m}")
              for i, (x, (month, _f)) in enumerate(zip(xs, points))]
    return Chart(width, height, title, desc, [
        _series(demand_label, DEMAND_COLOUR, demand, xs, top_value, top, bottom),
        _series(supply_label, SUPPLY_COLOUR, supply, xs, top_value, top, bottom, dash="6 4"),
    ], left, top, right, bottom, y_ticks=ticks, x_labels=labels)


def _number(value: float) -> str:
    value = Decimal(str(value))
    return str(value.quantize(Decimal(1))) if value == value.to_integral() else str(value.normalize())
