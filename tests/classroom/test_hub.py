"""The class hub as a class uses it: login page, landing on ex01, isolation, stop and resume.

All tests share the one hub of ``conftest.classroom`` (started with the real ``okrkit classroom
start`` on a roster file); they run in order, the restart last.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time

import pytest

from okrkit.classroom.layout import system_user

from .conftest import printed

needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="one system account per participant needs root (CI is root)")

OBJECTIVE = {"nguyen-thi-lan": "Trở thành đối tác số một của các chuỗi bán lẻ miền Nam",
             "tran-van-duc": "Khách hàng doanh nghiệp tin chọn Sao Mai đầu tiên"}


def answer_file(classroom, user):
    return classroom.layout.home(user) / "answers" / "ex01_sales_okr.json"


def wait_for(predicate, timeout=60, step=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


def test_start_prints_address_and_passwords(classroom):
    """``start`` prints the address, both passwords, the slips and the stop command, in Vietnamese."""
    out = classroom.start_output
    assert "Lớp học đã mở." in out
    assert classroom.url.startswith("http://127.0.0.1:")
    assert re.fullmatch(r"[a-z]{4}-\d{4}", classroom.class_password)
    assert classroom.trainer_password != classroom.class_password
    assert "okrkit classroom stop --dir" in out
    assert "Nguyễn Thị Lan (2)" in out          # two people of the same name are told apart
    assert classroom.users == ["nguyen-thi-lan", "tran-van-duc", "le-hoang-yen", "nguyen-thi-lan-2"]
    secrets = classroom.layout.secrets
    assert (secrets / "class_password").read_text().strip() == classroom.class_password
    assert oct(secrets.stat().st_mode & 0o777) == "0o700"


def test_login_page_lists_the_roster(classroom, hub_context, artifacts):
    """The login page is in Vietnamese and offers the roster's names (as written) and the trainer."""
    page = hub_context.new_page()
    page.goto(classroom.url + "hub/login")
    assert page.locator("h1").inner_text() == "Đăng nhập vào lớp"
    options = page.locator("#username_input option").all_inner_texts()
    assert options == ["— Chọn tên của bạn —", "Nguyễn Thị Lan", "Trần Văn Đức", "Lê Hoàng Yến",
                       "Nguyễn Thị Lan (2)", "Giảng viên"]
    assert page.locator("label[for=password_input]").inner_text().startswith("Mật khẩu lớp")
    assert page.evaluate("document.documentElement.lang") == "vi"
    page.screenshot(path=str(artifacts / "classroom-login.png"))


@pytest.mark.parametrize("user,password,message", [
    ("tran-van-duc", "sai-mat-khau", "Mật khẩu chưa đúng"),
    ("trainer", None, "Mật khẩu giảng viên chưa đúng"),          # the class password does not open the trainer's account
], ids=["wrong-password", "class-password-for-trainer"])
def test_refused_login_says_why_in_vietnamese(classroom, hub_context, artifacts, user, password, message):
    """A wrong password is refused with one sentence in the class's language, the chosen name kept."""
    page = hub_context.new_page()
    classroom.login(page, user, password or classroom.class_password, land=False)
    error = page.locator("#okr-login-error")
    error.wait_for()
    assert error.inner_text().startswith(message)
    assert page.locator("#username_input").input_value() == user
    assert "/hub/login" in page.url
    if user == "tran-van-duc":
        page.screenshot(path=str(artifacts / "classroom-login-wrong-password.png"))


def test_unknown_name_is_refused_with_a_clear_message(classroom):
    """A name that is not on the roster (a stale page, a typed URL) gets the roster message, no account."""
    s = classroom.session("pham-van-khach", check=False)
    assert s.login_response.status_code == 403
    assert "Tên này không có trong danh sách lớp" in s.login_response.content.decode("utf-8")
    trainer = classroom.session("trainer")
    assert classroom.api(trainer, "GET", "users/pham-van-khach").status_code == 404
    nobody = classroom.session("", check=False)
    assert "Bạn chưa chọn tên" in nobody.login_response.content.decode("utf-8")


def type_objective(page, text):
    box = page.locator(".okrkit-objective-text textarea")
    box.wait_for(timeout=120_000)
    box.fill(text)
    box.press("Tab")       # leaving the field commits the change


def test_two_participants_land_on_ex01_and_their_answers_are_saved(classroom, hub_context, hub_browser, artifacts):
    """Two participants log in in Chromium, land on ex01 in participant mode, type; each answer is in their folder."""
    other = hub_browser.new_context(viewport={"width": 1366, "height": 860}, locale="vi-VN")
    try:
        from browser.labdriver import local_only
        local_only(other)
        pages = {"nguyen-thi-lan": hub_context.new_page(), "tran-van-duc": other.new_page()}
        for user, page in pages.items():
            classroom.login(page, user)
            assert re.search(rf"/user/{user}/voila/render/ex01_sales_okr\.ipynb", page.url)
        for user, page in pages.items():
            type_objective(page, OBJECTIVE[user])
        pages["nguyen-thi-lan"].screenshot(path=str(artifacts / "classroom-landing-ex01.png"))
        for user in pages:
            f = answer_file(classroom, user)
            saved = wait_for(lambda f=f, u=user: f.is_file() and OBJECTIVE[u] in f.read_text(encoding="utf-8"))
            assert saved, f"{user}'s objective did not reach {f}"
            assert json.loads(f.read_text(encoding="utf-8"))  # a whole JSON document
        assert OBJECTIVE["tran-van-duc"] not in answer_file(classroom, "nguyen-thi-lan").read_text(encoding="utf-8")
    finally:
        other.close()


def test_participant_cannot_reach_another_server_over_http(classroom):
    """Logged in as A, B's server, B's files and B's contents API are refused."""
    a = classroom.session("nguyen-thi-lan")
    classroom.start_server(classroom.session("tran-van-duc"))
    for path in ["user/tran-van-duc/api/contents", "user/tran-van-duc/files/answers/ex01_sales_okr.json",
                 "user/tran-van-duc/voila/render/ex01_sales_okr.ipynb", "user/tran-van-duc/lab"]:
        r = a.get(classroom.url + path, timeout=120)
        assert r.status_code == 403, f"{path}: {r.status_code}"
        assert OBJECTIVE["tran-van-duc"] not in r.text
    r = classroom.api(a, "GET", "users/tran-van-duc")
    assert r.status_code in (403, 404)
    r = classroom.api(a, "POST", "users/tran-van-duc/server")
    assert r.status_code in (403, 404)


def as_user(user, *cmd):
    return subprocess.run(["runuser", "-u", system_user(user), "--", *cmd], capture_output=True, text=True, timeout=60)


@needs_root
def test_participant_cannot_read_or_change_another_folder_on_disk(classroom):
    """As A's system user, B's folder cannot be listed, read or written; the class's secrets neither."""
    b_home = classroom.layout.home("tran-van-duc")
    answer = answer_file(classroom, "tran-van-duc")
    assert answer.is_file()
    assert oct(b_home.stat().st_mode & 0o777) == "0o700"
    import pwd
    assert b_home.stat().st_uid == pwd.getpwnam(system_user("tran-van-duc")).pw_uid
    for cmd in (["cat", str(answer)], ["ls", str(b_home)], ["touch", str(b_home / "x")],
                ["cat", str(classroom.layout.secrets / "class_password")], ["ls", str(classroom.layout.hub)]):
        done = as_user("nguyen-thi-lan", *cmd)
        assert done.returncode != 0 and "Permission denied" in done.stderr, (cmd, done)
    mine = as_user("nguyen-thi-lan", "cat", str(answer_file(classroom, "nguyen-thi-lan")))
    assert mine.returncode == 0 and OBJECTIVE["nguyen-thi-lan"] in mine.stdout


def server_processes() -> dict[str, int]:
    """JUPYTERHUB_USER → uid of every running single-user server on this machine."""
    from pathlib import Path

    found = {}
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if b"jupyterhub-singleuser" not in (proc / "cmdline").read_bytes():
                continue
            env = dict(x.split(b"=", 1) for x in (proc / "environ").read_bytes().split(b"\0") if b"=" in x)
            uid = int((proc / "status").read_text().split("\nUid:")[1].split()[0])
        except (OSError, IndexError, ValueError):
            continue
        if b"JUPYTERHUB_USER" in env:
            found[env[b"JUPYTERHUB_USER"].decode()] = uid
    return found


@needs_root
def test_servers_run_as_the_participants_own_accounts(classroom):
    """Each participant's server process belongs to their own system account, not to root."""
    import pwd

    for user in ("nguyen-thi-lan", "tran-van-duc"):
        classroom.start_server(classroom.session(user))
    running = server_processes()
    for user in ("nguyen-thi-lan", "tran-van-duc"):
        assert user in running, f"no server process of {user}: {running}"
        assert running[user] == pwd.getpwnam(system_user(user)).pw_uid != 0


def test_trainer_lands_on_the_trainer_view(classroom, hub_context, artifacts):
    """The trainer chooses "Giảng viên" with the trainer password and lands on the live trainer view."""
    page = hub_context.new_page()
    classroom.login(page, classroom.trainer, land=False)
    page.wait_for_url(re.compile(r"/services/okrkit-trainer/"), timeout=120_000)
    page.wait_for_load_state("load")
    page.get_by_text("Nguyễn Thị Lan", exact=True).first.wait_for(timeout=60_000)   # the grid fills itself in
    page.screenshot(path=str(artifacts / "classroom-trainer-landing.png"))


def test_hub_pages_speak_the_class_language(classroom, hub_context, artifacts):
    """The hub's own pages (home, a page that does not exist) are in Vietnamese, with the participant's name."""
    s = classroom.session("nguyen-thi-lan")
    r = s.get(classroom.url + "hub/home", timeout=60)
    assert r.status_code == 200
    home = r.content.decode("utf-8")
    for words in ("Bài tập của tôi", "Mở bài tập của tôi", "Đăng xuất", "Nguyễn Thị Lan"):
        assert words in home, words
    for english in ("Start My Server", "Logout", ">Token<", "Named Servers"):
        assert english not in home, english
    r = s.get(classroom.url + "hub/khong-co-trang-nay", timeout=60)
    assert r.status_code == 404
    missing = r.content.decode("utf-8")
    assert "Không có trang này" in missing and "lots of moons" not in missing
    page = hub_context.new_page()
    page.goto(classroom.url + "hub/khong-co-trang-nay")
    page.get_by_text("Không có trang này").wait_for()
    assert page.evaluate("document.documentElement.lang") == "vi"
    page.screenshot(path=str(artifacts / "classroom-404-vi.png"))
    page.close()


def test_restarted_class_keeps_accounts_passwords_and_answers(classroom, hub_context):
    """Stopping and starting the class again keeps every account, both passwords and every answer."""
    def work():
        homes = classroom.layout.homes
        return {str(p.relative_to(homes)): p.read_bytes() for p in sorted(homes.glob("*/answers/*.json"))
                + sorted(homes.glob("*/ex*.ipynb"))}
    before = work()
    assert len(before) >= 8 * 5          # every folder has its exercises (and, after the test above, answers)
    old = classroom.session("nguyen-thi-lan")
    out = classroom.restart()
    assert "Lớp học đã mở lại" in out
    assert printed(out, "Mật khẩu lớp") == classroom.class_password
    assert printed(out, "Mật khẩu giảng viên") == classroom.trainer_password
    assert work() == before
    # the cookie from before the restart still works (same cookie secret, same hub database)
    r = classroom.api(old, "GET", "users/nguyen-thi-lan")
    assert r.status_code == 200 and r.json()["name"] == "nguyen-thi-lan"
    trainer = classroom.session("trainer")
    names = {u["name"] for u in classroom.api(trainer, "GET", "users").json()}
    assert {"nguyen-thi-lan", "tran-van-duc"} <= names
    if not answer_file(classroom, "nguyen-thi-lan").is_file():
        return                           # run alone: no answer typed to find again
    page = hub_context.new_page()
    classroom.login(page, "nguyen-thi-lan")
    box = page.locator(".okrkit-objective-text textarea")
    box.wait_for(timeout=120_000)
    wait_for(lambda: box.input_value() == OBJECTIVE["nguyen-thi-lan"], timeout=30)
    assert box.input_value() == OBJECTIVE["nguyen-thi-lan"]
