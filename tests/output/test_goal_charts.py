"""A goal's chart a nämnd can read, the same in HTML (and PDF) and Word: axes with the unit
and round ticks, the periods, the baseline and the target as labelled lines, K and M as
series of their own told apart by more than colour, the forecast drawn as a forecast, a
text alternative, and the values in a table beside it."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from docx import Document

from verksamhetsplan.output.charts import Chart, layout, ticks

YEAR = ["--year", "2019", "--plan", "degerfors-sn-2018-2019", "--as-of", "2020-03-01"]
DELAR = ["--period", "2019-T2", "--plan", "degerfors-sn-2018-2019", "--as-of", "2020-03-01"]


def _chart(html: str, goal: str) -> str:
    start = html.index(f'aria-labelledby="diagram-{goal}-t')
    return html[html.rindex("<svg", 0, start) : html.index("</svg>", start)]


def test_a_goal_chart_has_axes_unit_lines_series_and_words(in_repo, run_vp, tmp_path) -> None:
    out = tmp_path / "r.html"
    assert run_vp("report", *YEAR, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    chart = _chart(html, "heltid-okning-2019")
    assert chart.count('class="axis"') == 2
    ticks_shown = re.findall(r'class="tick"[^>]*>([^<]+)<', chart)
    # values 34,6–54,9 % with a margin of 5 % of the top (2,745): 31,9–57,6, in steps of 10
    assert ticks_shown == ["30\u00a0%", "40\u00a0%", "50\u00a0%", "60\u00a0%"]
    assert "Basvärde 2018: 40\u00a0%" in chart and "Målvärde: 44\u00a0%" in chart
    assert 'class="baseline"' in chart and 'class="target"' in chart
    for key, dash in (("T", None), ("K", "6 3"), ("M", "2 3")):
        line = re.search(rf'<polyline class="series series-{key}"[^>]*>', chart)
        assert line is not None
        assert (
            (f'stroke-dasharray="{dash}"' in line.group(0))
            if dash
            else ("stroke-dasharray" not in line.group(0))
        )
    assert ">Kvinnor<" in chart and ">Män<" in chart  # the legend says it in words
    # the total is drawn last, on top of K and M where the lines meet
    assert chart.index("series-T") > chart.index("series-K") > chart.index("series-M")
    desc = re.search(r"<desc[^>]*>([^<]+)</desc>", chart).group(1)
    assert "Totalt: 2018-Q1 37,6" in desc and "Kvinnor: 2018-Q1 34,6" in desc
    table = html[html.index('<table class="chart-values">', html.index(chart)) :]
    assert '<th scope="row">2019-Q4</th><td class="number">42,9\u00a0%</td>' in table


def test_a_running_year_draws_its_forecast_dashed(in_repo, run_vp, tmp_path) -> None:
    out = tmp_path / "r.html"
    assert run_vp("report", *DELAR, "-o", str(out)).exit_code == 0
    chart = _chart(out.read_text(encoding="utf-8"), "heltid-okning-2019")
    assert 'class="forecast"' in chart and 'stroke-dasharray="3 3"' in chart
    assert 'class="forecast-label"' in chart and ">Prognos 2019: " in chart
    assert "2019-Q3" not in re.findall(r'class="period"[^>]*>([^<]+)<', chart)  # not measured


def test_two_close_values_are_not_stretched_floor_to_ceiling() -> None:
    chart = Chart("Två värden", " %", ["2018", "2019"], {"T": [40.0, 41.0]})
    lay = layout(chart)
    a, b = lay.scale_y(40.0), lay.scale_y(41.0)
    plot = lay.height - 40 - 34
    assert abs(a - b) < plot / 2  # a one-point rise is not half the chart
    # 0–47 in about four steps: 47 / 4 = 11,75, rounded up to a step of 20
    assert ticks(0, 47) == [0, 20, 40, 60]
    assert ticks(5.2, 6.9) == [5.0, 5.5, 6.0, 6.5, 7.0]


def test_word_has_the_chart_with_its_description_and_values(in_repo, run_vp, tmp_path) -> None:
    out = tmp_path / "r.docx"
    assert run_vp("report", *YEAR, "-f", "docx", "-o", str(out)).exit_code == 0
    document = Document(str(out))
    described = [
        el.get("descr")
        for el in document.element.body.iter()
        if el.tag.endswith("}docPr") and (el.get("title") or "").startswith("Andel heltider")
    ]
    assert described and "Totalt: 2018-Q1 37,6" in described[0]
    captions = [p.text for p in document.paragraphs if p.text.startswith("Värden i diagrammet")]
    assert "Värden i diagrammet: Andel heltider 2018–2019" in captions
    assert Path(out).stat().st_size > 0


def test_the_summary_has_bars_per_area_in_words_as_well(in_repo, run_vp, tmp_path) -> None:
    # 2019: Attraktivitet has 2 partly achieved goals; the whole plan 3 achieved, 3 partly,
    # 2 not achieved and 4 without data (the count table's own numbers).
    out = tmp_path / "r.html"
    assert run_vp("report", *YEAR, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    start = html.index('class="status-bars"')
    bars = html[start : html.index("</ul>", start)]
    assert "Attraktivitet – ◐ 2 delvis uppnått" in bars
    assert "Totalt – ✔ 3 uppnått, ◐ 3 delvis uppnått, ✘ 2 ej uppnått, ? 4 ej mätbart" in bars
    assert bars.count('<span class="bar-') >= 10
    docx = tmp_path / "r.docx"
    assert run_vp("report", *YEAR, "-f", "docx", "-o", str(docx)).exit_code == 0
    titles = [
        el.get("descr")
        for el in Document(str(docx)).element.body.iter()
        if el.tag.endswith("}docPr") and el.get("title") == "Måluppfyllelse per målområde"
    ]
    assert titles and "Totalt: ✔ 3 uppnått" in titles[0]


def test_a_sum_indicator_is_drawn_as_the_years_sums_it_is_judged_by(
    in_repo, run_vp, tmp_path
) -> None:
    """Kostnader vid hemgång is a monthly cost judged on the year's sum: a month's 400 tkr
    beside a target of 4 319 tkr for the year says nothing. The chart shows the sums, the same
    numbers as the goal's Basvärde (4 799 tkr, 2018) and Utfall (4 224 tkr)."""
    out = tmp_path / "r.html"
    assert run_vp("report", *YEAR, "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    chart = _chart(html, "hemgang-kostnader-2019")
    assert re.findall(r'class="period"[^>]*>([^<]+)<', chart) == ["2018", "2019"]
    desc = re.search(r"<desc[^>]*>([^<]+)</desc>", chart).group(1).replace("\u00a0", " ")
    assert "summa per år" in desc
    assert "Totalt: 2018 4 799 tkr, 2019 4 224 tkr." in desc
    assert "Målvärde: 4 319,1 tkr" in desc


def test_monthly_period_labels_never_touch(in_repo, run_vp, tmp_path) -> None:
    out = tmp_path / "r.html"
    assert run_vp("report", *YEAR, "-o", str(out)).exit_code == 0
    chart = _chart(out.read_text(encoding="utf-8"), "sjuktal-2019")
    labels = re.findall(
        r'<text[^>]*x="([\d.]+)"[^>]*class="period"|class="period" x="([\d.]+)"', chart
    )
    xs = [float(a or b) for a, b in labels]
    assert len(xs) >= 4
    # "2018-04" is seven characters of about 7 px at 12 px: 50 px between centres leaves room.
    assert min(b - a for a, b in itertools.pairwise(xs)) >= 50
    assert max(xs) + 24 <= 440  # the last label, centred, ends inside the chart


def test_the_pdf_charts_labels_are_drawn_in_ink(in_repo, run_vp, tmp_path) -> None:
    """WeasyPrint ignores paint-order, which once painted the labels' white outline over
    them: the words were in the PDF's text but invisible. Look at the rendered page."""
    import subprocess

    from PIL import Image
    from test_report_formats import _words, need

    need("pdftoppm")
    pdf = tmp_path / "r.pdf"
    assert run_vp("report", *YEAR, "-f", "pdf", "-o", str(pdf)).exit_code == 0

    def chart_labels(n: int) -> list:  # "Basvärde 2018: 40 %", "Målvärde: 44 %"; the
        words = _words(pdf, n)  # table's headers have no colon
        return [
            w for w, after in itertools.pairwise(words)
            if w[4] == "Målvärde:" or (w[4] == "Basvärde" and re.fullmatch(r"\d{4}:", after[4]))
        ]  # fmt: skip

    page = next(n for n in range(3, 40) if len(chart_labels(n)) >= 2)
    subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", "72", "-gray", "-png", str(pdf),
         str(tmp_path / "sida")], check=True,
    )  # fmt: skip
    image = Image.open(next(tmp_path.glob("sida*.png"))).convert("L")
    labels = chart_labels(page)
    for x0, y0, x1, y1, word in labels:
        # the upper half of the letters: the line the label stands on runs below them
        top = image.crop((int(x0), int(y0) + 1, int(x1), int(y0 + (y1 - y0) * 0.5)))
        darkest = top.getextrema()[0]
        assert darkest < 100, word


def test_long_tick_labels_are_not_cut_at_the_charts_edge() -> None:
    """Degerfors counts heltider: '45 heltider' at a 64 px margin was cut to '5 heltider' in
    Word and on the site, a wrong number on the axis. The plot moves right instead."""
    from io import BytesIO

    from PIL import Image, ImageFont

    from verksamhetsplan.output.chart_png import png
    from verksamhetsplan.output.charts import SCALE, TICK_GAP

    months = [f"2017-{m:02d}" for m in range(1, 13)]
    values: list[float | None] = [26.0 + m for m in range(12)]
    chart = Chart(
        "Heltider",
        " heltider",
        months,
        {"T": values},
        baseline=(30.0, "Basvärde 2017: 30 heltider"),
        target=(40.0, "Målvärde: 40 heltider"),
    )
    lay = layout(chart)
    assert lay.tick_labels[-1] == "45 heltider"
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 12)
    left = lay.x_of(0)
    for label in lay.tick_labels:  # each label, as DejaVu draws it, ends before the axis
        assert font.getlength(label) <= left - TICK_GAP
    image = Image.open(BytesIO(png(chart))).convert("L")
    edge = image.crop((0, 0, 2 * SCALE, image.height))
    assert edge.getextrema()[0] == 255, "ink at the chart's left edge: a label is cut"
    # a short unit keeps the usual margin: the plot is not narrowed for nothing
    narrow = layout(Chart("Andel", "\u00a0%", months, {"T": values}))
    assert narrow.x_of(0) == 64


def test_the_pngs_period_labels_stand_on_one_line() -> None:
    """'mar' and 'sep' (no tall letters) stood higher than 'jan' and 'dec' in Word: each
    label was hung from the top of its own letters. Now they share a baseline."""
    from io import BytesIO

    from PIL import Image

    from verksamhetsplan.output.chart_png import png
    from verksamhetsplan.output.charts import SCALE

    months = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    values: list[float | None] = [10.0 * m for m in range(1, 13)]
    chart = Chart("Utfall", " mnkr", months, {"T": values})
    image = Image.open(BytesIO(png(chart))).convert("L")
    lay = layout(chart)
    axis = int((lay.height - 40) * SCALE)

    def ink_bottom(index: int) -> int:
        x = int(lay.x_of(index) * SCALE)
        label = image.crop((x - 20 * SCALE, axis + 4, x + 20 * SCALE, image.height))
        ink = label.point(lambda v: 255 if v < 128 else 0)  # dark pixels lit
        return ink.getbbox()[3]

    # neither has letters below the line: mar and dec end on the same row
    assert ink_bottom(2) == ink_bottom(11)


def test_a_long_area_name_wraps_in_the_words_summary_bars() -> None:
    """An area's name as long as a sentence is not cut at the picture's right edge: it
    wraps, and the picture grows by the lines it takes."""
    from io import BytesIO

    from PIL import Image

    from verksamhetsplan.output.small_charts import status_bars_png

    counts = [{"key": "achieved", "count": 2, "symbol": "✔", "word": "uppnått"}]
    short = Image.open(BytesIO(status_bars_png([("Ekonomi", counts)])))
    name = "Minskat utanförskap och ökad självförsörjning för alla som står långt från arbete"
    long = Image.open(BytesIO(status_bars_png([(name, counts)]))).convert("L")
    assert short.height == (10 + 48) * 2  # one line of name, one of counts, the bar
    assert long.height == short.height + 13 * 2  # the name on two lines
    assert long.crop((long.width - 2, 0, long.width, long.height)).getextrema()[0] == 255
