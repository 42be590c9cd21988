"""A participant at work: an exercise page in participant mode, driven with keyboard and mouse.

``ParticipantPage`` opens an exercise as the participant gets it (the page of
forms served by the kit's participant mode on the same server as JupyterLab),
types into fields with the keyboard and leaves them with Tab, waits until each
change is saved, kills the page's kernel, reloads, presses "Kiểm tra bài làm",
and reads the score and the failed checks the page shows.  ``grade_folder``
then runs the real ``okrkit grade`` command on the participant's folder, so a
test can hold the page's score against the grader's.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from .labdriver import ARTIFACTS, ROOT, LabServer


def participant_env(lang: str = "vi", sample: str | None = None) -> dict[str, str]:
    """The environment the kit gives a participant's server (its Voilà and lab configuration, the class's company)."""
    from okrkit import participant

    return participant.server_env(lang, sample)


def exercise_page_url(server: LabServer, folder: str, exercise: str) -> str:
    """The participant-mode page of an exercise copied into ``folder`` of the server's root."""
    from okrkit import participant

    path = participant.exercise_url(exercise, folder=folder)
    return f"{server.url}/{path}?token={server.token}"


SNAPSHOT_JS = """() => {
  const out = {};
  const key = (e) => {
    let n = e, cls = [];
    while (n && !(n.classList && n.classList.contains('okrkit-form'))) {
      const c = [...(n.classList || [])].filter(x => x.startsWith('okrkit-') && !['okrkit-wrap','okrkit-row','okrkit-flagged','okrkit-kr-row','okrkit-objective','okrkit-question'].includes(x));
      if (c.length) { cls.push(c.join('.')); break; }
      n = n.parentElement;
    }
    return cls.join('/');
  };
  const seen = {};
  document.querySelectorAll('.okrkit-form input, .okrkit-form textarea, .okrkit-form select, .okrkit-form .noUi-handle').forEach(e => {
    if (e.closest('.okrkit-lang')) return;
    let k = key(e) || e.tagName;
    seen[k] = (seen[k] || 0) + 1;
    if (seen[k] > 1) k = k + '#' + seen[k];
    if (e.classList.contains('noUi-handle')) out[k] = e.getAttribute('aria-valuenow');
    else if (e.type === 'checkbox') out[k] = e.checked ? 'checked' : '';
    else out[k] = e.value;
  });
  return out;
}"""


class ParticipantPage:
    """One exercise page in participant mode, in one browser page."""

    def __init__(self, server: LabServer, page, exercise: str, folder: str):
        self.server, self.page, self.exercise, self.folder_name = server, page, exercise, folder
        self.folder = server.root / folder
        self.folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "exercises" / f"{exercise}.ipynb", self.folder / f"{exercise}.ipynb")
        self.requests: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))

    # -- opening
    def reload(self, timeout: float = 180) -> ParticipantPage:
        """Reload the page: participant mode starts a fresh kernel and the form pre-fills from its file."""
        self.page.reload(wait_until="commit", timeout=timeout * 1000)
        try:
            self.page.wait_for_selector(".okrkit-form .okrkit-status [data-saves]", timeout=timeout * 1000)
            self.page.wait_for_selector(".okrkit-check-button", timeout=timeout * 1000)
        except Exception:
            # what the participant was looking at, and what the server said, for whoever reads the failure
            self.page.screenshot(path=str(ARTIFACTS / f"participant-{self.exercise}-reload-stuck.png"))
            (ARTIFACTS / f"participant-{self.exercise}-reload-stuck.txt").write_text(
                self.page.locator("body").inner_text() + "\n---- server log ----\n" + _log_tail(self.server),
                encoding="utf-8")
            raise
        return self

    def open(self, timeout: float = 180) -> ParticipantPage:
        self.page.goto(exercise_page_url(self.server, self.folder_name, self.exercise),
                       wait_until="commit", timeout=timeout * 1000)
        self.page.wait_for_selector(".okrkit-form .okrkit-status [data-saves]", timeout=timeout * 1000)
        self.page.wait_for_selector(".okrkit-check-button", timeout=timeout * 1000)
        return self

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith((self.server.url, "ws://127.0.0.1", "data:", "blob:"))]

    def code_visible(self) -> int:
        """How many code editors or code prompts are visible on the page."""
        return self.page.locator(".jp-InputArea-editor:visible, .CodeMirror:visible, .cm-editor:visible, "
                                 ".jp-InputPrompt:visible").count()

    def leaks(self) -> list[str]:
        """What a participant must never see on the page: code, tracebacks, raw answers, Python dicts."""
        text = self.page.locator("body").inner_text()
        found = [marker for marker in ("Traceback", "{'", "application/vnd", "answer recorded", "Error displaying")
                 if marker in text]
        found += self.page.locator("[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
        return found

    # -- typing
    def saves(self, form: str = ".okrkit-form") -> int:
        return sum(int(x or 0) for x in self.page.locator(f"{form} .okrkit-status [data-saves]").evaluate_all(
            "els => els.map(e => e.dataset.saves)"))

    def wait_saved(self, before: int, form: str = ".okrkit-form", timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.saves(form) > before:
                return
            self.page.wait_for_timeout(100)
        raise TimeoutError(f"{self.exercise}: change not saved within {timeout:.0f} s "
                           f"(status: {self.status_text()!r})")

    def type(self, selector: str, text: str, *, form: str = ".okrkit-form") -> None:
        """Click into a field, select what is there, type ``text`` with the keyboard, leave with Tab."""
        before = self.saves(form)
        field = self.page.locator(selector).first
        field.scroll_into_view_if_needed()
        field.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)
        self.page.keyboard.press("Tab")
        self.wait_saved(before, form)
        if field.evaluate("e => !!e.closest('.okrkit-typing')"):   # saved as typed: wait for the last save
            self.settle(form)

    def settle(self, form: str = ".okrkit-form", quiet: float = 1.2, timeout: float = 15) -> None:
        """Wait until the form's saves stop: a prose field saves while it is typed (every pause), and once more
        when it is left, so the first save seen may hold only part of the text."""
        deadline = time.monotonic() + timeout
        last = self.saves(form)
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(quiet * 1000)
            now = self.saves(form)
            if now == last:
                return
            last = now

    def choose(self, selector: str, *, label: str | None = None, index: int | None = None,
               form: str = ".okrkit-form") -> None:
        before = self.saves(form)
        select = self.page.locator(selector).first
        select.scroll_into_view_if_needed()
        if label is not None:
            select.select_option(label=label)
        else:
            select.select_option(index=index)
        self.wait_saved(before, form)

    def click(self, selector: str, *, form: str = ".okrkit-form", saves: bool = True) -> None:
        before = self.saves(form)
        target = self.page.locator(selector).first
        target.scroll_into_view_if_needed()
        target.click()
        if saves:
            self.wait_saved(before, form)

    def keys(self, selector: str, *keys: str, form: str = ".okrkit-form") -> None:
        """Focus ``selector`` (a slider handle) and press ``keys``; the release saves."""
        before = self.saves(form)
        handle = self.page.locator(selector).first
        handle.scroll_into_view_if_needed()
        handle.focus()
        for key in keys:
            handle.press(key)
        self.wait_saved(before, form)

    def value(self, selector: str) -> str:
        return self.page.locator(selector).first.input_value()

    def status_text(self) -> str:
        return " | ".join(self.page.locator(".okrkit-form div.okrkit-status").all_inner_texts())

    def warnings(self) -> list[str]:
        return [t for t in self.page.locator(".okrkit-form div.okrkit-status.okrkit-warn").all_inner_texts()
                if t.strip()]

    def snapshot(self) -> dict[str, str]:
        """Every field of the page's forms (text, choice, tick box, slider) by its kit class: what the participant sees."""
        return self.page.evaluate(SNAPSHOT_JS)

    def tick(self, selector: str, *, form: str = ".okrkit-form") -> None:
        """Tick a check box with the mouse; the change is saved."""
        before = self.saves(form)
        box = self.page.locator(selector).first
        box.scroll_into_view_if_needed()
        box.click()
        self.wait_saved(before, form)

    # -- the kernel
    def kernels(self) -> list[psutil.Process]:
        """The kernels the server runs for this participant's folder."""
        found = []
        for child in psutil.Process(self.server.proc.pid).children(recursive=True):
            try:
                if "ipykernel" in " ".join(child.cmdline()) and Path(child.cwd()) == self.folder:
                    found.append(child)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return found

    def kill_kernel(self) -> int:
        """SIGKILL this page's kernel (what a crash or a restart does to a running form)."""
        kernels = self.kernels()
        assert kernels, f"{self.exercise}: no kernel found for {self.folder}"
        for k in kernels:
            os.kill(k.pid, signal.SIGKILL)
        for k in kernels:
            try:
                k.wait(10)
            except psutil.TimeoutExpired:
                pass
        return len(kernels)

    # -- checking
    def check(self) -> tuple[float, float, set[str]]:
        """Press "Kiểm tra bài làm": (score, max, titles of the failed checks) as the page shows them."""
        button = self.page.locator(".okrkit-check-button").first
        button.scroll_into_view_if_needed()
        old = self.page.locator(".okrkit-check-feedback .okrkit-rubric").count()
        button.click()
        if old:
            self.page.wait_for_timeout(500)
        rubric = self.page.locator(".okrkit-check-feedback .okrkit-rubric").first
        rubric.wait_for(timeout=30_000)
        head = rubric.locator("b").first.inner_text()
        numbers = re.findall(r"\d+(?:[.,]\d+)?", head)
        score, max_score = (float(n.replace(",", ".")) for n in numbers[-2:])
        # checks.csv names checks by their titles too, so the two sides compare what people read
        failed = set(rubric.locator(".okrkit-check.failed .okrkit-check-title").all_inner_texts())
        return score, max_score, failed

    def ids_shown(self) -> list[str]:
        """Check ids or English field names where the participant reads feedback (titles and words expected)."""
        shown = []
        for item in self.page.locator(".okrkit-check-feedback .okrkit-check").all():
            check_id = item.get_attribute("data-check") or ""
            # an id such as "plan-written"; a one-word id ("demo") may also be a word of the title
            if check_id and re.search(r"[-_]", check_id) and check_id in item.inner_text():
                shown.append(check_id)
        for text in self.page.locator(".okrkit-feedback").all_inner_texts():
            shown += re.findall(r"\b(?:target|baseline|weight|current)\b", text)
        return shown

    def check_texts(self) -> list[str]:
        return self.page.locator(".okrkit-check-feedback .okrkit-check").all_inner_texts()

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        size = self.page.viewport_size
        height = self.page.evaluate("() => document.documentElement.scrollHeight")
        self.page.set_viewport_size({"width": size["width"], "height": min(8000, max(size["height"], height))})
        self.page.wait_for_timeout(300)
        try:
            self.page.screenshot(path=str(path))
        finally:
            self.page.set_viewport_size(size)
        return path


def grade_folder(folder: Path, participant: str, tmp: Path, *, lang: str = "vi", sample: str = "saomai") -> dict:
    """Run ``okrkit grade [--sample]`` on a copy of ``folder`` handed in as ``participant``: gradebook row and checks."""
    subs = tmp / "submissions"
    shutil.copytree(folder, subs / participant, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    out = tmp / "grades"
    okrkit = [sys.executable, "-m", "okrkit.cli"]
    done = subprocess.run([*okrkit, "grade", str(subs), "--out", str(out), "--lang", lang, "--workers", "1",
                           "--sample", sample],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    with open(out / "gradebook.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(out / "checks.csv", encoding="utf-8") as f:
        checks = list(csv.DictReader(f))
    return {"rows": rows, "checks": checks, "out": out}


def _log_tail(server, size: int = 20_000) -> str:
    """The end of the test server's log (tests.browser.labdriver.LabServer keeps it in ``log``)."""
    try:
        data = server.log.read_bytes()
    except (AttributeError, OSError):
        return "(no log)"
    return data[-size:].decode("utf-8", "replace")
