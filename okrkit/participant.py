"""Participant mode: every exercise and lesson as a page of forms, served by the same Jupyter server as JupyterLab.

Voilà, a Jupyter server extension, renders a notebook at ``voila/render/<path>``:
it runs the notebook in a fresh kernel and shows its outputs (the forms) without
the code.  One ``jupyter lab`` (or a hub's single-user server) started with
:func:`server_env` therefore serves both roles:

- participants open :func:`exercise_url` pages (nothing to run, no code to see);
- the trainer, or a participant who wants the notebook, opens JupyterLab (in the
  class language, without the "Jupyter news" toast).

The kit's Jupyter configuration lives in ``okrkit/jupyter/``:

``config/jupyter_server_config.py``
    Voilà's ``okrkit`` template, sources stripped, no tracebacks on the page;
    JupyterLab settings overrides chosen by ``OKRKIT_LANG``; no news, no update check.
``data/voila/templates/okrkit/``
    the template: Voilà's ``lab`` template without its CDN links (FontAwesome,
    Mermaid), so that a page loads nothing from the network; cells tagged
    ``okrkit-lab-only`` (the "press Run All" line) are left out of the page.
``lab/<lang>/overrides.json``
    JupyterLab's language (the ``vi_VN`` language pack for ``vi``), news toast off.

Addresses are relative to the server's base URL, so the same links work under a
hub's ``/user/<name>/`` prefix.

Examples
--------
>>> exercise_url("ex01_sales_okr")
'voila/render/exercises/ex01_sales_okr.ipynb'
>>> exercise_url("ex01_sales_okr.ipynb", folder="")
'voila/render/ex01_sales_okr.ipynb'
>>> sorted(server_env("vi"))
['JUPYTER_CONFIG_PATH', 'JUPYTER_PATH', 'OKRKIT_LANG']
>>> [title for title, _ in links("/user/lan/", lang="vi")][:2]
['JupyterLab (giảng viên)', 'Bài tập 1 · Viết OKR cho bộ phận Kinh doanh']
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from .assign import LAB_ONLY_TAG  # noqa: F401 - cells JupyterLab shows and participant pages leave out
from .i18n import get_lang

KIT_JUPYTER = Path(__file__).resolve().parent / "jupyter"
ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = "okrkit"                # the kit's Voilà template (data/voila/templates/okrkit)


def config_dir() -> Path:
    """The kit's Jupyter config folder: put it first on ``JUPYTER_CONFIG_PATH``."""
    return KIT_JUPYTER / "config"


def data_dir() -> Path:
    """The kit's Jupyter data folder (Voilà's ``okrkit`` template): put it first on ``JUPYTER_PATH``."""
    return KIT_JUPYTER / "data"


def lab_settings_dir(lang: str | None = None) -> Path:
    """JupyterLab's application settings (``overrides.json``) for a class speaking ``lang``."""
    return KIT_JUPYTER / "lab" / get_lang(lang)


def server_env(lang: str | None = None, sample: str | None = None) -> dict[str, str]:
    """Environment for a participant's or trainer's Jupyter server speaking ``lang`` (on the ``sample`` company).

    Add it to the server's environment (JupyterHub: ``Spawner.environment``).
    Kernels inherit it, so the forms speak ``lang`` too unless a notebook says otherwise, and work on the
    ``sample`` company (:mod:`okrkit.samples`) when one is given.
    """
    env = {
        "JUPYTER_CONFIG_PATH": str(config_dir()),
        "JUPYTER_PATH": str(data_dir()),
        "OKRKIT_LANG": get_lang(lang),
    }
    if sample:
        from .samples import resolve

        env["OKRKIT_SAMPLE"] = resolve(sample)
    return env


def _notebook(name: str) -> str:
    return name if name.endswith(".ipynb") else f"{name}.ipynb"


def _join(*parts: str) -> str:
    return "/".join(p.strip("/") for p in parts if p and p.strip("/"))


def notebook_url(path: str) -> str:
    """The participant page of the notebook at ``path`` (relative to the server's root folder)."""
    return "voila/render/" + quote(_join(path))


def exercise_url(exercise_id: str, *, folder: str = "exercises") -> str:
    """The participant page of an exercise, relative to the server's base URL.

    ``folder`` is where the exercise notebooks sit under the server's root folder:
    ``exercises`` in the kit's folder, ``""`` in a participant's folder under a hub.
    """
    return notebook_url(_join(folder, _notebook(exercise_id)))


def lab_url(path: str = "") -> str:
    """JupyterLab, opened on ``path`` (a folder or notebook) when given."""
    return "lab/tree/" + quote(_join(path)) if path else "lab"


def _heading(nb_path: Path, lang: str) -> str | None:
    """A lesson's title from its first cell: ``# Vietnamese`` then ``*English*``."""
    import json

    try:
        cells = json.loads(nb_path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return None
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        src = cell.get("source", "")
        lines = [ln.strip() for ln in ("".join(src) if isinstance(src, list) else src).splitlines()]
        vi = next((ln[2:].strip() for ln in lines if ln.startswith("# ")), None)
        en = next((ln.strip("*_ ").strip() for ln in lines if ln.startswith("*") and ln.endswith("*")
                   and not ln.startswith("**")), None)
        return (en if lang == "en" and en else vi) or en
    return None


def lesson_title(nb_path: str | os.PathLike, lang: str | None = None) -> str | None:
    """A lesson's title in ``lang`` from its first cell (``None`` when it has none)."""
    return _heading(Path(nb_path), get_lang(lang))


def lesson_anchor(nb_path: Path) -> str:
    """The anchor of a lesson's "Thử sức · Try it" heading, as nbconvert names headings ('' if none)."""
    import json

    try:
        cells = json.loads(nb_path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return ""
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        src = cell.get("source", "")
        for line in ("".join(src) if isinstance(src, list) else src).splitlines():
            if line.startswith("## ") and ("Thử sức" in line or "Try it" in line):
                text = line[3:].strip().replace("*", "")
                return text.replace(" ", "-")
    return ""


def links(base_url: str = "/", *, folder: str = "exercises", lessons: str | None = "notebooks",
          root: str | os.PathLike | None = None, lang: str | None = None,
          query: str = "") -> list[tuple[str, str]]:
    """One ``(title, url)`` per exercise (participant mode), per lesson, and JupyterLab's.

    ``base_url`` is the server's (``http://127.0.0.1:8888/`` or a hub's ``/user/<name>/``);
    ``folder`` and ``lessons`` are folders under the server's root folder ``root`` (the
    kit's folder by default); lessons are listed when that folder exists (``None``: none).
    With ``root`` given, only the exercises present in it are listed.
    ``query`` (e.g. ``token=…``) is added to every address.
    """
    from .rubrics import EVALUATION, EXERCISES, title

    lang = get_lang(lang)
    vi = lang == "vi"
    only_present = root is not None
    root = Path(root) if root is not None else ROOT
    base = base_url if base_url.endswith("/") else base_url + "/"
    tail = f"?{query}" if query else ""
    out = [("JupyterLab (giảng viên)" if vi else "JupyterLab (trainer)", base + lab_url() + tail)]
    word = "Bài tập" if vi else "Exercise"
    for n, ex in enumerate(EXERCISES, 1):
        if only_present and not (root / folder / _notebook(ex.id)).is_file():
            continue
        out.append((f"{word} {n} · {title(ex.id, lang)}", base + exercise_url(ex.id, folder=folder) + tail))
    for ex in EVALUATION:   # the pre- and post-course quizzes and the survey: no exercise number
        if only_present and not (root / folder / _notebook(ex.id)).is_file():
            continue
        out.append((title(ex.id, lang), base + exercise_url(ex.id, folder=folder) + tail))
    if lessons is not None and (root / lessons).is_dir():
        for nb in sorted((root / lessons).glob("0*.ipynb")):
            anchor = lesson_anchor(nb)
            url = base + notebook_url(_join(lessons, nb.name)) + tail + (f"#{quote(anchor)}" if anchor else "")
            out.append((_heading(nb, lang) or nb.stem, url))
    return out


# ---------------------------------------------------------------- okrkit lab

def free_port(ip: str = "127.0.0.1") -> int:
    """A TCP port nobody listens on right now."""
    import socket

    with socket.socket() as s:
        s.bind((ip, 0))
        return s.getsockname()[1]


def _last_complaint(out) -> str:
    """The server's last critical or error line in its log (``out``, an open binary file)."""
    try:
        out.flush()
        out.seek(0)
        lines = out.read().decode("utf-8", "replace").splitlines()
    except (OSError, ValueError, AttributeError):
        return "see its log"
    bad = [ln.split("] ", 1)[-1] for ln in lines if ln.startswith(("[C ", "[E "))]
    return (bad or lines or ["no output"])[-1].strip()[:300]


class LabServer:
    """``jupyter lab`` started with the kit's configuration for one class language (what ``okrkit lab`` runs).

    ``root`` is the folder the server shows (the kit's folder, or a class folder);
    ``env`` adds to the environment (tests isolate the user's Jupyter folders with it).
    """

    def __init__(self, root: str | os.PathLike = ".", *, lang: str | None = None, ip: str = "127.0.0.1",
                 port: int = 0, token: str | None = None, env: dict[str, str] | None = None, log=None):
        import secrets

        self.root = Path(root).resolve()
        self.lang = get_lang(lang)
        self.ip = ip
        self.port = port or free_port(ip)
        self.token = token if token is not None else secrets.token_urlsafe(18)
        self.extra_env = dict(env or {})
        self.log = log
        self.proc = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.ip in ("0.0.0.0", "", "*") else self.ip
        return f"http://{host}:{self.port}/"

    def command(self) -> list[str]:
        import sys

        return [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ip={self.ip}", f"--port={self.port}",
                "--port-retries=0", f"--ServerApp.root_dir={self.root}", f"--IdentityProvider.token={self.token}",
                "--ServerApp.open_browser=False", *(["--allow-root"] if os.geteuid() == 0 else [])]

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        kit = server_env(self.lang)
        for key in ("JUPYTER_CONFIG_PATH", "JUPYTER_PATH"):  # the kit's folders first, the machine's after
            env[key] = os.pathsep.join(p for p in (kit.pop(key), env.get(key, "")) if p)
        env.update(kit)
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 120) -> LabServer:
        """Start the server and wait until it answers (an :class:`~okrkit.errors.OkrkitError` if it does not)."""
        import subprocess
        import time
        import urllib.request

        from .errors import OkrkitError

        if not self.root.is_dir():
            from .errors import InputError

            raise InputError("the folder to serve does not exist", file=str(self.root),
                             hint="run the command in the kit's folder, or pass --root DIR")
        import tempfile

        out = self.log or tempfile.TemporaryFile()  # noqa: SIM115 - read back when the start fails
        self.proc = subprocess.Popen(self.command(), cwd=self.root, env=self.environment(),
                                     stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise OkrkitError(f"jupyter lab stopped at start (exit status {self.proc.returncode}): "
                                  f"{_last_complaint(out)}", hint=f"is port {self.port} free? try --port 0")
            try:
                req = urllib.request.Request(self.url + "api/status", headers={"Authorization": f"token {self.token}"})
                with urllib.request.urlopen(req, timeout=5):
                    return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise OkrkitError(f"jupyter lab did not answer within {timeout:.0f} s", hint="look at its log with --log FILE")

    def links(self, *, folder: str = "exercises", lessons: str | None = "notebooks") -> list[tuple[str, str]]:
        """:func:`links` for this server, each with its token."""
        return links(self.url, folder=folder, lessons=lessons, root=self.root, lang=self.lang,
                     query=f"token={self.token}" if self.token else "")

    def stop(self) -> None:
        import signal
        import subprocess

        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self.proc = None

    def __enter__(self) -> LabServer:  # noqa: PYI034
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
