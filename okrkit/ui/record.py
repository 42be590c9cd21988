"""Recording an answer for the grader, and charts that work without the internet.

:func:`record` displays the answer as an output of mimetype
:data:`okrkit.answers.MIMETYPE`; the grader reads the *last* such output per
exercise from the executed notebook (see ``docs/architecture.md``).
"""

from __future__ import annotations

from .. import i18n
from ..answers import MIMETYPE, record_payload

i18n.register({
    "ui.recorded": {"en": "Your answer is recorded for your trainer.",
                    "vi": "Bài làm của bạn đã được ghi lại để giảng viên chấm."},
})


class Recorded(dict):
    """The bundle :func:`record` displayed; as a cell's last value it shows nothing more (no dict on the page)."""

    def _ipython_display_(self) -> None:
        return None


def summary(exercise: str, answer: dict) -> str:
    """A short plain-text line for the recorded answer."""
    if not isinstance(answer, dict):
        return f"{exercise}: (no answer)"
    objectives = answer.get("objectives")
    if isinstance(objectives, list):
        krs = sum(len(o.get("key_results") or []) for o in objectives if isinstance(o, dict))
        return f"{exercise}: answer recorded ({len(objectives)} objective(s), {krs} key result(s))"
    return f"{exercise}: answer recorded ({len(answer)} field(s): {', '.join(list(map(str, answer))[:6])})"


def record(exercise: str, answer, *, lang: str | None = None) -> Recorded:
    """Display ``answer`` for the grader and return the bundle that was displayed.

    ``answer`` may be a dict or a form (its ``.answer`` is recorded, and its language
    is used for the one line the participant sees).
    """
    from .forms import esc

    if hasattr(answer, "answer") and not isinstance(answer, dict):
        lang = lang or getattr(answer, "lang", None)
        answer = answer.answer
    answer = answer if isinstance(answer, dict) else {}
    line = i18n.t("ui.recorded", lang)
    bundle = Recorded({MIMETYPE: record_payload(exercise, answer), "text/plain": summary(exercise, answer),
                       # what JupyterLab and Voilà show: one line in the participant's language, not a printout
                       "text/html": f"<div class='okrkit-recorded' style='color:#3c763d;font-family:sans-serif'>"
                                    f"✓ {esc(line)}</div>"})
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover
        print(bundle["text/plain"])
        return bundle
    display(bundle, raw=True)
    return bundle


def enable_offline_charts() -> str:
    """Make Altair charts render with no internet access; returns the renderer used.

    Puts the Vega scripts shipped with the kit on the page once and draws every chart
    with them (interactive, also in the exported page opened from ``file://``); without
    the kit's ``node_modules``, charts are static SVG.  See :func:`okrkit.ui.charts.enable_offline`.
    """
    try:
        from .charts import enable_offline

        return enable_offline()
    except Exception:  # noqa: BLE001  -- never raise into the output area
        import altair as alt

        alt.renderers.enable("svg")
        return "svg"
