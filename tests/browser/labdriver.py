"""A real JupyterLab server and Chromium, for the browser tests and the slider benchmark.

``LabServer`` starts ``jupyter lab`` on 127.0.0.1 in a throw-away root folder with
its own settings, workspaces, config and data folders (no extension or setting of
the machine leaks in) and stops it.  ``launch_chromium`` starts Debian's Chromium
through Playwright with every non-local request aborted.  ``Notebook`` drives one
notebook: open it, wait for an idle kernel, run all cells and check that every
code cell really got an execution count.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"

# JupyterLab settings that keep the page quiet: no news, no update check, no autosave surprises.
SETTINGS = {
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false",
                                                                        "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def require_chromium() -> str:
    """The Chromium path, or a clear failure message (CI installs it: scripts/ensure-chromium)."""
    if not os.access(CHROMIUM, os.X_OK):
        raise RuntimeError(f"the browser tests need Debian's Chromium at {CHROMIUM}: "
                           "run `make browser` (scripts/ensure-chromium) or `apt-get install chromium`")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def code_notebook(cells: list[str], *, tags: dict[int, list[str]] | None = None) -> dict:
    """A notebook (nbformat 4 JSON) with these code cells and a python3 kernelspec."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for i, source in enumerate(cells):
        cell = nbformat.v4.new_code_cell(source)
        if tags and i in tags:
            cell.metadata["tags"] = tags[i]
        nb.cells.append(cell)
    return nb


class LabServer:
    """``jupyter lab`` on 127.0.0.1 in a temporary root folder; use as a context manager."""

    def __init__(self, *, name: str = "okrkit-lab", env: dict[str, str] | None = None):
        self.extra_env = dict(env or {})  # e.g. the kit's participant-mode configuration
        self.tmp = Path(tempfile.mkdtemp(prefix=f"{name}-"))
        self.root = self.tmp / "root"
        self.root.mkdir()
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.log = self.tmp / "server.log"

    # -- files
    def write_notebook(self, name: str, nb: dict) -> Path:
        import nbformat

        path = self.root / name
        nbformat.write(nbformat.from_dict(nb), path)
        return path

    # -- process
    def start(self, timeout: float = 90) -> LabServer:
        dirs = {k: self.tmp / k for k in ("settings", "workspaces", "config", "data", "runtime", "ipython")}
        for d in dirs.values():
            d.mkdir()
        for rel, values in SETTINGS.items():
            target = dirs["settings"] / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(values))
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(dirs["config"]), JUPYTER_DATA_DIR=str(dirs["data"]),
                   JUPYTER_RUNTIME_DIR=str(dirs["runtime"]), IPYTHONDIR=str(dirs["ipython"]),
                   JUPYTER_PLATFORM_DIRS="1", PYTHONDONTWRITEBYTECODE="1", OKRKIT_LANG="")
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTER_CONFIG_PATH", None)
        env.update(self.extra_env)
        bindir = str(Path(sys.executable).parent)
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={self.port}",
               "--port-retries=0", f"--IdentityProvider.token={self.token}", "--allow-root",
               f"--ServerApp.root_dir={self.root}",
               f"--LabApp.user_settings_dir={dirs['settings']}", f"--LabApp.workspaces_dir={dirs['workspaces']}",
               "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
               "--ServerApp.open_browser=False", "--MappingKernelManager.cull_idle_timeout=0"]
        with open(self.log, "wb") as log:  # the child keeps its own copy of the handle
            self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited ({self.proc.returncode}):\n{self.log.read_text()[-3000:]}")
            try:
                self.api("GET", "/api/status")
                return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                for k in self.api("GET", "/api/kernels"):
                    self.api("DELETE", f"/api/kernels/{k['id']}")
            except OSError:  # best effort before stopping the server
                pass
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self.proc = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> LabServer:  # noqa: PYI034
        return self.start()

    def __exit__(self, *exc) -> None:
        self.cleanup()

    # -- REST
    def api(self, method: str, path: str, body: dict | None = None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": f"token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            text = resp.read()
        return json.loads(text) if text else None

    def kernel_of(self, notebook: str) -> dict | None:
        for s in self.api("GET", "/api/sessions"):
            if s.get("path") == notebook or s.get("notebook", {}).get("path") == notebook:
                return s["kernel"]
        return None

    def lab_url(self, notebook: str) -> str:
        return f"{self.url}/lab/tree/{notebook}?token={self.token}&reset"


def launch_chromium(playwright):
    """Debian's Chromium through Playwright (its own download does not work here)."""
    return playwright.chromium.launch(executable_path=require_chromium(), args=CHROMIUM_ARGS, headless=True)


def local_only(context) -> None:
    """Abort every request that is not to 127.0.0.1 (pages would wait on CDNs otherwise)."""
    def route(r):
        url = r.request.url
        if url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")):
            r.continue_()
        else:
            r.abort()
    context.route("**/*", route)


class Notebook:
    """One notebook open in JupyterLab.

    Waits use ``page.wait_for_timeout``, never ``time.sleep``: Playwright's sync API
    runs route handlers (our local-only filter) only while it is inside a call, so a
    sleeping test would leave every request of the page hanging.
    """

    def __init__(self, server: LabServer, page, name: str):
        self.server, self.page, self.name = server, page, name

    def open(self, timeout: float = 90) -> Notebook:
        self.page.goto(self.server.lab_url(self.name), wait_until="domcontentloaded", timeout=timeout * 1000)
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout * 1000)
        self.wait_idle(timeout)
        return self

    def kernel_state(self) -> str | None:
        k = self.server.kernel_of(self.name)
        if k is None:
            return None
        return self.server.api("GET", f"/api/kernels/{k['id']}").get("execution_state")

    def wait_idle(self, timeout: float = 90) -> None:
        """Wait until the notebook's kernel is idle, on the server and in the page's status bar."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.kernel_state() == "idle":
                status = self.page.locator(".jp-Notebook-ExecutionIndicator").first
                if status.count() == 0 or status.get_attribute("data-status") in (None, "idle"):
                    return
            self.page.wait_for_timeout(250)
        raise TimeoutError(f"kernel of {self.name} not idle after {timeout:.0f} s (state {self.kernel_state()})")

    def code_cells(self):
        return self.page.locator(".jp-Notebook .jp-CodeCell")

    def _click_run_all(self) -> None:
        self.page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
        self.page.locator("#jp-MainMenu .lm-MenuBar-item", has_text="Run").first.click()
        self.page.locator(".lm-Menu-item[data-command='runmenu:run-all']").first.click()

    def prompts(self) -> list[str]:
        # textContent, not innerText: a cell scrolled out of view (content-visibility) has no innerText
        return [p.strip() for p in self.page.locator(".jp-Notebook .jp-CodeCell .jp-InputPrompt").all_text_contents()]

    def run_all(self, timeout: float = 120, retries: int = 3) -> None:
        """Run all cells (menu Run → Run All) and wait until every code cell has an execution count.

        Right after a page load JupyterLab sometimes runs only the first cell of a
        "run all" (the kernel connection is still settling); when the kernel is idle,
        nothing is queued and cells are still unrun, run all is sent again.
        """
        def done() -> bool:
            counts = self.prompts()
            return bool(counts) and all(c.startswith("[") and c[1:-2].strip().isdigit() for c in counts)

        def stalled() -> bool:
            return not any("*" in c for c in self.prompts()) and self.kernel_state() == "idle"

        self.run_all_while(done, stalled, timeout=timeout, retries=retries, quiet=2, step=250,
                           failure=lambda: f"cells not all executed: prompts {self.prompts()}")

    def run_all_while(self, done, stalled, *, timeout: float, retries: int, quiet: float, step: int,
                      failure, settle: float | None = None) -> None:
        """Send Run All, then wait for ``done()``; send it again (at most ``retries`` times) only after
        ``stalled()`` has held for ``quiet`` seconds.  ``failure()`` words the timeout."""
        self.wait_idle()
        self._click_run_all()
        deadline = time.monotonic() + timeout
        idle_since = None
        while time.monotonic() < deadline:
            if done():
                if settle is None:
                    self.wait_idle()
                else:
                    self.wait_idle(settle)
                return
            idle_since = (idle_since or time.monotonic()) if stalled() else None
            if idle_since and time.monotonic() - idle_since > quiet and retries > 0:
                retries -= 1
                idle_since = None
                self._click_run_all()
            self.page.wait_for_timeout(step)
        raise TimeoutError(failure())

    def errors(self) -> list[str]:
        """Text of any error output (a traceback reaching the participant is a bug)."""
        return self.page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"
                                 ).all_inner_texts()

    def screenshot(self, name: str, selector: str | None = None) -> Path:
        """Save a PNG under tests/artifacts/: the element ``selector`` whole, else the window.

        JupyterLab scrolls inside the notebook, so for a tall element the window is
        made tall enough to hold it while the picture is taken.
        """
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        if not selector:
            self.page.screenshot(path=str(path))
            return path
        element = self.page.locator(selector).first
        size = self.page.viewport_size
        height = self.page.evaluate("e => e.getBoundingClientRect().height", element.element_handle())
        if height + 250 > size["height"]:
            self.page.set_viewport_size({"width": size["width"], "height": min(6000, int(height) + 250)})
            self.page.wait_for_timeout(300)
        try:
            element.scroll_into_view_if_needed()
            element.screenshot(path=str(path))
        finally:
            self.page.set_viewport_size(size)
        return path


class KitLab:
    """``okrkit lab --no-browser`` in a subprocess, serving a copy of the kit's exercises/ and notebooks/.

    ``links`` are the ``(title, url)`` pairs the command printed; ``root`` is the served folder.
    """

    def __init__(self, tmp: Path, *, lang: str = "vi"):
        self.tmp, self.lang = Path(tmp), lang
        self.root = self.tmp / "kit"
        self.proc: subprocess.Popen | None = None
        self.links: list[tuple[str, str]] = []
        self.log = self.tmp / "okrkit-lab.log"

    def start(self, timeout: float = 150) -> KitLab:
        self.root.mkdir()
        for folder in ("exercises", "notebooks"):
            shutil.copytree(ROOT / folder, self.root / folder)
        home = {k: self.tmp / k for k in ("config", "data", "runtime", "settings", "workspaces", "ipython")}
        for d in home.values():
            d.mkdir()
        env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home["config"]), JUPYTER_DATA_DIR=str(home["data"]),
                   JUPYTER_RUNTIME_DIR=str(home["runtime"]), JUPYTERLAB_SETTINGS_DIR=str(home["settings"]),
                   JUPYTERLAB_WORKSPACES_DIR=str(home["workspaces"]), IPYTHONDIR=str(home["ipython"]),
                   PYTHONPATH=str(ROOT), PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1")
        for key in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "OKRKIT_LANG"):
            env.pop(key, None)
        env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
        cmd = [sys.executable, "-m", "okrkit.cli", "lab", "--no-browser", "--port", "0", "--lang", self.lang,
               "--root", str(self.root), "--log", str(self.log)]
        self.out = self.tmp / "okrkit-lab.out"
        with open(self.out, "wb") as out:
            self.proc = subprocess.Popen(cmd, cwd=self.root, env=env, stdout=out, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.out.read_text(encoding="utf-8", errors="replace")
            if "Ctrl-C" in text:
                lines = text.splitlines()
                self.links = [(lines[i - 1].strip(), ln.strip()) for i, ln in enumerate(lines)
                              if ln.strip().startswith("http://")]
                return self
            if self.proc.poll() is not None:
                raise RuntimeError(f"okrkit lab exited ({self.proc.returncode}):\n{text[-2000:]}")
            time.sleep(0.3)
        raise RuntimeError(f"okrkit lab printed no links within {timeout:.0f} s")

    @property
    def printed(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace")

    def url_of(self, part: str) -> str:
        return next(u for _, u in self.links if part in u)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # okrkit lab stops its server, then itself
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self.proc = None


def run_all_until(nb, selector: str, timeout: float = 240) -> None:
    """Run ▸ Run All, as the page's first line says, until ``selector`` (a form) is on the page.

    The exercise's code cells are collapsed (no prompt numbers to watch), so the form itself is
    the sign that the cells ran.  Run All is sent again only when the kernel has been idle for a
    while with no form (JupyterLab swallowed it right after loading): sending it while cells are
    still queued would run them twice and leave two forms in one output.
    """
    nb.run_all_while(lambda: nb.page.locator(selector).count() > 0, lambda: nb.kernel_state() == "idle",
                     timeout=timeout, retries=2, quiet=8, step=500, settle=timeout,
                     failure=lambda: f"{selector} not on the page {timeout:.0f} s after Run All")
