"""Every participant-facing message exists in English and Vietnamese."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import okrkit
from okrkit import i18n


def _import_all_core():
    for mod in pkgutil.iter_modules(okrkit.__path__):
        if mod.name not in ("ui", "grading", "cli"):
            importlib.import_module(f"okrkit.{mod.name}")


def test_every_key_has_both_languages_with_the_same_fields():
    """Both languages of a message use the same {fields}, so neither can crash when filled."""
    _import_all_core()
    for key in i18n.keys():
        en, vi = i18n._CATALOGUE[key]["en"], i18n._CATALOGUE[key]["vi"]
        assert set(re.findall(r"{(\w+)", en)) == set(re.findall(r"{(\w+)", vi)), key


def test_language_from_environment(monkeypatch):
    """OKRKIT_LANG picks the language when no argument does."""
    monkeypatch.setenv("OKRKIT_LANG", "vi")
    assert i18n.t("band.green") == "xanh"
    assert i18n.t("band.green", "en") == "green"


def test_unknown_language_is_a_clear_error():
    """An unknown language names the two that exist."""
    with pytest.raises(okrkit.InputError, match="'en'.*'vi'"):
        i18n.get_lang("fr")


def test_register_refuses_half_translated_messages():
    """A message without Vietnamese cannot be registered."""
    with pytest.raises(ValueError, match="vi"):
        i18n.register({"x.only-en": {"en": "hello"}})


def test_lang_may_be_given_by_keyword(monkeypatch):
    """t(key, lang="vi") speaks Vietnamese whatever $OKRKIT_LANG says."""
    monkeypatch.delenv("OKRKIT_LANG", raising=False)
    assert i18n.t("band.green", lang="vi") == "xanh"
    assert i18n.t("band.green", "vi") == "xanh"
