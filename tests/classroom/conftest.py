"""One real class hub for the classroom tests: ``okrkit classroom start`` on a small Vietnamese roster.

The hub is started once per test session exactly as a trainer starts it (the real command on a
roster file laid out as trainers keep theirs: title row, STT column, blank line, a name twice), on
127.0.0.1 with free ports, in a temporary class folder; it is stopped with ``okrkit classroom stop``
at the end. Every test that uses it belongs to the ``classroom`` xdist group, so they share it.

Helpers (on the :class:`HubClass` the ``classroom`` fixture yields):

* ``classroom.session(user)``: a ``requests`` session logged in through the login form, as a browser would;
* ``classroom.login(page, user)``: log a Chromium page in through the login page (select your name,
  type the class password) and wait until it lands on the first exercise;
* ``classroom.start_server(session)``: start that user's server and wait until it is ready;
* ``classroom.restart()``: ``okrkit classroom stop`` then ``okrkit classroom start`` (resume) on the same folder;
* ``classroom.cli(*args)``: run ``okrkit`` with the worktree's kit.

Browser fixtures: ``hub_browser`` (one Chromium per session), ``hub_context`` (a fresh, local-only
browser context per test; ``hub_context.new_page()``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
GROUP = "classroom"

# A roster as a trainer keeps it: title row, STT column, a blank line, the same name twice, diacritics.
ROSTER = """Danh sách lớp: Quản trị mục tiêu OKR – tháng 12/2026
STT,Họ và tên,Phòng ban
1,Nguyễn Thị Lan,Kinh doanh
2,Trần Văn Đức,Marketing
,,
3,Lê Hoàng Yến,Chăm sóc khách hàng
4,Nguyễn Thị Lan,Nhân sự
"""


def pytest_collection_modifyitems(config, items):
    """Every test in tests/classroom shares the one hub: one xdist group."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.xdist_group(GROUP))


def okrkit_cli(*args, timeout=300, check=True) -> subprocess.CompletedProcess:
    """``okrkit ARGS`` in a subprocess importing this worktree's kit."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "okrkit.cli", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=timeout, cwd=ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"okrkit {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def printed(output: str, label: str) -> str:
    """The value after ``label:`` in the output of ``okrkit classroom start``."""
    m = re.search(rf"^\s*{re.escape(label)}:\s*(\S+)", output, re.M)
    assert m, f"{label!r} not in:\n{output}"
    return m.group(1)


@dataclass
class HubClass:
    """A running class: its folder, address, passwords and participants, with helpers to log in."""

    dir: Path
    roster: Path
    url: str                              # http://127.0.0.1:PORT/
    class_password: str
    trainer_password: str
    start_output: str
    trainer: str = "trainer"
    participants: list = field(default_factory=list)   # okrkit.classroom.roster.Participant, in roster order

    @property
    def layout(self):
        from okrkit.classroom.layout import ClassLayout
        return ClassLayout(self.dir)

    @property
    def users(self) -> list[str]:
        return [p.user for p in self.participants]

    def name_of(self, user: str) -> str:
        return next(p.name for p in self.participants if p.user == user)

    def cli(self, *args, **kw):
        return okrkit_cli(*args, **kw)

    def reload(self) -> None:
        from okrkit.classroom.hub import ClassInfo
        info = ClassInfo.load(self.layout)
        self.participants = list(info.participants)
        self.trainer = info.trainer
        self.url = f"http://127.0.0.1:{info.port}/"

    # -- over HTTP ---------------------------------------------------------------------------------
    def session(self, user: str, password: str | None = None, *, check: bool = True):
        """A ``requests.Session`` logged in through the hub's login form (``check``: fail if refused)."""
        import requests

        s = requests.Session()
        s.get(self.url + "hub/login", timeout=60)
        if password is None:
            password = self.trainer_password if user == self.trainer else self.class_password
        r = s.post(self.url + "hub/login", data={"username": user, "password": password,
                                                 "_xsrf": s.cookies.get("_xsrf", "")},
                   allow_redirects=False, timeout=120)
        s.login_response = r
        s.user = user
        if check:
            assert r.status_code == 302, f"login of {user} refused ({r.status_code})"
        return s

    def api(self, s, method: str, path: str, **kw):
        """Call the hub's REST API (``/hub/api/PATH``) with session ``s``'s login cookie."""
        headers = {"X-XSRFToken": s.cookies.get("_xsrf", ""), **kw.pop("headers", {})}
        return s.request(method, self.url + "hub/api/" + path.lstrip("/"), headers=headers, timeout=120, **kw)

    def start_server(self, s, timeout: float = 180) -> dict:
        """Start ``s.user``'s server (if not running) and wait until it is ready; returns the user model."""
        r = self.api(s, "POST", f"users/{s.user}/server")
        assert r.status_code in (201, 202, 400), r.text      # 400: already running
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.api(s, "GET", f"users/{s.user}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return model
            time.sleep(0.5)
        raise AssertionError(f"the server of {s.user} did not become ready in {timeout} s")

    # -- in Chromium -------------------------------------------------------------------------------
    def login(self, page, user: str, password: str | None = None, *, land: bool = True, timeout: float = 180_000):
        """Log ``page`` in as the user picks their name and types the password; wait for the first exercise."""
        if password is None:
            password = self.trainer_password if user == self.trainer else self.class_password
        page.goto(self.url + "hub/login")
        page.select_option("#username_input", value=user)
        page.fill("#password_input", password)
        page.click("#login_submit")
        if land:
            page.wait_for_url(re.compile(rf"/user/{re.escape(user)}/voila/"), timeout=timeout)
            page.wait_for_load_state("load", timeout=timeout)
        return page

    # -- stop and resume ---------------------------------------------------------------------------
    def stop(self):
        return okrkit_cli("classroom", "stop", "--dir", self.dir)

    def start(self):
        out = okrkit_cli("classroom", "start", "--dir", self.dir).stdout
        self.start_output = out
        self.reload()
        return out

    def restart(self):
        """Stop the class and start it again on the same folder (no roster: resume)."""
        self.stop()
        return self.start()


@pytest.fixture(scope="session")
def classroom():
    """A real class hub (``okrkit classroom start``) on the small roster above, shared by the session."""
    from okrkit.classroom.hub import running_pid

    base = Path(tempfile.mkdtemp(prefix="okrkit-class-"))
    os.chmod(base, 0o755)
    roster = base / "danh-sach-lop.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    class_dir = base / "lop"
    proc = okrkit_cli("classroom", "start", roster, "--dir", class_dir, "--ip", "127.0.0.1", "--port", "0",
                      "--lang", "vi", "--title", "Lớp OKR – Công ty Phần mềm Sao Mai", check=False)
    if proc.returncode != 0:
        pytest.fail(f"okrkit classroom start failed:\n{proc.stdout}\n{proc.stderr}", pytrace=False)
    out = proc.stdout
    hub = HubClass(dir=class_dir, roster=roster, url=printed(out, "Địa chỉ cho học viên"),
                   class_password=printed(out, "Mật khẩu lớp"), trainer_password=printed(out, "Mật khẩu giảng viên"),
                   start_output=out)
    hub.reload()
    yield hub
    if running_pid(hub.layout) is not None:
        okrkit_cli("classroom", "stop", "--dir", class_dir, check=False)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def hub_browser(playwright_session):
    """Debian's Chromium through Playwright, one per session."""
    from browser.labdriver import launch_chromium, require_chromium

    try:
        require_chromium()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    chrome = launch_chromium(playwright_session)
    yield chrome
    chrome.close()


@pytest.fixture
def hub_context(hub_browser):
    """A fresh browser context (own cookies) at laptop size, where only 127.0.0.1 can be reached."""
    from browser.labdriver import local_only

    context = hub_browser.new_context(viewport={"width": 1366, "height": 860}, locale="vi-VN")
    local_only(context)
    context.set_default_timeout(60_000)
    yield context
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
