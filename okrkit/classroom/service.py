"""The live trainer view: a JupyterHub service that shows the class at work, and collects, grades, hands back.

JupyterHub starts it (``c.JupyterHub.services``, see :func:`service_spec`) as
``python -m okrkit.classroom.service CLASS_DIR``; it serves under ``$JUPYTERHUB_SERVICE_PREFIX``
(``/services/okrkit-trainer/``) and lets in only hub users holding the scope
``access:services!service=okrkit-trainer`` — the trainer (:func:`service_roles`).  Every page logs in
through the hub (OAuth, :class:`jupyterhub.services.auth.HubOAuthenticated`); every button is a POST
checked against the hub's xsrf token.

Pages (each in Vietnamese or English, ``?lang=vi|en``; default the class's language):

- ``./`` the participant × exercise grid: not started / in progress / checked and the current
  rubric score, refreshed every second from ``api/grid``; buttons collect, grade, hand back;
- ``findings`` the class's most common failed checks (by title) and OKR-writing findings right now;
- ``debrief`` for the projector: everyone's objectives and key results side by side, names hidden
  with ``?hide=1``.

Scores come from :class:`okrkit.classroom.progress.ClassProgress`: the answer files, scored by the
rubrics in this process.  The pages carry their CSS and script inline and load nothing else.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import secrets
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from urllib.parse import urlparse

from .. import i18n
from ..errors import OkrkitError
from .layout import ClassLayout

SERVICE_NAME = "okrkit-trainer"
REFRESH_SECONDS = 0.5

i18n.register({
    "trainer.title": {"en": "Trainer view", "vi": "Màn hình giảng viên"},
    "trainer.nav.grid": {"en": "Progress", "vi": "Tiến độ"},
    "trainer.nav.findings": {"en": "Common mistakes", "vi": "Lỗi thường gặp"},
    "trainer.nav.debrief": {"en": "Debrief (projector)", "vi": "Trình chiếu tổng kết"},
    "trainer.participant": {"en": "Participant", "vi": "Học viên"},
    "trainer.exercises_done": {"en": "Started", "vi": "Đã làm"},
    "trainer.collect": {"en": "Collect work", "vi": "Thu bài"},
    "trainer.grade": {"en": "Grade", "vi": "Chấm bài"},
    "trainer.handback": {"en": "Hand back feedback", "vi": "Trả nhận xét"},
    "trainer.busy": {"en": "Working… (grading a class takes a minute or two)",
                     "vi": "Đang thực hiện… (chấm cả lớp mất một đến hai phút)"},
    "trainer.job_failed": {"en": "Could not finish: {problem}", "vi": "Chưa làm xong: {problem}"},
    "trainer.job_running": {"en": "Another action is still running; wait for it to finish.",
                            "vi": "Một thao tác khác đang chạy; hãy đợi nó xong."},
    "trainer.updated": {"en": "Updated {time}", "vi": "Cập nhật lúc {time}"},
    "trainer.no_participants": {"en": "No participants on the roster yet.", "vi": "Danh sách lớp chưa có học viên."},
    "trainer.findings.checks": {"en": "Checks failed most often", "vi": "Tiêu chí chưa đạt nhiều nhất"},
    "trainer.findings.lint": {"en": "OKR-writing findings", "vi": "Nhận xét cách viết OKR thường gặp"},
    "trainer.findings.check": {"en": "Check", "vi": "Tiêu chí"},
    "trainer.findings.exercise": {"en": "Exercise", "vi": "Bài tập"},
    "trainer.findings.who": {"en": "Participants", "vi": "Số học viên"},
    "trainer.findings.times": {"en": "Times", "vi": "Số lần"},
    "trainer.findings.example": {"en": "Example", "vi": "Ví dụ"},
    "trainer.findings.none": {"en": "Nothing yet: no answers saved.", "vi": "Chưa có gì: chưa ai lưu bài."},
    "trainer.of": {"en": "{n} of {total}", "vi": "{n}/{total}"},
    "trainer.debrief.hide": {"en": "Hide names", "vi": "Ẩn tên"},
    "trainer.debrief.show": {"en": "Show names", "vi": "Hiện tên"},
    "trainer.debrief.none": {"en": "No objectives written yet.", "vi": "Chưa có mục tiêu nào được viết."},
    "trainer.debrief.objective": {"en": "Objective", "vi": "Mục tiêu"},
    "trainer.forbidden": {"en": "This page is for the class's trainer only. Participants: go back to your exercises.",
                          "vi": "Trang này chỉ dành cho giảng viên của lớp. Học viên: hãy quay lại bài tập của mình."},
    "trainer.error": {"en": "Something went wrong on the trainer view ({code}). Reload the page.",
                      "vi": "Màn hình giảng viên gặp lỗi ({code}). Hãy tải lại trang."},
    "trainer.other_lang": {"en": "Tiếng Việt", "vi": "English"},
    "trainer.legend": {"en": "Colour: grey not started · yellow in progress · green checked by the participant",
                       "vi": "Màu: xám chưa làm · vàng đang làm · xanh học viên đã tự kiểm tra"},
})


# ---------------------------------------------------------------- for the hub's configuration

def service_spec(layout: ClassLayout, *, port: int, ip: str = "127.0.0.1") -> dict:
    """The entry for ``c.JupyterHub.services``: the hub starts and stops the trainer view."""
    env = {"OKRKIT_CLASS_DIR": str(Path(layout.root).resolve())}
    for key in ("PYTHONPATH", "PATH", "LANG", "LC_ALL"):
        if os.environ.get(key):
            env[key] = os.environ[key]
    return {
        "name": SERVICE_NAME,
        "url": f"http://{ip}:{int(port)}",
        "command": [sys.executable, "-m", "okrkit.classroom.service", str(Path(layout.root).resolve())],
        "environment": env,
        "oauth_no_confirm": True,
        "display": True,
        "info": {"description": "okrkit: live trainer view"},
    }


def service_roles(trainer_user: str) -> list[dict]:
    """Roles for ``c.JupyterHub.load_roles``: only the trainer may open the view; it may read user names."""
    return [
        {"name": "okrkit-trainer-view", "description": "open the okrkit trainer view",
         "users": [trainer_user], "scopes": [f"access:services!service={SERVICE_NAME}"]},
        {"name": "okrkit-trainer-service", "description": "what the okrkit trainer view may read",
         "services": [SERVICE_NAME], "scopes": ["list:users", "read:users:name"]},
    ]


# ---------------------------------------------------------------- pages

CSS = """
*{box-sizing:border-box}body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',sans-serif;margin:0;
color:#1d2430;background:#f6f7f9}header{background:#1f3b5c;color:#fff;padding:.6em 1.2em;display:flex;gap:1.2em;
align-items:center;flex-wrap:wrap}header h1{font-size:1.15em;margin:0 1em 0 0;max-width:42vw;overflow:hidden;
text-overflow:ellipsis;white-space:nowrap}header a{color:#dbe8f7;text-decoration:none;
padding:.25em .6em;border-radius:.3em}header a.on{background:#fff;color:#1f3b5c;font-weight:600}header .lang{margin-left:auto}
main{padding:1em 1.2em}table{border-collapse:collapse;background:#fff}th,td{border:1px solid #d8dde4;padding:.35em .55em;
text-align:left}th{background:#eef1f5;font-weight:600}td.cell{text-align:center;min-width:4.6em;font-variant-numeric:tabular-nums}
td.not-started{background:#eceff3;color:#7a8491}td.in-progress{background:#fff4cc}td.checked{background:#d5f2dd}
td.unreadable{background:#f8d7da}.small{font-size:.82em;color:#5a6472}.bar{display:flex;gap:.6em;align-items:center;
margin:.2em 0 1em;flex-wrap:wrap}button{font:inherit;padding:.45em 1em;border-radius:.35em;border:1px solid #1f3b5c;
background:#1f3b5c;color:#fff;cursor:pointer}button.light{background:#fff;color:#1f3b5c}button:disabled{opacity:.5;cursor:wait}
#msg{font-weight:600}.chip{display:inline-block;padding:.15em .6em;border-radius:1em;margin-right:.4em}
.chip.not-started{background:#eceff3}.chip.in-progress{background:#fff4cc}.chip.checked{background:#d5f2dd}
.meter{display:inline-block;height:.7em;background:#c0392b;border-radius:.2em;vertical-align:middle}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(22em,1fr));gap:1em}.card{background:#fff;border:1px solid #d8dde4;
border-radius:.5em;padding:.8em 1em}.card h3{margin:.1em 0 .5em;font-size:1.05em;display:flex;justify-content:space-between}
.card .obj{font-weight:600;font-size:1.1em;margin:.3em 0}.card ul{margin:.2em 0 .6em 1.1em;padding:0}.card li{margin:.2em 0}
.card .label{font-size:.75em;text-transform:uppercase;letter-spacing:.04em;color:#5a6472;margin-top:.6em}
body.projector{font-size:20px}h2{font-size:1.1em;margin:1.2em 0 .5em}
"""

SCRIPT = r"""
const S = JSON.parse(document.getElementById('okrkit-state').textContent);
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) { if (k === 'class') e.className = v; else e.setAttribute(k, v); }
  for (const k of kids) e.append(k instanceof Node ? k : document.createTextNode(k == null ? '' : String(k)));
  return e;
}
async function api(path, body) {
  const opts = {headers: {'X-XSRFToken': S.xsrf}, credentials: 'same-origin'};
  if (body) { opts.method = 'POST'; opts.headers['Content-Type'] = 'application/json'; opts.body = JSON.stringify(body); }
  const r = await fetch(S.prefix + path + (path.includes('?') ? '&' : '?') + 'lang=' + S.lang, opts);
  if (!r.ok) throw new Error(r.status);
  return r.json();
}
function stamp() { return new Date().toLocaleTimeString(S.lang === 'vi' ? 'vi-VN' : 'en-US'); }
let version = -1;
async function poll() {
  try {
    const data = await api(S.api + (S.api.includes('?') ? '&' : '?') + 'since=' + version);
    if (data.version !== version || data.job) { version = data.version; window.render(data); }
    document.getElementById('updated').textContent = S.t.updated.replace('{time}', stamp());
    document.body.dataset.version = version;
  } catch (e) { document.getElementById('updated').textContent = '⚠ ' + e; }
  setTimeout(poll, S.every);
}
async function act(action) {
  document.querySelectorAll('button.act').forEach(b => b.disabled = true);
  document.getElementById('msg').textContent = S.t.busy;
  try { showJob((await api('api/action', {action})).job); } catch (e) { document.getElementById('msg').textContent = '⚠ ' + e; }
}
function showJob(job) {
  if (!job) return;
  const running = job.state === 'running';
  document.querySelectorAll('button.act').forEach(b => b.disabled = running);
  document.getElementById('msg').textContent = running ? S.t.busy : (job.message || '');
  document.getElementById('msg').dataset.state = job.state;
}
document.querySelectorAll('button.act').forEach(b => b.addEventListener('click', () => act(b.dataset.action)));
"""

GRID_SCRIPT = r"""
window.render = function (data) {
  const root = document.getElementById('view'); root.textContent = '';
  const counts = el('p', {class: 'small'});
  for (const s of ['not-started', 'in-progress', 'checked'])
    counts.append(el('span', {class: 'chip ' + s}, data.count_text[s] + ': ' + data.counts[s]));
  root.append(counts);
  if (!data.participants.length) { root.append(el('p', {}, S.t.empty)); return; }
  const head = el('tr', {}, el('th', {}, S.t.participant));
  for (const ex of data.exercises) head.append(el('th', {title: ex.title}, ex.short, el('div', {class: 'small'}, ex.title)));
  head.append(el('th', {}, S.t.done));
  const table = el('table', {id: 'grid'}, head);
  for (const p of data.participants) {
    const tr = el('tr', {'data-user': p.user}, el('th', {}, p.name));
    for (const ex of data.exercises) {
      const c = p.cells[ex.id];
      const tip = [c.status_text].concat(c.problem ? [c.problem] : [], c.failed.length ? ['✘ ' + c.failed.join('\n✘ ')] : []).join('\n');
      tr.append(el('td', {class: 'cell ' + c.status + (c.problem ? ' unreadable' : ''), 'data-exercise': ex.id,
                          'data-status': c.status, title: tip}, c.status === 'not-started' ? '·' : c.label));
    }
    tr.append(el('td', {class: 'cell'}, p.done + '/' + data.exercises.length));
    table.append(tr);
  }
  root.append(table, el('p', {class: 'small'}, S.t.legend));
  if (data.job) showJob(data.job);
};
poll();
"""

FINDINGS_SCRIPT = r"""
window.render = function (data) {
  const root = document.getElementById('view'); root.textContent = '';
  root.append(el('h2', {}, S.t.checks));
  if (!data.checks.length && !data.lint.length) { root.append(el('p', {}, S.t.none)); return; }
  const t1 = el('table', {id: 'checks'}, el('tr', {}, el('th', {}, S.t.check), el('th', {}, S.t.exercise), el('th', {}, S.t.who)));
  for (const c of data.checks) {
    const w = Math.round(120 * (c.share || 0));
    t1.append(el('tr', {}, el('td', {}, c.check), el('td', {title: c.exercise_title}, c.short + ' · ' + c.exercise_title),
                    el('td', {}, el('span', {class: 'meter', style: 'width:' + w + 'px'}), ' ', S.t.of.replace('{n}', c.participants).replace('{total}', c.of))));
  }
  root.append(t1, el('h2', {}, S.t.lint));
  const t2 = el('table', {id: 'lint'}, el('tr', {}, el('th', {}, S.t.check), el('th', {}, S.t.who), el('th', {}, S.t.times), el('th', {}, S.t.example)));
  for (const f of data.lint) t2.append(el('tr', {}, el('td', {}, f.title), el('td', {}, f.participants), el('td', {}, f.times), el('td', {class: 'small'}, f.example)));
  root.append(t2);
};
poll();
"""

DEBRIEF_SCRIPT = r"""
window.render = function (data) {
  const root = document.getElementById('view'); root.textContent = '';
  const bar = el('p', {class: 'bar'});
  for (const ch of data.choices) {
    const a = el('a', {href: '?exercise=' + ch.id + (data.hide_names ? '&hide=1' : '') + '&lang=' + S.lang}, ch.title);
    if (ch.id === data.exercise) a.style.fontWeight = '700';
    bar.append(a);
  }
  const toggle = el('a', {id: 'toggle-names', href: '?exercise=' + data.exercise + (data.hide_names ? '' : '&hide=1') + '&lang=' + S.lang},
                    data.hide_names ? S.t.show : S.t.hide);
  bar.append(el('span', {}, ' · '), toggle);
  root.append(bar);
  if (!data.cards.length) { root.append(el('p', {}, S.t.none)); return; }
  const grid = el('div', {class: 'cards'});
  for (const c of data.cards) {
    const card = el('div', {class: 'card'}, el('h3', {}, el('span', {class: 'who'}, c.name), el('span', {class: 'small'}, c.score)));
    for (const o of c.objectives) {
      card.append(el('div', {class: 'label'}, S.t.objective + (o.type_text ? ' · ' + o.type_text : '')),
                  el('div', {class: 'obj'}, o.text || '…'));
      const ul = el('ul', {}); for (const kr of o.key_results) ul.append(el('li', {}, kr)); card.append(ul);
    }
    grid.append(card);
  }
  root.append(grid);
};
poll();
"""


def page(*, lang: str, title: str, nav: str, prefix: str, xsrf: str, api: str, script: str, texts: dict,
         actions: bool = False, projector: bool = False, query: str = "") -> str:
    """One trainer page: header with navigation, an empty view the inline script fills from ``api``."""
    t = lambda key: html.escape(i18n.t(key, lang))  # noqa: E731
    other = "en" if lang == "vi" else "vi"
    links = []
    for key, href in (("grid", "./"), ("findings", "findings"), ("debrief", "debrief")):
        links.append(f"<a href='{prefix}{href}?lang={lang}' class='{'on' if key == nav else ''}'>"
                     f"{t('trainer.nav.' + key)}</a>")
    buttons = ""
    if actions:
        buttons = ("<div class='bar'>"
                   + "".join(f"<button class='act' data-action='{a}' id='btn-{a}'>{t('trainer.' + a)}</button>"
                             for a in ("collect", "grade", "handback"))
                   + "<span id='msg' role='status'></span></div>")
    state = {"lang": lang, "prefix": prefix, "xsrf": xsrf, "api": api, "every": 1000, "t": texts}
    state_json = json.dumps(state, ensure_ascii=False).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{html.escape(title)}</title><link rel="icon" href="data:,"><style>{CSS}</style></head>
<body class="{'projector' if projector else ''}"><header><h1>{html.escape(title)}</h1>{''.join(links)}
<a class="lang" href="?lang={other}{html.escape(query)}">{t('trainer.other_lang')}</a></header>
<main>{buttons}<div id="view"></div><p class="small" id="updated"></p></main>
<script type="application/json" id="okrkit-state">{state_json}</script>
<script>{SCRIPT}{script}</script></body></html>"""


# ---------------------------------------------------------------- jobs (collect, grade, hand back)

class Jobs:
    """One action at a time, run in a thread; its state is reported with every poll."""

    def __init__(self, layout: ClassLayout):
        self.layout = layout
        self.job: dict | None = None
        self._lock = threading.Lock()

    def start(self, action: str, lang: str) -> dict:
        with self._lock:
            if self.job and self.job["state"] == "running":
                return dict(self.job, message=i18n.t("trainer.job_running", lang))
            self.job = {"action": action, "state": "running", "started": time.time(), "message": ""}
        threading.Thread(target=self._run, args=(action, lang), daemon=True).start()
        return dict(self.job)

    def _run(self, action: str, lang: str) -> None:
        from . import handin

        try:
            if action == "collect":
                c = handin.collect(self.layout, lang=lang)
                msg = i18n.t("trainer.collected", lang, n=c.participants, snapshot=c.name)
            elif action == "grade":
                g = handin.grade(self.layout, lang=lang)
                msg = i18n.t("trainer.graded", lang, snapshot=g.name, n=g.executed, reused=g.reused)
            else:
                h = handin.handback(self.layout, lang=lang)
                msg = i18n.t("trainer.handed_back", lang, n=len(h.participants), snapshot=h.name)
            state = "done"
        except OkrkitError as exc:
            msg, state = i18n.t("trainer.job_failed", lang, problem=exc.line()), "failed"
        except Exception as exc:  # noqa: BLE001 - shown as one line; the trace goes to the service log
            traceback.print_exc()
            msg, state = i18n.t("trainer.job_failed", lang, problem=f"{type(exc).__name__}: {exc}"), "failed"
        with self._lock:
            self.job = {"action": action, "state": state, "finished": time.time(), "message": msg}

    def current(self) -> dict | None:
        with self._lock:
            return dict(self.job) if self.job else None


# ---------------------------------------------------------------- the tornado application

def make_app(layout: ClassLayout, *, prefix: str | None = None):
    """The trainer view's tornado application (handlers authenticate through the hub)."""
    from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
    from tornado import web

    from .progress import OKR_EXERCISES, ClassProgress

    prefix = prefix or os.environ.get("JUPYTERHUB_SERVICE_PREFIX") or f"/services/{SERVICE_NAME}/"
    if not prefix.endswith("/"):
        prefix += "/"
    progress = ClassProgress(layout)
    progress.refresh()
    jobs = Jobs(layout)

    class Base(HubOAuthenticated, web.RequestHandler):
        def lang(self) -> str:
            chosen = self.get_argument("lang", None)
            return chosen if chosen in i18n.LANGS else progress.info.lang

        def set_default_headers(self):
            self.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                            "script-src 'unsafe-inline'; connect-src 'self'; img-src data:; frame-ancestors 'self'")
            self.set_header("Cache-Control", "no-store")

        def write_error(self, status_code, **kwargs):
            lang = self.lang()
            text = i18n.t("trainer.forbidden" if status_code == 403 else "trainer.error", lang, code=status_code)
            if self.request.path.startswith(prefix + "api/"):
                self.set_header("Content-Type", "application/json")
                self.finish(json.dumps({"error": text}, ensure_ascii=False))
                return
            self.finish(f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{html.escape(text)}"
                        f"</title><style>{CSS}</style></head><body><main><p id='refusal' style='font-size:1.2em'>"
                        f"{html.escape(text)}</p></main></body></html>")

        def json(self, data: dict) -> None:
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps(data, ensure_ascii=False, default=str))

    def texts(lang: str, keys: dict[str, str]) -> dict[str, str]:
        return {k: i18n.t(v, lang) for k, v in keys.items()}

    common = {"updated": "trainer.updated", "busy": "trainer.busy"}

    class Grid(Base):
        @web.authenticated
        def get(self):
            lang = self.lang()
            t = texts(lang, {**common, "participant": "trainer.participant", "done": "trainer.exercises_done",
                             "empty": "trainer.no_participants", "legend": "trainer.legend"})
            self.finish(page(lang=lang, title=_title(progress, lang), nav="grid", prefix=prefix,
                             xsrf=self.xsrf_token.decode(), api="api/grid", script=GRID_SCRIPT, texts=t,
                             actions=True))

    class Findings(Base):
        @web.authenticated
        def get(self):
            lang = self.lang()
            t = texts(lang, {**common, "checks": "trainer.findings.checks", "lint": "trainer.findings.lint",
                             "check": "trainer.findings.check", "exercise": "trainer.findings.exercise",
                             "who": "trainer.findings.who", "times": "trainer.findings.times",
                             "example": "trainer.findings.example", "none": "trainer.findings.none",
                             "of": "trainer.of"})
            self.finish(page(lang=lang, title=_title(progress, lang), nav="findings", prefix=prefix,
                             xsrf=self.xsrf_token.decode(), api="api/findings", script=FINDINGS_SCRIPT, texts=t))

    class Debrief(Base):
        @web.authenticated
        def get(self):
            lang = self.lang()
            ex = self.get_argument("exercise", OKR_EXERCISES[0])
            hide = self.get_argument("hide", "") in ("1", "true", "yes")
            query = f"&exercise={ex}" + ("&hide=1" if hide else "")
            t = texts(lang, {**common, "hide": "trainer.debrief.hide", "show": "trainer.debrief.show",
                             "none": "trainer.debrief.none", "objective": "trainer.debrief.objective"})
            api = f"api/debrief?exercise={ex}" + ("&hide=1" if hide else "")
            self.finish(page(lang=lang, title=_title(progress, lang), nav="debrief", prefix=prefix,
                             xsrf=self.xsrf_token.decode(), api=api, script=DEBRIEF_SCRIPT, texts=t,
                             projector=True, query=query))

    class GridAPI(Base):
        @web.authenticated
        def get(self):
            data = progress.grid(self.lang())
            data["job"] = jobs.current()
            self.json(data)

    class FindingsAPI(Base):
        @web.authenticated
        def get(self):
            self.json(progress.findings(self.lang()))

    class DebriefAPI(Base):
        @web.authenticated
        def get(self):
            ex = self.get_argument("exercise", OKR_EXERCISES[0])
            if ex not in progress.exercises:
                ex = OKR_EXERCISES[0]
            lang = self.lang()
            data = progress.debrief(lang, exercise=ex, hide_names=self.get_argument("hide", "") in ("1", "true"))
            for card in data["cards"]:
                for o in card["objectives"]:
                    kind = o.pop("type", None)
                    o["type_text"] = i18n.t(f"type.{kind}", lang) if kind in ("committed", "aspirational") else ""
            self.json(data)

    class Action(Base):
        @web.authenticated
        def post(self):
            try:
                action = json.loads(self.request.body or b"{}").get("action")
            except ValueError:
                action = None
            if action not in ("collect", "grade", "handback"):
                raise web.HTTPError(400)
            self.json({"job": jobs.start(action, self.lang())})

    class Health(web.RequestHandler):
        def get(self):
            self.finish({"ok": True, "version": progress.version})

    app = web.Application([
        (prefix, Grid), (prefix + "findings", Findings), (prefix + "debrief", Debrief),
        (prefix + "api/grid", GridAPI), (prefix + "api/findings", FindingsAPI), (prefix + "api/debrief", DebriefAPI),
        (prefix + "api/action", Action), (prefix + "health", Health),
        (prefix + "oauth_callback", HubOAuthCallbackHandler),
    ], cookie_secret=secrets.token_bytes(32), xsrf_cookies=True, login_url=prefix + "oauth_callback")
    app.okrkit_progress = progress
    app.okrkit_jobs = jobs
    return app


def _title(progress, lang: str) -> str:
    base = i18n.t("trainer.title", lang)
    return f"{base} · {progress.info.title}" if progress.info.title else base


def main(argv: list[str] | None = None) -> int:
    """``python -m okrkit.classroom.service CLASS_DIR``: serve the trainer view (JupyterHub starts this)."""
    from tornado import ioloop

    parser = argparse.ArgumentParser(prog="python -m okrkit.classroom.service")
    parser.add_argument("class_dir", nargs="?", default=os.environ.get("OKRKIT_CLASS_DIR"))
    parser.add_argument("--ip", default=None)
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args(argv)
    if not args.class_dir:
        parser.error("give the class folder")
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    app = make_app(ClassLayout(Path(args.class_dir)))
    app.listen(args.port or url.port or 10101, args.ip or url.hostname or "127.0.0.1")
    progress = app.okrkit_progress
    loop = ioloop.IOLoop.current()
    ioloop.PeriodicCallback(progress.refresh, REFRESH_SECONDS * 1000).start()
    parent = os.getppid()

    def stop(*_args):
        loop.add_callback_from_signal(loop.stop)

    def orphaned():  # the hub went away without stopping us: go too
        if os.getppid() != parent:
            loop.stop()

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, stop)
    ioloop.PeriodicCallback(orphaned, 2000).start()
    print(f"okrkit trainer view on {url.geturl()} for {args.class_dir}", file=sys.stderr, flush=True)
    loop.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
