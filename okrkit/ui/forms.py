"""What every exercise form shares: its answers file, its language, its messages.

An :class:`AnswerForm` is an ``ipywidgets.VBox`` that

* loads ``answers/<exercise>.json`` when it is built and pre-fills its fields
  (a corrupt or foreign file is moved aside by :class:`okrkit.answers.AnswerFile`;
  the form then starts empty and *says so*, naming the moved file);
* saves the whole answer on every committed change (a text field on blur or
  Enter, a slider on release), atomically, keeping earlier versions — *first*,
  before and independently of feedback, previews, charts or simulations: a
  failure there is shown beside the part concerned and never costs the save;
* never lets an exception reach the output area: a participant's mistake
  (:class:`~okrkit.errors.InputError`) is shown beside the field it concerns,
  anything else in the form's status line;
* speaks English or Vietnamese and can switch at any time (the ``en | vi``
  toggle at the top right).

With ``grading=True`` (a headless papermill run) the form only reads the file:
it saves nothing, moves nothing and waits for nothing.
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as W

from .. import i18n
from ..answers import AnswerFile
from ..answers import answers_path as default_answers_path
from ..errors import InputError, OkrkitError
from ..quantity import parse_number

i18n.register({
    "ui.lang": {"en": "Language", "vi": "Ngôn ngữ"},
    "ui.saved": {"en": "✓ Saved at {time}", "vi": "✓ Đã lưu lúc {time}"},
    "ui.loaded": {"en": "Your answers saved at {time} are back.",
                  "vi": "Đã nạp lại bài làm lưu lúc {time}."},
    "ui.new": {"en": "New answer: every change is saved as you go.",
               "vi": "Bài làm mới: mọi thay đổi được lưu ngay."},
    "ui.quarantined": {
        "en": "The answers file {path} could not be used ({problem}). It was kept aside as {moved}; "
              "the form starts empty.",
        "vi": "Không dùng được tệp bài làm {path} ({problem}). Tệp đó được giữ lại dưới tên {moved}; "
              "biểu mẫu bắt đầu trống."},
    "ui.grading": {"en": "Grading run: answers read from {path}, nothing is saved.",
                   "vi": "Đang chấm bài: đọc bài làm từ {path}, không lưu gì."},
    "ui.grading_missing": {"en": "Grading run: no usable answers in {path} ({problem}).",
                           "vi": "Đang chấm bài: không có bài làm dùng được trong {path} ({problem})."},
    "ui.save_failed": {"en": "Not saved: {problem}", "vi": "Chưa lưu được: {problem}"},
    "ui.unexpected": {"en": "Something went wrong ({problem}). Your last saved answer is safe in {path}.",
                      "vi": "Có lỗi xảy ra ({problem}). Bài làm đã lưu gần nhất vẫn an toàn trong {path}."},
    "ui.refresh_failed": {
        "en": "This part could not be updated; your answer is saved all the same. Check what you just typed, "
              "or tell your trainer.",
        "vi": "Chưa cập nhật được phần này; bài làm của bạn vẫn đã được lưu. Hãy xem lại ô vừa nhập "
              "hoặc báo giảng viên."},
    "ui.not_a_number": {"en": "'{text}' is not a number: write e.g. 800000000, 1.500.000, 800 triệu or 35%.",
                        "vi": "'{text}' không phải là số: hãy viết ví dụ 800000000, 1.500.000, 800 triệu hoặc 35%."},
})

# A little CSS shared by every form: loaded once per output (an HTML widget holding <style>).
CSS = """
<style>
.okrkit-form { max-width: 100%; box-sizing: border-box; }
.okrkit-form .okrkit-status { font-size: 0.85em; color: #555; }
.okrkit-form .okrkit-status.okrkit-warn, .okrkit-warn { color: #a94442; font-weight: 600; }
.okrkit-feedback { font-size: 0.9em; line-height: 1.35; }
.okrkit-feedback ul { margin: 2px 0 4px 0; padding-left: 1.2em; }
.okrkit-feedback li.error { color: #a94442; }
.okrkit-feedback li.warning { color: #8a6d3b; }
.okrkit-feedback li.info { color: #31708f; }
.okrkit-field-error { color: #a94442; font-size: 0.85em; }
.okrkit-flagged input, .okrkit-flagged textarea, .okrkit-flagged select, input.okrkit-flagged { border-color: #d9534f !important; background: #fff6f6; }
.okrkit-ok { color: #3c763d; }
.okrkit-tag { font-size: 0.8em; background: #e8f0fe; color: #1a4d8f; border-radius: 3px; padding: 0 4px; }
.okrkit-weight-name { line-height: 1.25; }
.okrkit-weight-name .widget-html-content, .okrkit-weight-name { white-space: normal; }
.okrkit-row { border-left: 3px solid #ddd; padding-left: 6px; margin: 4px 0; }
.okrkit-wrap { flex-wrap: wrap !important; gap: 4px 8px; }
.okrkit-weight-view { position: sticky; top: 0; align-self: flex-start; background: var(--jp-layout-color0, white); }
/* keep the weight chart in view while the sliders scroll: sticky needs visible overflow up to the notebook */
.jp-Cell-outputArea:has(.okrkit-weight-panel), .jp-OutputArea-child:has(.okrkit-weight-panel),
.jp-OutputArea-output:has(.okrkit-weight-panel), .okrkit-weight-panel, .okrkit-weight-panel .widget-box
{ overflow: visible !important; }
.okrkit-form .widget-text input, .okrkit-form .widget-textarea textarea { min-width: 0; }
/* Vietnamese in a proportional font: stacked diacritics (số một, nỗ lực) break in many monospace fonts */
.okrkit-form, .okrkit-form textarea, .okrkit-form input, .okrkit-form select, .okrkit-form .widget-label,
.okrkit-form .widget-html-content, .okrkit-feedback, .okrkit-table {
  font-family: var(--jp-ui-font-family, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
               Arial, sans-serif) !important; }
.okrkit-form textarea { font-size: 14px; line-height: 1.45; }
/* widgets have a 2px margin on each side: keep 100%-wide fields inside their box */
.okrkit-form .widget-text, .okrkit-form .widget-textarea, .okrkit-form .widget-dropdown,
.okrkit-form .widget-combobox, .okrkit-form .widget-slider { max-width: calc(100% - 4px); }
.okrkit-table { border-collapse: collapse; font-size: 0.9em; }
.okrkit-table td, .okrkit-table th { padding: 2px 6px; border-bottom: 1px solid #eee; text-align: left; }
</style>
"""


def esc(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def number_or_text(text: str, *, percent_as_share: bool = False) -> tuple[float | str | None, str | None]:
    """Read a form field: ``(number, None)``, ``(None, None)`` when empty, ``(raw_text, problem_key)``.

    A field that does not hold a number keeps the participant's text (nothing is
    lost) and reports ``ui.not_a_number``.
    """
    raw = (text or "").strip()
    if not raw:
        return None, None
    try:
        value, unit = parse_number(raw)
    except InputError:
        return raw, "ui.not_a_number"
    if percent_as_share and unit == "%":
        value = value / 100
    return (int(value) if float(value).is_integer() and abs(value) < 1e15 else value), None


def show_number(value: Any, lang: str | None = None) -> str:
    """A saved number back as field text, the way ``lang`` writes it, reading back to the same number.

    Large round amounts come back in words (Babel's compact form) as a participant
    types them, other numbers with the language's separators; never as ``2500000000``.

    >>> show_number(2_500_000_000, "vi"), show_number(2_500_000_000, "en"), show_number(2950, "vi")
    ('2,5 tỷ', '2.5 billion', '2.950')
    >>> show_number(0.85, "vi"), show_number(2_512_345_678, "vi"), show_number(None), show_number("abc")
    ('0,85', '2.512.345.678', '', 'abc')
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if value != value or abs(value) >= 1e15:
        return str(value)
    from babel.numbers import format_decimal

    lang = i18n.get_lang(lang)
    if abs(value) >= 1_000_000:
        words = i18n.amount(value, lang, unit=None)
        if _reads_as(words, value):
            return words
    text = format_decimal(value, format="#,##0.##########", locale=i18n.locale(lang))
    return text if _reads_as(text, value) else repr(value)


def show_quantity(value: Any, unit: str | None, lang: str | None = None) -> str:
    """A number with its unit for reading (not for a field): ``265.000 đồng``, ``3.169 lead``."""
    if value is None:
        return "–"
    if unit and unit.strip().upper() in ("VND", "ĐỒNG", "Đ", "VNĐ"):
        return i18n.amount(value, lang)
    return f"{show_number(value, lang)} {unit or ''}".strip()


def _reads_as(text: str, value: float) -> bool:
    try:
        back, unit = parse_number(text)
    except InputError:
        return False
    return unit is None and abs(back - value) <= 1e-9 * max(1.0, abs(value))


class AnswerForm(W.VBox):
    """Base of every exercise form: answers file, language toggle, status line, safe callbacks."""

    css_class = "okrkit-form"

    def __init__(self, exercise: str, *, answers_path: str | os.PathLike | None = None,
                 lang: str | None = None, grading: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.exercise = exercise
        self.lang = i18n.get_lang(lang)
        self.grading = bool(grading)
        self.path = Path(answers_path) if answers_path else default_answers_path(exercise)
        self.store = AnswerFile(self.path, exercise=exercise)
        self.saved_at: str | None = None
        self.save_count = 0
        self._labels: list[tuple[Any, str, str, dict]] = []
        self._filling = False  # True while pre-filling: changes are not saves
        import threading

        self._typing_lock = threading.RLock()
        self._typing_timer = None
        self._typed_dirty = False
        self.add_class("okrkit-form")
        self.add_class(self.css_class)
        self.status = W.HTML(layout=W.Layout(width="auto", flex="1 1 auto"))
        self.status.add_class("okrkit-status")
        self.lang_toggle = W.ToggleButtons(options=[("en", "en"), ("vi", "vi")], value=self.lang,
                                           layout=W.Layout(width="auto"),
                                           style={"button_width": "3em"})
        self.lang_toggle.add_class("okrkit-lang")
        self.lang_toggle.observe(self._on_lang, names="value")
        parts = [self.status, self.lang_toggle]
        if not self.grading:  # a headless grading run has no page to warn
            from .heartbeat import heartbeat

            self.heartbeat = heartbeat()
            if hasattr(self.heartbeat, "message_page"):
                self.label(self.heartbeat, "message", "ui.session.lab")
                self.label(self.heartbeat, "message_page", "ui.session.page")
                self.heartbeat.on_left = lambda: self.left_field()
            parts.append(self.heartbeat)
        self.header = W.HBox(parts,
                             layout=W.Layout(justify_content="space-between", align_items="center",
                                             width="100%"))
        self._status_key: tuple[str, dict, bool] | None = None
        #: where a failed refresh says so (each form places it beside its feedback)
        self.trouble = W.HTML()
        self.trouble.add_class("okrkit-trouble")
        self.loaded = self._load()

    # ---------------------------------------------------------------- answers file
    def _load(self) -> dict:
        """Read the saved answer (status message set); ``{}`` when there is none."""
        if self.grading:
            try:
                data = self.store.read()
            except InputError as exc:
                self.set_status("ui.grading_missing", warn=True, path=self.path, problem=exc.what)
                return {}
            self.saved_at = data.get("saved_at")
            self.set_status("ui.grading", path=self.path)
            return dict(data["answer"])
        loaded = self.store.load()
        if loaded.status == "quarantined":
            self.set_status("ui.quarantined", warn=True, path=self.path, problem=loaded.problem,
                            moved=loaded.moved_to.name if loaded.moved_to else "?")
            return {}
        if loaded.status == "ok":
            self.saved_at = loaded.saved_at
            self.set_status("ui.loaded", path=self.path, time=_short_time(loaded.saved_at, self.lang))
            return loaded.answer
        self.set_status("ui.new", path=self.path)
        return {}

    @property
    def answer(self) -> dict:  # pragma: no cover - each form defines it
        raise NotImplementedError

    #: Save on a background thread (in order, one at a time) so that the kernel is free for the
    #: next slider move while the disk syncs.  A crash still loses at most the change being written.
    save_in_background = False

    def save(self) -> bool:
        """Save the current answer; ``False`` (and a visible message) when it could not be saved.

        Forms with :attr:`save_in_background` queue the answer (a frozen copy) and
        return at once; :meth:`flush` waits until everything queued is on disk.
        """
        if self.grading or self._filling:
            return False
        if not self.save_in_background:
            return self._write(self.answer)
        import json
        import queue
        import threading

        if getattr(self, "_queue", None) is None:
            import atexit

            self._queue = queue.Queue()
            threading.Thread(target=self._writer, name=f"okrkit-save-{self.exercise}", daemon=True).start()
            atexit.register(self.flush)  # a kernel shut down or restarted normally writes what is queued
        self._queue.put(json.loads(json.dumps(self.answer)))
        return True

    def _writer(self) -> None:
        while True:
            answer = self._queue.get()
            try:
                self._write(answer)
            finally:
                self._queue.task_done()

    def flush(self) -> None:
        """Write a pending typed change now and wait until every queued save is on disk."""
        with self._typing_lock:
            timer, self._typing_timer = self._typing_timer, None
        if timer is not None:
            timer.cancel()
            self.safely(self.save)
        if getattr(self, "_queue", None) is not None:
            self._queue.join()

    def _write(self, answer: dict) -> bool:
        try:
            with self._typing_lock:  # a typed save (timer thread) and a committed one never write at once
                self.store.save(answer)
        except OkrkitError as exc:
            self.set_status("ui.save_failed", warn=True, problem=exc.line())
            return False
        except OSError as exc:
            self.set_status("ui.save_failed", warn=True, problem=f"{type(exc).__name__}: {exc}")
            return False
        self.save_count += 1
        from datetime import datetime

        self.saved_at = datetime.now().isoformat(timespec="seconds")
        self.set_status("ui.saved", path=self.path, time=_short_time(self.saved_at, self.lang))
        return True

    # ---------------------------------------------------------------- language
    def t(self, key: str, **fields) -> str:
        return i18n.t(key, self.lang, **fields)

    def label(self, widget, attr: str, key: str, **fields):
        """Set ``widget.attr`` to the message ``key`` now and on every language switch."""
        self._labels.append((widget, attr, key, fields))
        setattr(widget, attr, self._label_text(key, fields))
        return widget

    def _label_text(self, key: str, fields: dict) -> str:
        """A label's text; a field given as ``f(lang)`` (e.g. a number) is written in the current language."""
        return self.t(key, **{k: (v(self.lang) if callable(v) else v) for k, v in fields.items()})

    def set_lang(self, lang: str) -> None:
        self.lang = i18n.get_lang(lang)
        if self.lang_toggle.value != self.lang:
            self.lang_toggle.value = self.lang  # comes back through _on_lang
            return
        for widget, attr, key, fields in self._labels:
            setattr(widget, attr, self._label_text(key, fields))
        if self._status_key:
            key, fields, warn = self._status_key
            self.set_status(key, warn=warn, **fields)
        self.update_views()

    def _on_lang(self, change):
        self.safely(self.set_lang, change["new"])

    def refresh(self) -> None:
        """Recompute feedback and previews (each form overrides it)."""

    # ---------------------------------------------------------------- messages
    def set_status(self, key: str, *, warn: bool = False, **fields) -> None:
        self._status_key = (key, fields, warn)
        text = self.t(key, **{k: v for k, v in fields.items()})
        cls = "okrkit-status okrkit-warn" if warn else "okrkit-status"
        where = fields.get("path", self.path)   # for the trainer, on hovering: which file holds the answer
        self.status.value = (f"<span class='{cls}' data-saves='{self.save_count}' title='{esc(str(where))}'>"
                             f"{'⚠ ' if warn else ''}{esc(text)}</span>")
        if warn:
            self.status.add_class("okrkit-warn")
        else:
            self.status.remove_class("okrkit-warn")

    def safely(self, fn: Callable, *args, **kwargs):
        """Call ``fn``; an exception becomes a message in the status line, never a traceback."""
        try:
            return fn(*args, **kwargs)
        except OkrkitError as exc:
            self.set_status("ui.save_failed", warn=True, problem=exc.line())
        except Exception as exc:  # noqa: BLE001  -- a bug must not cost the participant their work
            self.set_status("ui.unexpected", warn=True, path=self.path,
                            problem=f"{type(exc).__name__}: {exc}")
        return None

    def committed(self, fn: Callable | None = None):
        """Observer for a committed change: run ``fn`` (if any), **save**, then update the views.

        The save comes before (and does not depend on) feedback, previews, charts or
        simulations: if those fail the failure is shown beside them and the answer
        is on disk all the same.
        """
        def handler(change=None):
            if self._filling:
                return
            if fn is not None:
                self.safely(fn, change)
            self.safely(self.save)
            self.update_views()
        return handler

    #: seconds of quiet after the last keystroke before a prose field is saved
    typing_delay = 0.6

    def typing(self, widget):
        """Make a prose field save *as it is typed* (debounced), with feedback when the field is left.

        With the page's heartbeat the field sends every keystroke to the kernel; each
        pause of :attr:`typing_delay` seconds saves the whole answer, so closing the tab
        mid-sentence loses nothing.  Leaving the field (the heartbeat reports it) saves at
        once and runs the feedback.  A change set from Python (not typed) is a committed
        change, as before.  Without the heartbeat the field commits on leaving, as before.
        """
        live = hasattr(getattr(self, "heartbeat", None), "on_left")
        widget.continuous_update = live
        widget.add_class("okrkit-typing")
        commit = self.committed()

        def handler(change):
            if self._filling:
                return
            if live and "value" in widget._property_lock:  # a keystroke from the page
                self._typed_pending()
            else:
                commit(change)
        widget.observe(handler, names="value")
        return widget

    def _typed_pending(self) -> None:
        import threading

        with self._typing_lock:
            if self._typing_timer is not None:
                self._typing_timer.cancel()
            self._typing_timer = threading.Timer(self.typing_delay, self._typed_save)
            self._typing_timer.daemon = True
            self._typing_timer.start()
            self._typed_dirty = True

    def _typed_save(self) -> None:
        with self._typing_lock:
            self._typing_timer = None
        self.safely(self.save)

    def left_field(self) -> None:
        """The participant left a prose field: save now (if anything was typed) and give feedback."""
        with self._typing_lock:
            timer, self._typing_timer = self._typing_timer, None
            dirty, self._typed_dirty = self._typed_dirty, False
        if timer is not None:
            timer.cancel()
        if dirty:
            self.safely(self.save)
            self.update_views()

    def update_views(self) -> bool:
        """Run :meth:`refresh`; a failure is shown in :attr:`trouble`, never in place of the save status."""
        try:
            self.refresh()
        except Exception as exc:  # noqa: BLE001  -- feedback failing must not cost the participant anything
            self.trouble.value = self.trouble_html(exc)
            return False
        self.trouble.value = ""
        return True

    def trouble_html(self, exc: BaseException) -> str:
        """A part that could not be drawn: one line in the participant's language.

        The technical reason (for the trainer) is kept in the ``data-problem`` attribute, not shown.
        """
        problem = exc.line() if isinstance(exc, OkrkitError) else f"{type(exc).__name__}: {exc}"
        return (f"<div class='okrkit-warn okrkit-part-problem' data-problem='{esc(problem)}'>"
                f"⚠ {esc(self.t('ui.refresh_failed'))}</div>")

    def part(self, widget, draw: Callable[[], str]) -> bool:
        """Set ``widget.value`` to ``draw()``; if drawing fails, to the one-line warning instead."""
        try:
            widget.value = draw()
        except Exception as exc:  # noqa: BLE001  -- one part failing leaves the others and the save intact
            widget.value = self.trouble_html(exc)
            return False
        return True


def guarded(method):
    """Decorate a form method so that it never raises into the output area."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        return self.safely(method, self, *args, **kwargs)
    return wrapper


def _short_time(stamp: str | None, lang: str | None = None) -> str:
    """When an answer was saved, as a participant reads it: ``23:41:05`` today, with the date otherwise.

    Babel writes the time and date the way ``lang`` does (``23:41:05 · 30/11/2026`` in vi,
    ``11:41:05 PM · Nov 30, 2026`` in en); the ISO stamp stays in the answers file.
    """
    if not stamp:
        return "?"
    from datetime import datetime

    from babel.dates import format_time

    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    lang = i18n.get_lang(lang)
    text = format_time(moment, "HH:mm:ss" if lang == "vi" else "medium", locale=i18n.locale(lang))
    if moment.date() != datetime.now(moment.tzinfo).date():
        text += " · " + i18n.date(moment.date(), lang)
    return text


def style_widget() -> W.HTML:
    """The forms' shared CSS as a (hidden) HTML widget."""
    box = W.HTML(CSS, layout=W.Layout(display="none"))
    box.add_class("okrkit-css")
    return box


def field_box(label: W.Widget, field: W.Widget, error: W.Widget | None = None, *, width: str = "9.5em"):
    """A small labelled field (label above) that wraps well at laptop width."""
    children = [label, field] + ([error] if error is not None else [])
    return W.VBox(children, layout=W.Layout(width=width, min_width="6em", flex="0 1 auto"))
