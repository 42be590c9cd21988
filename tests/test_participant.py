"""Participant mode: the kit's Jupyter configuration, Voilà template and addresses (okrkit.participant)."""

from __future__ import annotations

import json
import re

import pytest

from okrkit import participant
from okrkit.rubrics import ALL_IDS, IDS


def _load_config(env: dict[str, str], monkeypatch):
    """The traitlets config the server gets from the kit's config folder, under ``env``."""
    from traitlets.config.loader import PyFileConfigLoader

    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return PyFileConfigLoader("jupyter_server_config.py", path=str(participant.config_dir())).load_config()


@pytest.mark.parametrize("lang, locale", [("vi", "vi_VN"), ("en", "en")])
def test_config_picks_the_class_language_and_silences_news(lang, locale, monkeypatch):
    """The server config points JupyterLab at the kit's settings for the class language, news and update check off."""
    cfg = _load_config(participant.server_env(lang), monkeypatch)
    settings_dir = participant.lab_settings_dir(lang)
    assert cfg.LabApp.app_settings_dir == str(settings_dir)
    assert cfg.LabApp.news_url is None
    overrides = json.loads((settings_dir / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == locale
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                        "checkForUpdates": False}
    assert cfg.VoilaConfiguration.template == participant.TEMPLATE
    assert cfg.VoilaConfiguration.strip_sources is True
    assert cfg.VoilaConfiguration.show_tracebacks is False


def test_vietnamese_language_pack_is_the_one_installed():
    """The locale the kit asks for is the installed JupyterLab language pack's."""
    from pathlib import Path

    import jupyterlab_language_pack_vi_VN as pack

    assert (Path(pack.__file__).parent / "locale" / "vi_VN").is_dir()


def test_config_puts_the_template_on_the_data_path(monkeypatch):
    """With only JUPYTER_CONFIG_PATH set (as some spawners do), the kit's template folder still reaches Voilà."""
    monkeypatch.delenv("JUPYTER_PATH", raising=False)
    _load_config({"JUPYTER_CONFIG_PATH": str(participant.config_dir())}, monkeypatch)
    import os

    assert os.environ["JUPYTER_PATH"].split(os.pathsep)[0] == str(participant.data_dir())


def test_page_config_hook_keeps_mathjax_local(monkeypatch):
    """Voilà's page is told to typeset with its bundled MathJax, not MathJax 2 from a CDN."""
    cfg = _load_config(participant.server_env("vi"), monkeypatch)
    page = cfg.VoilaConfiguration.page_config_hook({"fullMathjaxUrl": "https://cdn.example/mj.js"}, "/", {}, None,
                                                   None, "x.ipynb")
    assert page["fullMathjaxUrl"] == "null" and page["mathjaxConfig"] == "null"


def test_template_links_nothing_remote():
    """The kit's Voilà template and page carry no http(s) address (the lab template links FontAwesome from a CDN)."""
    folder = participant.data_dir() / "voila" / "templates" / participant.TEMPLATE
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir() if p.is_file()}
    assert {"conf.json", "index.html.j2", "page.html"} <= set(texts)
    assert json.loads(texts["conf.json"])["base_template"] == "lab"
    for name, text in texts.items():
        assert not re.search(r"https?://", text), name


def test_exercise_urls_are_relative_to_the_base_url():
    """Exercise addresses work unchanged under a hub's /user/<name>/ prefix."""
    assert participant.exercise_url("ex04_weights") == "voila/render/exercises/ex04_weights.ipynb"
    assert participant.exercise_url("ex04_weights", folder="") == "voila/render/ex04_weights.ipynb"
    assert participant.exercise_url("ex04_weights.ipynb", folder="class/a") == \
        "voila/render/class/a/ex04_weights.ipynb"
    hub = participant.links("/user/nguyen-thi-lan/", folder="", lessons=None, lang="vi")
    assert [u for _, u in hub][1:] == [f"/user/nguyen-thi-lan/voila/render/{i}.ipynb" for i in ALL_IDS]
    assert hub[0][1] == "/user/nguyen-thi-lan/lab"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_links_name_each_exercise_and_lesson_in_the_class_language(lang):
    """One link per exercise and per lesson, titled in the class language; lessons open at "Thử sức"."""
    got = participant.links("http://127.0.0.1:8888/", lang=lang, query="token=t")
    titles = [t for t, _ in got]
    assert len([u for _, u in got if "/exercises/" in u]) == len(ALL_IDS)   # the exercises, quizzes and survey
    lessons = [(t, u) for t, u in got if "/notebooks/" in u]
    assert len(lessons) == len(list((participant.ROOT / "notebooks").glob("0*.ipynb")))
    assert all("?token=t" in u for _, u in got)
    word = "Bài tập" if lang == "vi" else "Exercise"
    assert all(t.startswith(word) for t in titles[1:1 + len(IDS)])
    assert any(u.endswith("#Th%E1%BB%AD-s%E1%BB%A9c-%C2%B7-Try-it") for _, u in lessons)
    if lang == "en":
        assert "Lesson 2 — Writing OKRs for Sales" in titles
    else:
        assert "Bài 2 — Viết OKR cho phòng Kinh doanh" in titles
