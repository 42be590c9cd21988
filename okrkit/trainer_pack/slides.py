"""Slides per lesson, generated from the lesson notebooks (one source, as exercises come from solutions).

Each markdown cell of a lesson becomes a slide in the chosen language: a lesson cell holds the Vietnamese
text, then ``<hr>``, ``*English*`` and the English text; headings and tables written ``Tiếng Việt · *English*``
keep the chosen half. Code cells stay in the notebook: the slides carry the ideas, the notebook the worked
example — except the lesson's charts: a lesson that draws charts is run once (papermill, in the pack's language,
in a scratch folder) and each chart it draws becomes a slide after the text it illustrates, as a static SVG drawn
by vl-convert (a slide opens from a USB stick and prints; no script, no network). The deck is our own small HTML page rather than reveal.js: one file per lesson that opens from a USB
stick with no folder of scripts beside it, prints one slide per page, and needs nothing from npm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

_SPLIT = re.compile(r"\n\s*<hr>\s*\n+\s*\*English\*\s*\n")
_BILINGUAL = re.compile(r"^(.*?)\s+·\s+\*(.+?)\*\s*$")          # "Ý tưởng · *The idea*"
_CELL = re.compile(r"(\*\*)?([^|*]+?)\s+·\s+\*([^|*]+?)\*(\*\*)?")   # inside a table cell
_SHORT = re.compile(r"^(?:Chọn xong|When you have chosen|Chạy ô|Run the cell)", re.I)


@dataclass
class Lesson:
    """One lesson as the pack shows it: titles, slides (HTML), timing table."""

    number: str
    stem: str
    title: str
    subtitle: str
    short: str
    slides: list[str] = field(default_factory=list)
    timing: list[tuple[str, str]] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Lesson({self.number}, {self.title!r}, {len(self.slides)} slides)"


def halves(source: str) -> tuple[str, str]:
    """A lesson cell's Vietnamese and English text (a cell with one language gives it for both)."""
    parts = _SPLIT.split(source, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (source, source)


def pick_bilingual(text: str, lang: str) -> str:
    """Keep the chosen half of every ``Việt · *English*`` heading and table cell."""
    out = []
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            m = _BILINGUAL.match(line)
            if m:
                hashes, vi = re.match(r"^(\s*#+\s*)(.*)$", m[1]).groups()
                line = hashes + (vi if lang == "vi" else m[2])
        elif line.lstrip().startswith("|"):
            line = _CELL.sub(lambda m: f"{m[1] or ''}{m[2] if lang == 'vi' else m[3]}{m[4] or ''}", line)
        out.append(line)
    return "\n".join(out)


def timing_table(first_cell: str, lang: str) -> list[tuple[str, str]]:
    """The lesson's own timing table (Phần · *Part* | Phút · *Minutes*), as (part, minutes) rows."""
    rows = []
    for line in first_cell.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and re.fullmatch(r"\**\d+\**", cells[1]):
            part = pick_bilingual(f"| {cells[0]} |", lang).strip("| ").strip("*").strip()
            rows.append((part, cells[1].strip("*")))
    return rows


def markdown_html(text: str) -> str:
    """Markdown to HTML with tables (mistune, as nbconvert uses); raw HTML in a lesson is left out."""
    import mistune

    md = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])
    return md(text)


_SPEC = re.compile(r'<script type="application/json" id="okrkit-chart-[^"]+-spec">(.*?)</script>', re.S)


def draws_charts(path: Path) -> bool:
    """Whether a code cell of the lesson imports the kit's charts (markdown that mentions them does not count)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return re.search(r"^\s*from okrkit\.ui import .*\bcharts\b", code, re.M) is not None


def lesson_charts(path: Path, lang: str) -> dict[int, list[str]]:
    """The charts a lesson draws, run in ``lang``: ``{index of the code cell: [SVG, …]}``.

    The lesson runs as a participant's would (its own parameters cell, the sample company), in a scratch
    folder so that nothing it saves lands beside the lesson.
    """
    import json
    import tempfile

    import papermill as pm
    import vl_convert as vlc

    from ..ui import charts as _charts

    version = _charts.alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    with tempfile.TemporaryDirectory(prefix="okrkit-slides-") as tmp:
        nb = pm.execute_notebook(str(path), str(Path(tmp) / path.name), parameters={"lang": lang},
                                 kernel_name="python3", cwd=tmp, progress_bar=False, log_output=False)
    found: dict[int, list[str]] = {}
    # papermill adds its own cell after the parameters cell: without it, the cells are the lesson's
    cells = [c for c in nb.cells if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]
    for i, cell in enumerate(cells):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            html = output.get("data", {}).get("text/html", "")
            for spec in _SPEC.findall(html if isinstance(html, str) else "".join(html)):
                svg = vlc.vegalite_to_svg(json.loads(spec), vl_version=version)
                found.setdefault(i, []).append(svg)
    return found


def read_lesson(path: Path, lang: str, charts: dict[int, list[str]] | None = None) -> Lesson:
    """The slides of one lesson notebook in ``lang``; ``charts`` (from :func:`lesson_charts`) adds a slide per chart."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    charts = charts or {}
    after: dict[int, list[str]] = {}   # index among markdown cells → the charts drawn before the next one
    seen = -1
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            seen += 1
        elif i in charts:
            after.setdefault(max(seen, 0), []).extend(charts[i])
    cells = [c.source for c in nb.cells if c.cell_type == "markdown"]
    vi0, en0 = halves(cells[0])
    head = vi0.splitlines()
    title_vi = head[0].lstrip("# ").strip()
    title_en = next((ln.strip("* ") for ln in head[1:3] if ln.startswith("*")), title_vi)
    title = title_vi if lang == "vi" else title_en
    short = title.split("—")[0].strip()
    first = vi0 if lang == "vi" else en0
    goals = "\n".join(ln for ln in first.splitlines()[(2 if lang == "vi" else 0):] if not ln.lstrip().startswith("|"))
    lesson = Lesson(number=path.stem[:2], stem=path.stem, title=title, short=short,
                    subtitle=title_en if lang == "vi" else title_vi, timing=timing_table(vi0, lang))
    lesson.slides.append(markdown_html(goals.strip()))
    lesson.slides.extend(_chart_slide(svg) for svg in after.get(0, []))
    for k, source in enumerate(cells[1:], start=1):
        vi, en = halves(source)
        text = (vi if lang == "vi" else en).strip()
        top = vi.lstrip().splitlines()[0] if vi.strip() else ""
        if lang == "en" and vi is not en and _BILINGUAL.match(top) and top.startswith("#") and not text.startswith("#"):
            text = pick_bilingual(top, "en") + "\n\n" + text   # the heading is written once, in both languages
        if text and not (_SHORT.match(text) and len(text) < 200):
            lesson.slides.append(markdown_html(pick_bilingual(text, lang)))
        lesson.slides.extend(_chart_slide(svg) for svg in after.get(k, []))
    return lesson


def _chart_slide(svg: str) -> str:
    """A chart alone on its slide (its title is part of the picture), scaled to the slide."""
    svg = re.sub(r"<\?xml[^>]*>\s*", "", svg)
    return f'<div class="chart">{svg}</div>'


def lessons_folder() -> Path:
    """The kit's lessons: ``notebooks/`` beside the package."""
    return Path(__file__).resolve().parents[2] / "notebooks"


def lesson_paths(folder: Path | None = None) -> list[Path]:
    """The numbered lessons, in order (``planning.ipynb`` is the manager's notebook, not a lesson)."""
    folder = folder or lessons_folder()
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
