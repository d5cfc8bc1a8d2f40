"""The summary's charts: one model of each chart (its bars, axes and labels, computed here),
drawn twice by thin renderers: as SVG by a template on the page (readable without
JavaScript and without colour: patterns and numbers, never hue alone) and as PNG by Pillow
for the DOCX. Each chart comes with a table of its numbers.

Plain SVG rather than a chart library: the page needs no script, no inline style (the
Content-Security-Policy forbids it), a table beside each chart and the same picture in the
DOCX; a chart library would give us one of these and a dependency for the rest. The text
is measured with Noto Sans (the ``fontpkg-noto-sans`` package, which has Cyrillic), the font
the PNG is drawn with and the SVG asks for first.
"""

import io
from dataclasses import dataclass, field
from functools import lru_cache
from math import ceil, log10

import fontpkg
from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from contests.models import Diploma
from contests.models.olympiads import WINNING_DIPLOMAS
from contests.queries import olympiad_diplomas
from events.queries import events_per_month
from imc_portal.periods import ACADEMIC

FONT_FAMILY = "Noto Sans"
SVG_FILLS = {"solid": "#000", "light": "#d0d0d0", "open": "#fff"}
INK_STROKE, GRID_STROKE = "#000", "#bbb"
INK, GRID, LIGHT = "#000000", "#bbbbbb", "#d0d0d0"
# Room for a browser that draws the SVG with a wider fallback font than Noto Sans.
SLACK = 1.15
# Fills that differ in pattern and lightness, so they read on paper and without colour.
PATTERNS = ("solid", "hatch", "dots", "light", "open")
DEGREE_PATTERNS = {Diploma.FIRST: "solid", Diploma.SECOND: "hatch", Diploma.THIRD: "dots"}


# The model of a chart.


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    pattern: str = "solid"
    title: str = ""


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    grid: bool = False


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"  # start, middle, end (SVG's text-anchor); y is the baseline
    size: int = 12
    bold: bool = False


@dataclass
class Chart:
    key: str
    title: str
    description: str
    width: int
    height: int
    rects: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    texts: list = field(default_factory=list)

    @property
    def patterns(self):
        return sorted({rect.pattern for rect in self.rects})

    # The SVG elements, escaped by format_html: a summary draws about a thousand of them, and
    # a template spent some 70 of the page's 480 ms on their attributes (cProfile, the
    # ten-year data set). templates/summary/includes/svg.html draws the rest.

    @property
    def svg_lines(self):
        return format_html_join(
            "",
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            ((a.x1, a.y1, a.x2, a.y2, GRID_STROKE if a.grid else INK_STROKE) for a in self.lines),
        )

    @property
    def svg_rects(self):
        return format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="#000" '
            'stroke-width="1">{}</rect>',
            (
                (r.x, r.y, r.width, r.height, self.fill(r.pattern),
                 format_html("<title>{}</title>", r.title) if r.title else "")
                for r in self.rects
            ),
        )  # fmt: skip

    @property
    def svg_texts(self):
        return format_html_join(
            "",
            '<text x="{}" y="{}" text-anchor="{}" font-size="{}"{}>{}</text>',
            (
                (t.x, t.y, t.anchor, t.size, mark_safe(' font-weight="bold"') if t.bold else "",
                 t.text)
                for t in self.texts
            ),
        )  # fmt: skip

    def fill(self, pattern):
        """A bar's fill: black, light grey, white, or the chart's hatch or dots pattern."""
        return SVG_FILLS.get(pattern) or f"url(#{self.key}-{pattern})"


@dataclass
class Table:
    """A chart's numbers: ``rows`` of (label, [numbers]) under ``headers``."""

    caption: str
    headers: list
    rows: list


@dataclass
class ChartBlock:
    """One titled chart, or several small ones (small multiples), with their table;
    ``section``: the key of the summary section it is shown with."""

    key: str
    title: str
    section: str
    charts: list
    table: Table
    columns: int = 1

    @property
    def stacked(self):
        """The table under the charts rather than beside them: small multiples, or a table
        too wide for a third of the page."""
        return self.columns > 1 or len(self.table.headers) > 3


@lru_cache
def font(size, bold=False):
    loaded = ImageFont.truetype(str(fontpkg.path(FONT_FAMILY)), size)
    loaded.set_variation_by_name("Bold" if bold else "Regular")
    return loaded


# Measured: a summary's charts measure some 350 labels, mostly the same years and numbers,
# 43 of the page's 480 ms (cProfile, the ten-year data set); each text once per process.
@lru_cache(maxsize=4096)
def text_width(text, size, bold=False):
    return font(size, bold).getlength(text)


def number(value):
    return number_format(value, force_grouping=True)


def clip(text, size, width, bold=False):
    """``text`` cut with an ellipsis to fit ``width``."""
    if text_width(text, size, bold) <= width:
        return text
    while text and text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def nice_ticks(top, count=4):
    """0 and round steps up to at least ``top``."""
    if top <= 0:
        return [0, 1]
    rough = top / count
    magnitude = 10 ** int(log10(rough)) if rough >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    return [step * n for n in range(ceil(top / step) + 1)]


def column_chart(key, title, description, labels, values, *, width=640, height=260,
                 patterns=None, size=12):  # fmt: skip
    """Vertical bars, one per label, the number over each bar."""
    ticks = nice_ticks(max(values, default=0))
    left = 8 + text_width(number(ticks[-1]), size - 1) * SLACK + 6
    top, right, bottom = size + 8, 6, size + 10
    plot_w, plot_h = width - left - right, height - top - bottom
    base = top + plot_h
    chart = Chart(key, title, description, width, height)

    def y_of(value):
        return round(base - plot_h * value / ticks[-1], 1)

    for tick in ticks:
        chart.lines.append(Line(left, y_of(tick), width - right, y_of(tick), grid=tick > 0))
        chart.texts.append(Text(left - 5, y_of(tick) + 4, number(tick), "end", size - 1))
    slot = plot_w / max(len(values), 1)
    bar = round(slot * 0.7, 1)
    every = max(1, ceil(max((text_width(t, size - 1) for t in labels), default=0) / slot * 1.15))
    show_numbers = max((text_width(number(v), size - 1) for v in values), default=0) <= slot
    for n, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = round(left + slot * n + (slot - bar) / 2, 1)
        pattern = patterns[n] if patterns else "solid"
        height_of = round(base - y_of(value), 1)
        chart.rects.append(
            Rect(x, y_of(value), bar, height_of, pattern, f"{label}: {number(value)}")
        )
        middle = round(x + bar / 2, 1)
        if show_numbers:
            chart.texts.append(Text(middle, y_of(value) - 4, number(value), "middle", size - 1))
        if n % every == 0:
            chart.texts.append(Text(middle, height - 6, label, "middle", size - 1))
    chart.lines.append(Line(left, base, width - right, base))
    return chart


def grouped_bar_chart(key, title, description, categories, series, values, patterns, *,
                      width=640, size=12):  # fmt: skip
    """Horizontal bars: a group of bars (one per series) for each category, the category
    on the left, the number at the end of each bar, a legend of the patterns on top."""
    bar_h, gap = size, size - 2
    label_w = min(width * 0.35, max((text_width(c, size) for c in categories), default=0) * SLACK)
    left, right, top = 8 + label_w + 8, 8 + text_width(number(9999), size - 1), size * 2 + 14
    group_h = bar_h * len(series) + gap
    height = int(top + group_h * len(categories) + size + 14)
    base = height - size - 10
    ticks = nice_ticks(max((max(v) for v in values), default=0))
    plot_w = width - left - right
    chart = Chart(key, title, description, width, height)

    def x_of(value):
        return round(left + plot_w * value / ticks[-1], 1)

    x = 8
    for label, pattern in zip(series, patterns, strict=True):
        chart.rects.append(Rect(x, 6, size, size, pattern))
        chart.texts.append(Text(x + size + 5, 6 + size - 1, label, "start", size - 1))
        x += size + 5 + text_width(label, size - 1) + 16
    for tick in ticks:
        chart.lines.append(Line(x_of(tick), top - 4, x_of(tick), base, grid=tick > 0))
        chart.texts.append(Text(x_of(tick), height - 6, number(tick), "middle", size - 1))
    for n, (category, counts) in enumerate(zip(categories, values, strict=True)):
        y0 = top + group_h * n
        shown = clip(category, size, label_w / SLACK)
        middle = y0 + (bar_h * len(series)) / 2 + size / 3
        chart.texts.append(Text(left - 8, middle, shown, "end", size))
        for m, (name, pattern, value) in enumerate(zip(series, patterns, counts, strict=True)):
            y = y0 + bar_h * m
            title = f"{category}, {name}: {number(value)}"
            chart.rects.append(Rect(left, y, x_of(value) - left, bar_h - 1, pattern, title))
            chart.texts.append(
                Text(x_of(value) + 4, y + bar_h - 3, number(value), "start", size - 2)
            )
    chart.lines.append(Line(left, top - 4, left, base))
    return chart


# The summary's charts.


def short_label(period):
    """A period under a small bar: "2009", "19/20"."""
    if period.kind == ACADEMIC:
        return f"{period.start.year % 100:02d}/{period.end.year % 100:02d}"
    return period.label or period.slug


def month_block(period, months):
    names = [date_format(month, "M") for month, _count in months]
    if len(months) > 12:
        names = [date_format(month, "m.y") for month, _count in months]
    values = [count for _month, count in months]
    title = _("Events per month")
    busiest = max(months, key=lambda m: m[1]) if months else None
    description = _("Bars of the events held in each month of %(period)s.") % {"period": period}
    if busiest and busiest[1]:
        description += " " + _("The most: %(month)s, %(count)s.") % {
            "month": date_format(busiest[0], "F Y"),
            "count": number(busiest[1]),
        }
    chart = column_chart("chart-months", title, description, names, values)
    table = Table(
        title,
        [_("Month"), _("Events")],
        [(date_format(month, "F Y"), [count]) for month, count in months],
    )
    return ChartBlock("months", title, "events", [chart], table)


def headline_block(section):
    """Small multiples: each headline figure of a section over the last ten periods."""
    values = [item for item in section.items if not item.is_breakdown and item.headline]
    if not values:
        return None
    charts = []
    for value in values:
        periods = [period for period, _number in value.chart]
        numbers = [number or 0 for _period, number in value.chart]
        description = _("Bars of %(figure)s in each of the periods %(first)s to %(last)s.") % {
            "figure": value.label,
            "first": periods[0],
            "last": periods[-1],
        }
        charts.append(
            column_chart(
                f"chart-{section.key}-{value.key}", value.label[:1].upper() + value.label[1:],
                description, [short_label(p) for p in periods], numbers, width=320, height=170,
                patterns=["light"] * (len(numbers) - 1) + ["solid"], size=10,
            )
        )  # fmt: skip
    periods = [period for period, _number in values[0].chart]
    title = _("%(section)s: the headline figures over ten years") % {"section": section.title}
    table = Table(
        title,
        [_("Period")] + [v.label[:1].upper() + v.label[1:] for v in values],
        [(str(p), [v.chart[n][1] for v in values]) for n, p in enumerate(periods)],
    )
    return ChartBlock(f"headline-{section.key}", title, section.key, charts, table, columns=2)


def diploma_block(period, diplomas):
    title = _("Olympiad diplomas by subject and degree")
    short = [_("I degree"), _("II degree"), _("III degree")]
    description = _(
        "Bars of the diplomas of the I, II and III degree won in %(period)s in each subject, "
        "at every stage of the olympiads and tournaments."
    ) % {"period": period}
    chart = grouped_bar_chart(
        "chart-diplomas", title, description, [s for s, _c in diplomas], short,
        [c for _s, c in diplomas], [DEGREE_PATTERNS[d] for d in WINNING_DIPLOMAS],
    )  # fmt: skip
    table = Table(
        title,
        [_("Subject"), *short, _("Total")],
        [(subject, [*counts, sum(counts)]) for subject, counts in diplomas],
    )
    return ChartBlock("diplomas", title, "contests", [chart], table)


def summary_charts(period, sections):
    """[ChartBlock] of the summary of ``period`` (``sections``: summarise()'s values):
    events per month, each section's headline figures over ten years (from the values
    already read), the olympiad diplomas by subject and degree: two queries."""
    blocks = [month_block(period, events_per_month(period))]
    blocks += [block for section in sections if (block := headline_block(section))]
    diplomas = olympiad_diplomas(period)
    if diplomas:
        blocks.append(diploma_block(period, diplomas))
    return blocks


def by_section(sections, blocks):
    """[(section, [its blocks])] and the blocks of no section shown."""
    keys = {section.key for section in sections}
    parts = [(s, [b for b in blocks if b.section == s.key]) for s in sections]
    return parts, [b for b in blocks if b.section not in keys]


# PNG, for the DOCX: the same shapes, drawn by Pillow at ``scale``.


@lru_cache
def _tile(pattern, scale):
    size = 6 * scale
    tile = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(tile)
    if pattern == "solid":
        draw.rectangle([0, 0, size, size], fill=INK)
    elif pattern == "light":
        draw.rectangle([0, 0, size, size], fill=LIGHT)
    elif pattern == "hatch":
        for offset in (-size, 0, size):
            draw.line([(offset, size), (offset + size, 0)], fill=INK, width=scale)
    elif pattern == "dots":
        radius = scale
        draw.ellipse([size / 2 - radius, size / 2 - radius, size / 2 + radius, size / 2 + radius],
                     fill=INK)  # fmt: skip
    return tile


def _fill(image, box, pattern, scale):
    x0, y0, x1, y1 = (round(v) for v in box)
    if x1 <= x0 or y1 <= y0:
        return
    tile = _tile(pattern, scale)
    area = Image.new("RGB", (x1 - x0, y1 - y0))
    for tx in range(0, x1 - x0, tile.width):
        for ty in range(0, y1 - y0, tile.height):
            area.paste(tile, (tx, ty))
    image.paste(area, (x0, y0))


ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def draw_chart(image, chart, origin=(0, 0), scale=2):
    draw = ImageDraw.Draw(image)
    ox, oy = origin

    def at(x, y):
        return (ox + x) * scale, (oy + y) * scale

    for line in chart.lines:
        draw.line([at(line.x1, line.y1), at(line.x2, line.y2)],
                  fill=GRID if line.grid else INK, width=scale)  # fmt: skip
    for rect in chart.rects:
        box = (*at(rect.x, rect.y), *at(rect.x + rect.width, rect.y + rect.height))
        _fill(image, box, rect.pattern, scale)
        draw.rectangle(box, outline=INK, width=max(1, scale // 2))
    for text in chart.texts:
        draw.text(at(text.x, text.y), text.text, fill=INK, anchor=ANCHORS[text.anchor],
                  font=font(text.size * scale, text.bold))  # fmt: skip


def render_png(block, scale=2):
    """The block's charts in a grid of ``block.columns`` (each small chart under its title),
    as PNG bytes."""
    columns = min(block.columns, len(block.charts))
    caption = 16 if len(block.charts) > 1 else 0
    width = max(chart.width for chart in block.charts) * columns
    rows = [block.charts[n : n + columns] for n in range(0, len(block.charts), columns)]
    heights = [max(chart.height for chart in row) + caption for row in rows]
    image = Image.new("RGB", (width * scale, sum(heights) * scale), "white")
    draw = ImageDraw.Draw(image)
    y = 0
    for row, row_height in zip(rows, heights, strict=True):
        x = 0
        for chart in row:
            if caption:
                draw.text(
                    ((x + chart.width / 2) * scale, (y + 12) * scale),
                    clip(chart.title, 11, chart.width - 8, bold=True), fill=INK, anchor="ms",
                    font=font(11 * scale, bold=True),
                )  # fmt: skip
            draw_chart(image, chart, (x, y + caption), scale)
            x += chart.width
        y += row_height
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
