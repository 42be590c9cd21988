"""A form that has lost its kernel says so and stops taking input.

ipywidgets cannot see that the kernel behind a displayed form is gone: after a
kernel restart (JupyterLab) or a dead kernel (Voilà) the old fields stay
editable and what is typed into them is silently dropped.  Every
:class:`~okrkit.ui.forms.AnswerForm` therefore holds a :class:`Heartbeat`, a
tiny anywidget (its front-end code is the ES module below, shipped inside the
Python class: no CDN, no build step) that

* pings the kernel every ``interval_ms`` and gets a pong back (``model.send`` /
  ``on_msg``, anywidget's custom messages);
* treats as lost: the widget manager's disconnect on a kernel restart (the
  model's ``comm_live_update`` / ``comm:close`` events, then a ping that is not
  answered), a ``send`` that throws, or no pong for ``timeout_ms`` while the
  page is visible (a dead kernel in Voilà);
* then covers the enclosing ``.okrkit-form``, makes it ``inert`` (no typing, no
  clicking) and shows one line in the participant's language saying what
  happened and what to press — Run All in JupyterLab, reload in a page;
* uncovers the form if pongs come back (a kernel that was only busy);
* tells the kernel when a prose field (``.okrkit-typing``) is left or Enter is
  pressed in it, so that a field saved as it is typed still gets its feedback on
  leaving (see :meth:`okrkit.ui.forms.AnswerForm.typing`).

anywidget is the field's tool for this (front-end module in a Python class,
working in JupyterLab and Voilà); the kit does not ship its own JavaScript
build.  Without anywidget the form works as before, without the cover.
"""

from __future__ import annotations

import ipywidgets as W

from .. import i18n

i18n.register({
    "ui.session.lab": {
        "en": "The session has stopped — press the toolbar button 'Restart the kernel and run all cells' (▸▸) "
              "to open the exercise again; your saved answers are still there.",
        "vi": "Phiên làm việc đã dừng — bấm nút 'Khởi động lại kernel và chạy tất cả' (▸▸ trên thanh công cụ) "
              "để mở lại bài; bài đã lưu vẫn còn."},
    "ui.session.page": {
        "en": "The session has stopped — reload this page (F5) to open the exercise again; "
              "your saved answers are still there.",
        "vi": "Phiên làm việc đã dừng — tải lại trang này (phím F5) để mở lại bài; bài đã lưu vẫn còn."},
})

ESM = r"""
function render({ model, el }) {
  el.classList.add("okrkit-heartbeat");
  let seq = 0, answered = 0, oldestUnanswered = null, lost = false, timer = null;
  const now = () => Date.now();
  const form = () => el.closest(".okrkit-form");
  // a Voilà page (participant mode) is built from JupyterLab parts too: tell it by its address first
  const inLab = () => !/\/voila\//.test(window.location.pathname) &&
    !!document.querySelector(".jp-LabShell, #jp-main-dock-panel");

  function cover() {
    const f = form();
    if (!f) return;
    lost = true;
    f.classList.add("okrkit-disconnected");
    f.setAttribute("inert", "");
    if (document.activeElement && f.contains(document.activeElement)) document.activeElement.blur();
    let banner = f.querySelector(":scope > .okrkit-session-lost");
    if (!banner) {
      banner = document.createElement("div");
      banner.className = "okrkit-session-lost";
      banner.setAttribute("role", "alert");
      f.prepend(banner);
    }
    banner.textContent = "⚠ " + (inLab() ? model.get("message") : model.get("message_page"));
    el.dataset.state = "lost";
  }

  function uncover() {
    const f = form();
    lost = false;
    el.dataset.state = "alive";
    if (!f) return;
    f.classList.remove("okrkit-disconnected");
    f.removeAttribute("inert");
    const banner = f.querySelector(":scope > .okrkit-session-lost");
    if (banner) banner.remove();
  }

  function ping() {
    seq += 1;
    if (oldestUnanswered === null) oldestUnanswered = now();
    try {
      model.send({ ping: seq });
    } catch (err) {
      cover();  // the comm is closed: the kernel behind this form is gone
    }
  }

  function tick() {
    if (document.visibilityState === "hidden") return;  // timers are throttled there: judge when visible
    if (oldestUnanswered !== null && now() - oldestUnanswered > model.get("timeout_ms")) cover();
    ping();
  }

  function onMessage(msg) {
    if (msg && typeof msg.pong === "number") {
      answered = Math.max(answered, msg.pong);
      oldestUnanswered = answered >= seq ? null : oldestUnanswered;
      if (lost && !el.dataset.forced) uncover();
    }
  }

  function suspect() {
    // the widget manager let go of this model (kernel restarting or changed, comm closed): it never comes back
    el.dataset.forced = "1";
    cover();
  }

  function onVisible() {
    if (document.visibilityState === "visible") { oldestUnanswered = null; ping(); }
  }

  // a prose field (class okrkit-typing) left, or Enter in a one-line one: the kernel saves and gives feedback
  function left(event) {
    const t = event.target;
    if (t && t.closest && t.closest(".okrkit-typing") && form() && form().contains(t)) {
      try { model.send({ left: true }); } catch (err) { cover(); }
    }
  }
  function enter(event) { if (event.key === "Enter" && event.target.tagName === "INPUT") left(event); }
  let bound = null;
  function bind() {
    const f = form();
    if (!f || bound === f) return;
    f.addEventListener("focusout", left);
    f.addEventListener("keydown", enter);
    bound = f;
  }
  requestAnimationFrame(bind);
  setTimeout(bind, 500);

  model.on("msg:custom", onMessage);
  model.on("comm_live_update", suspect);
  model.on("comm:close", suspect);
  model.on("change:message", () => { if (lost) cover(); });
  document.addEventListener("visibilitychange", onVisible);
  el.dataset.state = "alive";
  ping();
  timer = setInterval(tick, model.get("interval_ms"));
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", onVisible);
    if (bound) { bound.removeEventListener("focusout", left); bound.removeEventListener("keydown", enter); }
  };
}
export default { render };
"""

CSS = """
.okrkit-form.okrkit-disconnected { position: relative; }
.okrkit-form.okrkit-disconnected > :not(.okrkit-session-lost) { opacity: 0.45; filter: grayscale(0.6); }
/* one notice for the whole form instead of JupyterLab's broken-link mark on every widget */
.okrkit-form.okrkit-disconnected .jupyter-widgets-disconnected::before,
.okrkit-form.okrkit-disconnected.jupyter-widgets-disconnected::before { display: none !important; }
.okrkit-session-lost { position: sticky; top: 0; z-index: 10; margin: 0 0 6px 0; padding: 8px 12px;
  background: #fff3cd; color: #664d03; border: 1px solid #e0b84c; border-radius: 4px;
  font: 600 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
"""


def heartbeat(*, interval_ms: int = 2000, timeout_ms: int = 15000):
    """A :class:`Heartbeat` widget, or an empty stand-in when anywidget is not installed."""
    try:
        return _heartbeat_class()(interval_ms=interval_ms, timeout_ms=timeout_ms)
    except ImportError:  # pragma: no cover - anywidget is pinned in the kit's environment
        box = W.HTML(layout=W.Layout(display="none"))
        box.add_class("okrkit-heartbeat-missing")
        return box


_CLASS = None


def _heartbeat_class():
    """The widget class, defined on first use (anywidget is imported only when a form is built)."""
    global _CLASS
    if _CLASS is None:
        import anywidget
        import traitlets

        class Heartbeat(anywidget.AnyWidget):
            """Pings the kernel from the page; covers the enclosing form when the kernel is gone."""

            _esm = ESM
            _css = CSS
            message = traitlets.Unicode("").tag(sync=True)       # in JupyterLab
            message_page = traitlets.Unicode("").tag(sync=True)  # in a page (Voilà)
            interval_ms = traitlets.Int(2000).tag(sync=True)
            timeout_ms = traitlets.Int(15000).tag(sync=True)
            pongs = 0

            def __init__(self, **kwargs):
                super().__init__(**kwargs)
                self.layout = W.Layout(width="0px", height="0px", overflow="hidden", margin="0")
                self.on_msg(self._on_ping)

            def on_left(self) -> None:  # replaced by the form: a prose field was left
                pass

            def _on_ping(self, _widget, content, _buffers) -> None:
                if not isinstance(content, dict):
                    return
                if isinstance(content.get("ping"), int):
                    self.pongs += 1
                    self.send({"pong": content["ping"]})
                elif content.get("left"):
                    self.on_left()

        _CLASS = Heartbeat
    return _CLASS
