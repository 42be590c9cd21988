"""Recording an answer for the grader, and charts that work without the internet.

:func:`record` displays the answer as an output of mimetype
:data:`okrkit.answers.MIMETYPE`; the grader reads the *last* such output per
exercise from the executed notebook (see ``docs/architecture.md``).
"""

from __future__ import annotations

from ..answers import MIMETYPE, record_payload


def summary(exercise: str, answer: dict) -> str:
    """A short plain-text line for the recorded answer."""
    if not isinstance(answer, dict):
        return f"{exercise}: (no answer)"
    objectives = answer.get("objectives")
    if isinstance(objectives, list):
        krs = sum(len(o.get("key_results") or []) for o in objectives if isinstance(o, dict))
        return f"{exercise}: answer recorded ({len(objectives)} objective(s), {krs} key result(s))"
    return f"{exercise}: answer recorded ({len(answer)} field(s): {', '.join(list(map(str, answer))[:6])})"


def record(exercise: str, answer) -> dict:
    """Display ``answer`` for the grader and return the bundle that was displayed.

    ``answer`` may be a dict or a form (its ``.answer`` is recorded).
    """
    if hasattr(answer, "answer") and not isinstance(answer, dict):
        answer = answer.answer
    answer = answer if isinstance(answer, dict) else {}
    bundle = {MIMETYPE: record_payload(exercise, answer), "text/plain": summary(exercise, answer)}
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover
        print(bundle["text/plain"])
        return bundle
    display(bundle, raw=True)
    return bundle


def enable_offline_charts() -> str:
    """Make Altair charts render with no internet access; returns the renderer used.

    Uses ``alt.JupyterChart`` offline when anywidget is installed (its JavaScript
    is bundled, no CDN); otherwise renders charts to inline SVG with vl-convert.
    """
    import altair as alt

    try:
        import anywidget  # noqa: F401

        alt.JupyterChart.enable_offline()
        alt.renderers.enable("jupyter", offline=True)
        return "jupyter"
    except Exception:  # noqa: BLE001  -- never raise into the output area
        alt.renderers.enable("svg")
        return "svg"
