"""Build the participants' exercise notebooks from the trainer's solution notebooks.

``solutions/`` is the source of truth.  Each exercise notebook is made from its
solution by an ordered list of small steps (:data:`STEPS`, one signature each:
``step(nb, name) -> nb``), in the spirit of nbgrader's preprocessors:

1. :func:`drop_solution_cells` removes every cell tagged ``solution`` (the
   reference answer that pre-fills a form, hidden explanations, …).  It runs
   first so that nothing below ever looks at hidden text.
2. :func:`replace_solution_regions` replaces each ``# BEGIN SOLUTION`` …
   ``# END SOLUTION`` region of a code cell by its prompt: the commented lines of
   a following ``# BEGIN PROMPT`` … ``# END PROMPT`` block, uncommented (in the
   solution they are comments, so both versions run).  Without a prompt block
   the region becomes one ``...`` line with a bilingual "write your answer" note.
3. :func:`clear_outputs` clears outputs and execution counts, and drops the
   run-time metadata that Jupyter and papermill leave behind.
4. :func:`check_no_leak` refuses to write an exercise that still holds a
   ``solution`` tag or a solution marker (an unbalanced region, a typo).

Then the class steps (:func:`class_steps`) make the notebook the participant's:
the ``lang`` parameter set to the class language (``okrkit assign --lang``), code
cells collapsed in JupyterLab (``metadata.jupyter.source_hidden``), a first line
that says what to press (tagged ``okrkit-lab-only``: participant pages run by
themselves and leave it out) and the page title in the class language.

Cell ids are kept, parameters cells are kept as they are, and the notebook is
written with sorted keys: the same solution always gives the same bytes, so
``okrkit assign --check`` can tell when ``exercises/`` is out of date.

Examples
--------
>>> src = '''x = 1
... # BEGIN SOLUTION
... answer = {"x": x}
... # END SOLUTION
... # BEGIN PROMPT
... # answer = {}  # TODO
... # END PROMPT'''
>>> print(strip_source(src))
x = 1
answer = {}  # TODO
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

SOLUTION_TAG = "solution"
BEGIN, END = "# BEGIN SOLUTION", "# END SOLUTION"
BEGIN_PROMPT, END_PROMPT = "# BEGIN PROMPT", "# END PROMPT"
DEFAULT_PROMPT = ("# ✍️ Viết lời giải của bạn ở đây. / Write your answer here.", "...")
# Run-time metadata that must not travel into the participants' copies.
CELL_RUNTIME_KEYS = ("execution", "papermill", "collapsed", "scrolled", "ExecuteTime")
NOTEBOOK_RUNTIME_KEYS = ("papermill", "widgets", "toc", "varInspector")
_MARKER = re.compile(r"^\s*# (BEGIN|END) (SOLUTION|PROMPT)\b", re.IGNORECASE)


# ---------------------------------------------------------------- source regions

def strip_source(source: str, *, where: str = "") -> str:
    """``source`` with solution regions replaced by their prompts (see the module docstring)."""
    lines = source.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.upper().startswith(END) or stripped.upper().startswith(END_PROMPT):
            raise InputError(f"'{stripped}' without its BEGIN line", where=f"{where}line {i + 1}",
                             hint=f"put '{BEGIN}' before the reference answer")
        if stripped.upper().startswith(BEGIN_PROMPT):
            raise InputError("a PROMPT block must follow a SOLUTION region", where=f"{where}line {i + 1}",
                             hint=f"write '{BEGIN}' … '{END}' first, then the prompt")
        if not stripped.upper().startswith(BEGIN):
            out.append(line)
            i += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        j = _find(lines, i + 1, END, where)
        k = j + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        if k < len(lines) and lines[k].strip().upper().startswith(BEGIN_PROMPT):
            end_prompt = _find(lines, k + 1, END_PROMPT, where)
            out.extend(_uncomment(p) for p in lines[k + 1:end_prompt])
            i = end_prompt + 1
        else:
            out.extend(indent + p for p in DEFAULT_PROMPT)
            i = j + 1
    return "\n".join(out)


def _find(lines: list[str], start: int, marker: str, where: str) -> int:
    for n in range(start, len(lines)):
        s = lines[n].strip().upper()
        if s.startswith(marker):
            return n
        if _MARKER.match(lines[n]) and not s.startswith(marker):
            break
    raise InputError(f"'{marker.replace('# END', '# BEGIN')}' without its '{marker}' line",
                     where=f"{where}line {start}", hint=f"close the region with '{marker}'")


def _uncomment(line: str) -> str:
    """``# answer = {}`` → ``answer = {}`` (indentation kept)."""
    body = line.lstrip()
    indent = line[: len(line) - len(body)]
    if body.startswith("# "):
        return indent + body[2:]
    if body.startswith("#"):
        return indent + body[1:]
    return line


# ---------------------------------------------------------------- steps

def tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def drop_solution_cells(nb, name: str):
    """Remove every cell tagged ``solution``."""
    nb.cells = [c for c in nb.cells if SOLUTION_TAG not in tags(c)]
    return nb


def replace_solution_regions(nb, name: str):
    """Replace ``# BEGIN SOLUTION`` … ``# END SOLUTION`` regions in code cells by their prompts."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and re.search(r"BEGIN\s+SOLUTION|END\s+SOLUTION|BEGIN\s+PROMPT",
                                                  cell.source or "", re.IGNORECASE):
            cell.source = strip_source(cell.source, where=f"{name}, cell {index + 1}, ")
    return nb


def clear_outputs(nb, name: str):
    """Clear outputs, execution counts and run-time metadata."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        for key in CELL_RUNTIME_KEYS:
            cell.metadata.pop(key, None)
    for key in NOTEBOOK_RUNTIME_KEYS:
        nb.metadata.pop(key, None)
    return nb


def check_no_leak(nb, name: str):
    """Refuse an exercise that still carries a ``solution`` tag or a solution marker."""
    for index, cell in enumerate(nb.cells):
        if SOLUTION_TAG in tags(cell):
            raise InputError("a cell tagged 'solution' would reach the participants", file=name,
                             where=f"cell {index + 1}", hint="this is a bug in okrkit assign; please report it")
        if re.search(r"BEGIN SOLUTION|END SOLUTION", cell.source or "", re.IGNORECASE):
            raise InputError("solution markers would reach the participants", file=name, where=f"cell {index + 1}",
                             hint=f"solution regions live in code cells; tag a markdown cell '{SOLUTION_TAG}' "
                                  "to hide it whole")
    return nb


def ensure_ids(nb, name: str):
    """Give cells without an id a stable one (derived from the notebook name and position)."""
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        cid = cell.get("id")
        if not cid or cid in seen:
            cid = hashlib.sha1(f"{name}:{index}".encode()).hexdigest()[:8]
            cell["id"] = cid
        seen.add(cid)
    return nb


# Order matters: hidden cells go before anything reads sources; the leak check comes last.
STEPS: tuple[Callable, ...] = (drop_solution_cells, replace_solution_regions, clear_outputs, ensure_ids,
                               check_no_leak)


# ---------------------------------------------------------------- the class's copy

LAB_ONLY_TAG = "okrkit-lab-only"   # shown in JupyterLab, left out of participant pages (see okrkit.participant)
HOWTO_ID = "okrkit-howto"
HOWTO = {
    "vi": "**Bấm ▶▶ trên thanh công cụ** (*Khởi động lại kernel và chạy tất cả*), chọn **Khởi động lại**, rồi điền "
          "vào các ô bên dưới — không cần viết mã. Bài đã lưu sẽ tự hiện lại.",
    "en": "**Press ▶▶ in the toolbar** (*Restart Kernel and Run All*), choose **Restart**, then fill in the forms "
          "below — no code to write. What you saved comes back by itself.",
}
_LANG_LINE = re.compile(r"^(\s*lang\s*=\s*)([\"'])(en|vi)\2", re.MULTILINE)


def notebook_lang(nb) -> str | None:
    """The default of the ``lang`` parameter in the notebook's parameters cell (``None`` without one)."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in tags(cell):
            m = _LANG_LINE.search(cell.source or "")
            return m.group(3) if m else None
    return None


def set_lang(nb, name: str, lang: str | None = None):
    """Set the ``lang`` parameter's default to the class language (the rest of the cell is kept)."""
    if lang is None:
        return nb
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in tags(cell):
            if not _LANG_LINE.search(cell.source or ""):
                raise InputError("the parameters cell has no `lang = \"vi\"` line", file=name,
                                 hint="add `lang = \"vi\"` (or \"en\") to the cell tagged parameters")
            cell.source = _LANG_LINE.sub(lambda m: f"{m.group(1)}{m.group(2)}{lang}{m.group(2)}", cell.source,
                                         count=1)
    return nb


def collapse_code(nb, name: str, lang: str | None = None):
    """Collapse every code cell in JupyterLab (its output, the form, stays in view)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
    return nb


def add_howto(nb, name: str, lang: str | None = None):
    """Put the line that says what to press first, in the class language (shown in JupyterLab only)."""
    import nbformat

    lang = lang or notebook_lang(nb) or "vi"
    nb.cells = [c for c in nb.cells if c.get("id") != HOWTO_ID]
    cell = nbformat.v4.new_markdown_cell(HOWTO[lang])
    cell["id"] = HOWTO_ID
    cell.metadata["tags"] = [LAB_ONLY_TAG]
    nb.cells.insert(0, cell)
    return nb


def set_title(nb, name: str, lang: str | None = None):
    """The participant page's title: the exercise's number and title in the class language."""
    from .rubrics import EVALUATION_IDS, IDS, title

    lang = lang or notebook_lang(nb) or "vi"
    stem = Path(name).stem
    if stem in IDS:
        word = "Bài tập" if lang == "vi" else "Exercise"
        nb.metadata["title"] = f"{word} {IDS.index(stem) + 1} · {title(stem, lang)}"
    elif stem in EVALUATION_IDS:  # the quizzes and the survey carry no exercise number
        nb.metadata["title"] = title(stem, lang)
    return nb


# Order: the language first (the others speak it); the how-to line goes in after the ids are settled.
CLASS_STEPS: tuple[Callable, ...] = (set_lang, collapse_code, add_howto, set_title)


# ---------------------------------------------------------------- notebooks and folders

def make_exercise(solution, name: str = "notebook", *, lang: str | None = None):
    """The exercise version of a solution notebook (an ``nbformat`` node; the input is not changed).

    ``lang`` (``en`` or ``vi``) is the class language; ``None`` keeps the solution's default.
    """
    if lang is not None and lang not in HOWTO:
        raise InputError(f"unknown language {lang!r}", where="--lang", hint="use 'en' (English) or 'vi' (tiếng Việt)")
    nb = copy.deepcopy(solution)
    if nb.get("nbformat", 4) == 4 and nb.get("nbformat_minor", 0) < 5:
        nb.nbformat_minor = 5  # cell ids
    for step in STEPS:
        nb = step(nb, name)
    for step in CLASS_STEPS:
        nb = step(nb, name, lang)
    return check_no_leak(nb, name)


def render(nb) -> str:
    """The notebook as text, the way ``nbformat.write`` writes it (sorted keys, final newline)."""
    import nbformat

    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"


def read_notebook(path: Path):
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - nbformat raises several types for a bad file
        raise InputError(f"cannot read the notebook ({type(exc).__name__}: {exc})".splitlines()[0], file=str(path),
                         hint="open it in Jupyter and save it again") from None


def exercise_text(solution_path: str | os.PathLike, *, lang: str | None = None) -> str:
    """The exercise notebook's text for the solution at ``solution_path`` (class language ``lang``)."""
    p = Path(solution_path)
    return render(make_exercise(read_notebook(p), p.name, lang=lang))


@dataclass(frozen=True)
class AssignResult:
    """What :func:`assign` found: notebooks written (or stale, with ``check``), up to date, orphans."""

    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()
    orphans: tuple[str, ...] = field(default=())
    cleaned: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.stale and not self.orphans

    def lines(self) -> list[str]:
        out = [f"cleared outputs in {n}" for n in self.cleaned]
        out += [f"wrote {n}" for n in self.written]
        out += [f"out of date: {n}" for n in self.stale]
        out += [f"no solution for: {n} (delete it, or add the solution)" for n in self.orphans]
        out.append(f"{len(self.unchanged)} exercise notebook(s) up to date")
        return out


def clean_text(path: Path) -> str:
    """A solution notebook's text with outputs, execution counts and run-time metadata cleared."""
    nb = read_notebook(path)
    for step in (clear_outputs, ensure_ids):
        nb = step(nb, path.name)
    return render(nb)


def assign(solutions: str | os.PathLike = "solutions", exercises: str | os.PathLike = "exercises", *,
           check: bool = False, clean: bool = False, lang: str | None = None) -> AssignResult:
    """Build ``exercises/*.ipynb`` from ``solutions/*.ipynb``; with ``check`` only compare.

    ``lang`` is the class language (the notebooks' ``lang`` default, the first line, the page
    title); ``None`` keeps each solution's own default.

    With ``clean`` the solution notebooks themselves are first cleared of outputs
    (a trainer who ran and saved a solution in Jupyter commits it clean).
    Files are written atomically and only when their text changes.
    """
    from .files import atomic_write

    src, dst = Path(solutions), Path(exercises)
    if not src.is_dir():
        raise InputError("the solutions folder does not exist", file=str(src),
                         hint="run the command from the kit's folder, or pass --solutions DIR")
    sources = sorted(src.glob("*.ipynb"))
    if not sources:
        raise InputError("no solution notebooks found", file=str(src), hint="solution notebooks end in .ipynb")
    written, unchanged, stale, cleaned = [], [], [], []
    if clean and not check:
        for path in sources:
            text = clean_text(path)
            if path.read_text(encoding="utf-8") != text:
                atomic_write(path, text)
                cleaned.append(str(path))
    for path in sources:
        text = exercise_text(path, lang=lang)
        target = dst / path.name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            unchanged.append(str(target))
        elif check:
            stale.append(str(target))
        else:
            atomic_write(target, text)
            written.append(str(target))
    names = {p.name for p in sources}
    orphans = tuple(str(p) for p in sorted(dst.glob("*.ipynb")) if p.name not in names) if dst.is_dir() else ()
    return AssignResult(tuple(written), tuple(unchanged), tuple(stale), orphans, tuple(cleaned))
