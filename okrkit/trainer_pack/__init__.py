"""The trainer pack: handouts, certificates, slides and facilitator notes, built offline in one brand.

>>> from okrkit.trainer_pack import make_brand
>>> make_brand(org="Công ty ABC", color="#c0392b", lang="en")
Brand(org='Công ty ABC', color='#c0392b', lang='en', logo=monogram)
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from .brand import Brand, make_brand

__all__ = ["Brand", "Pack", "build", "make_brand"]

STATUS = {"error": {"vi": "lỗi khi chạy", "en": "error"}, "timeout": {"vi": "quá thời gian", "en": "timed out"},
          "missing": {"vi": "chưa nộp", "en": "not handed in"},
          "invalid-answers": {"vi": "câu trả lời không đọc được", "en": "answers unreadable"}}


@dataclass
class Pack:
    """What :func:`build` wrote: every file by kind, and who got a certificate."""

    out: Path
    lang: str
    sample: str = "saomai"
    files: dict[str, list[str]] = field(default_factory=dict)
    passed: list[str] = field(default_factory=list)
    below: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k} {len(v)}" for k, v in self.files.items())
        return f"Pack({str(self.out)!r}, {self.lang}: {counts}; certificates {len(self.passed)}, below {len(self.below)})"

    def to_dict(self) -> dict:
        return {"out": str(self.out), "lang": self.lang, "sample": self.sample, "files": self.files, "passed": self.passed, "below": self.below}


def build(out: str | Path, *, brand: Brand | None = None, grades: str | Path | None = None, pass_mark: float = 60.0,
          pdf: bool = True, lessons: Path | None = None, today: _dt.date | None = None, charts: bool = True) -> Pack:
    """Build the trainer pack into ``out``: ``index.html``, ``handouts/``, ``certificates/``, ``slides/``, ``notes/``,
    ``evaluation.html`` (learning gain from the quizzes, the survey's summary) and ``guide.html`` (the trainer guide).

    ``grades`` is the ``--out`` folder of ``okrkit grade`` (or its ``gradebook.csv``); without it the bundled
    sample class is graded into ``out/sample_grades`` first. ``pass_mark`` is a percent of all points.
    ``charts``: run each lesson that draws charts once, so that its slides show them (static SVG).
    """
    from .. import i18n
    from ..errors import InputError
    from . import certificates, handouts, notes, slides
    from .render import Printer, environment, render

    brand = brand or Brand()
    lang = brand.lang
    if not 0 <= pass_mark <= 100:
        raise InputError({"en": f"pass mark {pass_mark} is not a percent", "vi": f"điểm đạt {pass_mark} không phải phần trăm"},
                         where="--pass-mark", hint={"en": "give 0–100, e.g. 60", "vi": "ghi từ 0 tới 100, ví dụ 60"})
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if grades is None:
        from ..grading import demo

        demo(out / "sample_grades_run", lang=lang, progress=False, evaluation=True)
        grades = out / "sample_grades_run" / "grades"
    today = today or _dt.date.today()
    env = environment()
    T = lambda vi, en: vi if lang == "vi" else en  # noqa: E731
    pass_mark_text = i18n.percent(pass_mark / 100, lang)
    base = {"brand": brand, "T": T, "lang": lang}
    from ..samples import get as get_sample

    sample = get_sample(None)
    base["sample_name"] = sample.name(lang)
    pack = Pack(out=out, lang=lang, sample=sample.key, files={"handouts": [], "certificates": [], "slides": [], "notes": [],
                                           "evaluation": [], "guide": []})
    to_print: list[tuple[Path, Path, bool]] = []

    # Handouts: A4 portrait pages, HTML and PDF.
    hand_rows = []
    for stem, vi, en, template in handouts.HANDOUTS:
        html_path = render(env, template, out / "handouts" / f"{stem}.html", **base, footer_right=T(vi, en),
                           **handouts.context(stem, lang))
        pack.files["handouts"].append(str(html_path.relative_to(out)))
        hand_rows.append({"title": T(vi, en), "html": f"handouts/{stem}.html", "pdf": f"handouts/{stem}.pdf" if pdf else ""})
        to_print.append((html_path, out / "handouts" / f"{stem}.pdf", False))

    # Certificates: one landscape A4 PDF per participant at or above the pass mark, and the list of everyone.
    results = certificates.read_gradebook(grades)
    for r in results:
        r.problems = [f"{p.split(': ')[0]}: {STATUS.get(p.split(': ')[-1], {}).get(lang, p.split(': ')[-1])}"
                      for p in r.problems]
    passed, below = certificates.split(results, pass_mark)
    when = i18n.date(today, lang)
    course = T("Quản trị theo mục tiêu với OKR, KPI và Thẻ điểm cân bằng",
               "Management by objectives with OKRs, KPIs and the Balanced Scorecard")
    for r in passed:
        person = certificates.view(r, lang, org=brand.org, when=today.isoformat())
        stem = certificates.file_name(r.name)
        html_path = render(env, "certificate.html", out / "certificates" / "html" / f"{stem}.html", **base, person=person,
                           course=course, date=when, pass_mark_text=pass_mark_text, footer_right="")
        to_print.append((html_path, out / "certificates" / f"{stem}.pdf", True))
        pack.files["certificates"].append(f"certificates/{stem}.pdf")
    views = lambda rs: [certificates.view(r, lang, org=brand.org, when=today.isoformat()) for r in rs]  # noqa: E731
    list_path = render(env, "certificates_list.html", out / "certificates" / "index.html", **base, passed=views(passed),
                       below=views(below), pass_mark_text=pass_mark_text, footer_right=when,
                       source=str(Path(grades).name))
    pack.passed, pack.below = [r.name for r in passed], [r.name for r in below]

    # Slides and facilitator notes per lesson, from the lesson notebooks.
    lesson_rows = []
    for path in slides.lesson_paths(lessons):
        drawn = slides.lesson_charts(path, lang) if charts and slides.draws_charts(path) else None
        lesson = slides.read_lesson(path, lang, drawn)
        slide_path = render(env, "slides.html", out / "slides" / f"{path.stem}.html", **base, lesson=lesson)
        note = notes.lesson_notes(lesson.number, lang)
        note_path = render(env, "notes.html", out / "notes" / f"{path.stem}.html", **base, lesson=lesson, note=note,
                           footer_right=lesson.short)
        to_print.append((note_path, out / "notes" / f"{path.stem}.pdf", False))
        pack.files["slides"].append(str(slide_path.relative_to(out)))
        pack.files["notes"].append(str(note_path.relative_to(out)))
        lesson_rows.append({"title": lesson.title, "slides": f"slides/{path.stem}.html", "notes": f"notes/{path.stem}.html",
                            "notes_pdf": f"notes/{path.stem}.pdf" if pdf else ""})

    # The evaluation loop (gain from the pre- and post-course quizzes, the survey) and the trainer guide.
    from . import evaluation, guide

    eval_view = evaluation.view(grades, lang)
    render(env, "evaluation.html", out / "evaluation.html", **base, ev=eval_view, source=str(Path(grades).name),
           footer_right=when)
    pack.files["evaluation"].append("evaluation.html")
    to_print.append((out / "evaluation.html", out / "evaluation.pdf", False))
    the_guide = guide.read_guide(lang)
    if the_guide:
        render(env, "guide.html", out / "guide.html", **base, title=the_guide[0], body=the_guide[1], footer_right=when)
        pack.files["guide"].append("guide.html")

    render(env, "index.html", out / "index.html", **base, handouts=hand_rows, lessons=lesson_rows,
           certificates=str(list_path.relative_to(out)), passed=len(passed), below=len(below),
           pass_mark_text=pass_mark_text, footer_right=when, evaluation=eval_view,
           evaluation_pdf="evaluation.pdf" if pdf else "", guide="guide.html" if the_guide else "")
    if pdf:
        with Printer() as printer:
            for html_path, pdf_path, landscape in to_print:
                printer.pdf(html_path, pdf_path, landscape=landscape)
        pack.files["pdf"] = [str(p.relative_to(out)) for _, p, _ in to_print]
    (out / "pack.json").write_text(json.dumps(pack.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    return pack
