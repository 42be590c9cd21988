"""Run the workshop on the sample company: what ``okrkit demo`` (and ``make demo``) does.

1. lint and score the sample company's OKRs and print the report;
2. execute every lesson notebook (``notebooks/0*.ipynb``) with papermill and export
   each to a self-contained HTML page (no script or style from the network);
3. build the manager's planning report (HTML + Excel) on the sample data;
4. grade the bundled sample class (:func:`okrkit.grading.demo`).

Everything goes under one output folder; nothing in the kit's own folders is written to.
Steps 2 and 4 need the kit's notebooks, i.e. a source checkout; an installed kit
without them says so and skips those steps.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LESSONS_DIR = ROOT / "notebooks"

# Remote resources that an exported page must not depend on (the classroom may be offline).
_REMOTE_SCRIPT = re.compile(r"<script[^>]*\bsrc=[\"']https?://[^>]*>\s*</script>", re.IGNORECASE)
_REMOTE_LINK = re.compile(r"<link[^>]*\bhref=[\"']https?://[^>]*>", re.IGNORECASE)


def lessons() -> list[Path]:
    return sorted(LESSONS_DIR.glob("0*.ipynb"))


WIDGET_MANAGER = ROOT / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist" / "embed.js"
PAGE_TEMPLATE = "okrkit-page"   # okrkit/jupyter/data/nbconvert/templates/okrkit-page
_ASSET = re.compile(r'e\.exports=n\.p\+"([0-9a-f]+\.(woff2|woff|ttf|eot|svg))"')
_PUBLIC_PATH = 'if(!e)throw new Error("Automatic publicPath is not supported in this browser");'


def widget_manager_js() -> str | None:
    """The widget manager shipped with the kit, ready to inline in a page (``None`` when it is not installed).

    ``@jupyter-widgets/html-manager``'s ``embed.js`` (from ``node_modules``, installed by
    ``make setup``) draws every widget of a page from its saved state.  Inlined, it cannot
    find its own address, so its fonts are inlined too (woff2, which every current browser
    takes first; the older formats become empty) and it is told its address is the page's.
    """
    import base64

    if not WIDGET_MANAGER.is_file():
        return None
    js = WIDGET_MANAGER.read_text(encoding="utf-8")
    folder = WIDGET_MANAGER.parent

    def inline(m: re.Match) -> str:
        name, ext = m.group(1), m.group(2)
        if ext != "woff2" or not (folder / name).is_file():
            return 'e.exports="data:,"'
        data = base64.b64encode((folder / name).read_bytes()).decode("ascii")
        return f'e.exports="data:font/woff2;base64,{data}"'

    js = _ASSET.sub(inline, js)
    js = js.replace(_PUBLIC_PATH, 'if(!e)e="./";')
    return js.replace("</script", "<\\/script")


#: widget modules the inlined ``@jupyter-widgets/html-manager`` can draw
STATIC_WIDGET_MODULES = ("@jupyter-widgets/base", "@jupyter-widgets/controls", "@jupyter-widgets/output")


def static_widget_state(nb) -> None:
    """Leave out of ``nb``'s saved widget state what a page without a kernel cannot draw.

    A form's kernel heartbeat (:mod:`okrkit.ui.heartbeat`, an anywidget) exists to say
    "the session has stopped"; on an exported page there never was a session, and the
    standard widget manager knows no anywidget, so it would draw an error box instead.
    Such models are removed, and so are the references to them in their containers'
    ``children``; every standard control stays as it was saved.
    """
    key = "application/vnd.jupyter.widget-state+json"
    state = (nb.metadata.get("widgets") or {}).get(key, {}).get("state")
    if not state:
        return
    _live_charts_as_pictures(state)
    gone = {mid for mid, m in state.items() if m.get("model_module") not in STATIC_WIDGET_MODULES}
    if not gone:
        return
    refs = {f"IPY_MODEL_{mid}" for mid in gone}
    for mid in gone:
        del state[mid]
    for m in state.values():
        for name, value in list(m.get("state", {}).items()):
            if isinstance(value, list) and any(v in refs for v in value if isinstance(v, str)):
                m["state"][name] = [v for v in value if v not in refs]
            elif isinstance(value, str) and value in refs:
                m["state"][name] = None
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            view = out.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view and view.get("model_id") in gone:
                del out["data"]["application/vnd.jupyter.widget-view+json"]


def _live_charts_as_pictures(state: dict) -> None:
    """A live Altair chart (:mod:`okrkit.ui.livechart`, an anywidget) saved in a page's widget state becomes an HTML
    widget holding the same chart as SVG, drawn by vl-convert with its parameters as last set: the page shows
    what the participant last saw, with no kernel, no script and no network."""
    template = next((m for m in state.values() if m.get("model_name") == "HTMLModel"
                     and m.get("model_module") == "@jupyter-widgets/controls"), None)
    for mid, m in list(state.items()):
        inner = m.get("state") or {}
        if m.get("model_module") != "anywidget" or not isinstance(inner.get("spec"), dict):
            continue
        if template is None:
            continue   # nothing to draw it with: left out below, as any other anywidget
        spec = json.loads(json.dumps(inner["spec"]))
        if inner.get("state") is not None:   # okrkit.ui.livechart: the parameter `param` holds `state`
            for param in spec.get("params", []):
                if param.get("name") == inner.get("param"):
                    param["value"] = inner["state"]
        try:
            import vl_convert as vlc

            svg = vlc.vegalite_to_svg(spec)
        except Exception:   # noqa: BLE001 - a chart that cannot be drawn is left out, never a broken page
            continue
        picture = json.loads(json.dumps(template))
        picture["state"]["value"] = f"<div class='okrkit-live-picture'>{svg}</div>"
        picture["state"]["_dom_classes"] = list(inner.get("_dom_classes") or [])
        state[mid] = picture


EXPORT_NOTE = {
    "en": "Preview of the form: on this page nothing you type is saved. To practise, open the exercise in class.",
    "vi": "Bản xem trước của biểu mẫu: trên trang này, những gì bạn gõ không được lưu. "
          "Muốn thực hành, hãy mở bài tập trong lớp.",
}


def mark_export_forms(nb, lang: str | None) -> None:
    """Put one line above each form of an exported page: it is a preview, nothing typed there is saved."""
    import nbformat

    from .i18n import get_lang

    text = EXPORT_NOTE[get_lang(lang or "vi")]
    # the form's save status and language switch need a kernel: an export shows neither
    note = ("<style>.okrkit-form .okrkit-status, .okrkit-form .okrkit-lang { display: none !important; }</style>"
            "<div class='okrkit-export-note' style='font-family: system-ui, sans-serif; font-size: 0.9em; "
            "color: #6b4e00; background: #fff7e0; border-left: 3px solid #e0a800; padding: 4px 8px; "
            f"margin: 4px 0'>{text}</div>")
    for cell in nb.cells:
        outputs = cell.get("outputs", [])
        if any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in outputs):
            cell["outputs"] = [nbformat.v4.new_output("display_data", data={"text/html": note})] + outputs


def offline_html(nb, *, lang: str | None = None) -> str:
    """An executed notebook as one HTML page that needs no network, its forms drawn.

    The kit's ``okrkit-page`` template is nbconvert's ``lab`` template without its CDN
    links (require.js, MathJax, Mermaid, the widget manager from unpkg); a page with
    widgets carries the kit's widget manager inline (:func:`widget_manager_js`), so a
    lesson's "Thử sức" form shows as a form, offline.  Lessons need nothing else (charts
    are SVG).  Any remote script or stylesheet left is dropped as a last safeguard.
    """
    import copy

    from nbconvert import HTMLExporter

    from .participant import data_dir

    nb = copy.deepcopy(nb)
    static_widget_state(nb)
    mark_export_forms(nb, lang)
    resources = {"okrkit_widget_manager": widget_manager_js() if "widgets" in nb.metadata else None}
    if lang:
        resources["language_code"] = lang
    exporter = HTMLExporter(template_name=PAGE_TEMPLATE, exclude_input_prompt=True, exclude_output_prompt=True,
                            extra_template_basedirs=[str(data_dir() / "nbconvert" / "templates")])
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    body = _REMOTE_SCRIPT.sub("", body)
    body = _REMOTE_LINK.sub("", body)
    return body


def _quiet_kernel_manager(log):
    """A kernel manager whose kernels write their own chatter (start-up warnings) to ``log``."""
    from jupyter_client import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw["stderr"] = log
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return QuietKernelManager


def run_lessons(out: Path, *, lang: str, progress: bool = True) -> list[dict]:
    """Execute each lesson into ``out`` (``NAME.ipynb`` + ``NAME.html``); one row per lesson.

    Kernels' own messages go to ``out/kernels.log``; a lesson that fails is a row
    with its error in one line, and the other lessons still run.
    """
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with open(out / "kernels.log", "ab") as log:
        manager = _quiet_kernel_manager(log)
        for path in lessons():
            rows.append(run_lesson(path, out, lang=lang, kernel_manager_class=manager))
            if progress:
                r = rows[-1]
                mark = "ok " if r["status"] == "ok" else "ERR"
                print(f"  {mark} {r['lesson']:<28} {r['seconds']:5.1f} s  {r['reason']}", flush=True)
    return rows


def run_lesson(path: Path, out: Path, *, lang: str, **engine_options) -> dict:
    """Execute one lesson in a throw-away working folder; write ``out/NAME.ipynb`` and ``NAME.html``."""
    import nbformat
    import papermill as pm
    from papermill.exceptions import PapermillExecutionError

    from .files import atomic_write

    t0 = time.monotonic()
    executed = out / path.name
    with tempfile.TemporaryDirectory(prefix="okrkit-lesson-") as cwd:
        try:
            pm.execute_notebook(str(path), str(executed), parameters={"lang": lang}, kernel_name="python3",
                                cwd=cwd, progress_bar=False, log_output=False, **engine_options)
            status, reason = "ok", ""
        except PapermillExecutionError as exc:
            status, reason = "error", f"{exc.ename}: {exc.evalue}".splitlines()[0]
    if executed.exists():
        page = nbformat.read(executed, as_version=4)
        from .participant import lesson_title

        page.metadata.setdefault("title", lesson_title(path, lang) or path.stem)
        atomic_write(executed.with_suffix(".html"), offline_html(page, lang=lang))
    return {"lesson": path.stem, "status": status, "reason": reason, "seconds": round(time.monotonic() - t0, 1)}


def _heading(text: str) -> None:
    print(text)
    print("-" * 40, flush=True)


def run(out="build", *, lang: str | None = None, progress: bool = True) -> dict:
    """Run the whole demo into ``out``; return a summary (also written as ``out/demo.json``)."""
    import json

    from . import sample_company
    from .files import atomic_write
    from .i18n import get_lang
    from .lint import lint
    from .report import build_report
    from .scoring import score

    lang = get_lang(lang)
    out = Path(out)
    vi = lang == "vi"
    okrs = sample_company()
    title = f"{okrs.organization} — {okrs.period}"
    print(title)
    print("=" * len(title))
    print()
    _heading("Kiểm tra chất lượng OKR" if vi else "Lint")
    print(lint(okrs, lang=lang).text(lang))
    print()
    _heading("Chấm điểm" if vi else "Scores")
    print("\n".join(score(okrs, lang=lang).lines(lang)))
    print()

    out.mkdir(parents=True, exist_ok=True)
    have_notebooks = bool(lessons()) and (ROOT / "exercises").is_dir()
    missing = "  the kit's notebooks are not here (installed kit): run the demo from a source checkout"
    from .samples import resolve

    summary: dict = {"lang": lang, "sample": resolve(None), "out": str(out), "lessons": [], "grades": None}

    _heading(("Bài học (papermill)" if vi else "Lessons (papermill)") + f" → {out / 'lessons'}")
    if have_notebooks:
        summary["lessons"] = run_lessons(out / "lessons", lang=lang, progress=progress)
    else:
        print(missing)
    print()

    _heading(("Báo cáo kế hoạch" if vi else "Planning report") + f" → {out / 'report'}")
    html_path, xlsx_path = build_report(lang=lang).write(out / "report")
    print(f"  {html_path}\n  {xlsx_path}\n")
    summary["report"] = {"html": str(html_path), "xlsx": str(xlsx_path)}

    grades = out / "grades"
    _heading(("Chấm bài lớp mẫu" if vi else "Grading the sample class") + f" → {grades}")
    if have_notebooks:
        from .grading import demo as grade_demo

        graded = grade_demo(out, lang=lang, progress=progress)
        counts = {k: v for k, v in graded["statuses"].items() if v}
        print(f"  {grades / 'gradebook.csv'}\n  {grades / 'class_report.html'}\n  {grades / 'feedback'}/")
        print("  " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
        summary["grades"] = {"summary": str(grades / "summary.json"), "counts": counts}
    else:
        print(missing)

    failed = [r["lesson"] for r in summary["lessons"] if r["status"] != "ok"]
    summary["ok"] = not failed
    atomic_write(out / "demo.json", json.dumps(summary, ensure_ascii=False, indent=2))
    if failed:
        print(f"okrkit: error: lessons failed: {', '.join(failed)} (see {out / 'lessons'})", file=sys.stderr)
    return summary
