"""Slides per lesson, generated from the lesson notebooks (one source, as exercises come from solutions).

Each markdown cell of a lesson becomes a slide in the chosen language: a lesson cell holds the Vietnamese
text, then ``<hr>``, ``*English*`` and the English text; headings and tables written ``Tiếng Việt · *English*``
keep the chosen half. Code cells stay in the notebook: the slides carry the ideas, the notebook the worked
example. The deck is our own small HTML page rather than reveal.js: one file per lesson that opens from a USB
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


def read_lesson(path: Path, lang: str) -> Lesson:
    """The slides of one lesson notebook in ``lang``."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
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
    for source in cells[1:]:
        vi, en = halves(source)
        text = (vi if lang == "vi" else en).strip()
        top = vi.lstrip().splitlines()[0] if vi.strip() else ""
        if lang == "en" and vi is not en and _BILINGUAL.match(top) and top.startswith("#") and not text.startswith("#"):
            text = pick_bilingual(top, "en") + "\n\n" + text   # the heading is written once, in both languages
        if not text or (_SHORT.match(text) and len(text) < 200):
            continue
        lesson.slides.append(markdown_html(pick_bilingual(text, lang)))
    return lesson


def lessons_folder() -> Path:
    """The kit's lessons: ``notebooks/`` beside the package."""
    return Path(__file__).resolve().parents[2] / "notebooks"


def lesson_paths(folder: Path | None = None) -> list[Path]:
    """The numbered lessons, in order (``planning.ipynb`` is the manager's notebook, not a lesson)."""
    folder = folder or lessons_folder()
    return sorted(p for p in folder.glob("[0-9][0-9]_*.ipynb"))
