"""What ``okrkit classroom`` leaves for the trainer: slips, one-line mistakes, the Kubernetes recipe's pieces."""

from __future__ import annotations

import re
import socket

import pytest

from .conftest import okrkit_cli


def test_login_slips_print_offline(classroom, hub_browser, artifacts):
    """slips.html has one slip per participant (name, address, QR code, class password) and loads nothing."""
    html = classroom.layout.slips.read_text(encoding="utf-8")
    assert html.count('class="slip"') == len(classroom.participants) == 4
    for p in classroom.participants:
        assert f"<strong>{p.name}</strong>" in html
    assert html.count(classroom.class_password) == 4 and classroom.trainer_password not in html
    assert html.count("<svg") == 4 and classroom.url in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    context = hub_browser.new_context(viewport={"width": 900, "height": 1100})
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(classroom.layout.slips.as_uri())
    page.screenshot(path=str(artifacts / "classroom-slips.png"))
    context.close()
    assert all(u.startswith(("file:", "data:")) for u in requests), requests


@pytest.mark.parametrize("args,message", [
    (["start", "{tmp}/khong-co.csv"], "không thấy tệp danh sách lớp"),
    (["start"], "thư mục này chưa có lớp nào"),
    (["stop"], "không có lớp nào đang chạy"),
], ids=["missing-roster", "resume-nothing", "stop-nothing"])
def test_classroom_mistakes_are_one_line(tmp_path, args, message):
    """A trainer's mistake is one line (in Vietnamese, the default class language) and exit status 2."""
    argv = ["classroom", *[a.format(tmp=tmp_path) for a in args], "--dir", tmp_path / "lop"]
    if args[0] == "start":
        argv += ["--lang", "vi"]
    proc = okrkit_cli(*argv, check=False)
    assert proc.returncode == 2, proc
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in proc.stderr


def test_busy_port_is_named_before_anything_is_made(tmp_path, classroom):
    """A port in use is one line with what to do, and no class folder is created."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        proc = okrkit_cli("classroom", "start", classroom.roster, "--dir", tmp_path / "lop", "--ip", "127.0.0.1",
                          "--port", port, "--lang", "vi", check=False)
    assert proc.returncode == 2
    assert f"cổng {port} đang bị chương trình khác dùng" in proc.stderr and "--port" in proc.stderr
    assert not (tmp_path / "lop").exists()


def test_kubernetes_hub_config_matches_one_machine(classroom):
    """configure_z2jh gives the chart's hub the class login, the roster, the landing page and the trainer."""
    from traitlets.config import Config

    from okrkit.classroom.kubernetes import configure_z2jh
    from okrkit.classroom.login import ClassAuthenticator

    c = Config()
    configure_z2jh(c, {"OKRKIT_CLASS_DIR": str(classroom.dir), "OKRKIT_CLASS_PASSWORD": "lop-okr-2026",
                       "OKRKIT_TRAINER_PASSWORD": "giang-vien-2026"})
    assert c.JupyterHub.authenticator_class is ClassAuthenticator
    assert c.ClassAuthenticator.allowed_users == set(classroom.users) | {"trainer"}
    assert c.ClassAuthenticator.admin_users == {"trainer"}
    assert c.KubeSpawner.default_url == "/voila/render/ex01_sales_okr.ipynb"
    assert [p["name"] for p in c.JupyterHub.template_vars["okr_roster"]][:2] == ["Nguyễn Thị Lan", "Trần Văn Đức"]


def test_image_exercises_in_both_languages(tmp_path):
    """The participant image's build step writes the eight exercises, two quizzes and the survey per language."""
    import json

    from okrkit.classroom.image import write_exercises
    from okrkit.rubrics import ALL_IDS

    files = write_exercises(tmp_path)
    assert len(files) == 2 * len(ALL_IDS)
    for lang in ("vi", "en"):
        nb = json.loads((tmp_path / lang / "ex01_sales_okr.ipynb").read_text(encoding="utf-8"))
        params = next("".join(c["source"]) for c in nb["cells"] if "parameters" in c["metadata"].get("tags", []))
        assert f'lang = "{lang}"' in params
