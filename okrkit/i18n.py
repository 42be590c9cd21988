"""Message catalogue in English and Vietnamese.

Each module that speaks to participants registers its messages here as
``{key: {"en": ..., "vi": ...}}``; :func:`t` picks the language from its
argument, else the ``OKRKIT_LANG`` environment variable, else English.

Examples
--------
>>> from okrkit import i18n
>>> i18n.t("band.green", lang="vi")
'xanh'
"""

from __future__ import annotations

import os

from .errors import InputError

LANGS = ("en", "vi")
_CATALOGUE: dict[str, dict[str, str]] = {}


def register(messages: dict[str, dict[str, str]]) -> None:
    """Add messages to the catalogue; each must have both ``en`` and ``vi``."""
    for key, texts in messages.items():
        missing = [lang for lang in LANGS if not texts.get(lang)]
        if missing:
            raise ValueError(f"message {key!r} lacks {', '.join(missing)}")
        _CATALOGUE[key] = dict(texts)


def get_lang(lang: str | None = None) -> str:
    """The language to speak: ``lang``, else ``$OKRKIT_LANG``, else ``en``."""
    chosen = (lang or os.environ.get("OKRKIT_LANG") or "en").strip().lower()
    if chosen not in LANGS:
        raise InputError(f"unknown language {chosen!r}", where="lang",
                         hint="use 'en' (English) or 'vi' (tiếng Việt)")
    return chosen


def t(key: str, /, lang: str | None = None, **fields) -> str:
    """Translate ``key`` into ``lang`` (positional or keyword) and fill in ``fields``."""
    texts = _CATALOGUE.get(key)
    if texts is None:
        raise KeyError(f"no message {key!r} in the catalogue")
    text = texts[get_lang(lang)]
    return text.format(**fields) if fields else text


def both(key: str, /, **fields) -> dict[str, str]:
    """The message in every language, e.g. for JSON output."""
    return {lang: t(key, lang, **fields) for lang in LANGS}


def digits(text: str, lang: str | None = None) -> str:
    """A number written the English way (``1,234.5``) as ``lang`` writes it (vi: ``1.234,5``).

    >>> digits("4,000.25", "vi")
    '4.000,25'
    """
    if get_lang(lang) != "vi":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def keys() -> list[str]:
    return sorted(_CATALOGUE)


register({
    "band.red": {"en": "red", "vi": "đỏ"},
    "band.yellow": {"en": "yellow", "vi": "vàng"},
    "band.green": {"en": "green", "vi": "xanh"},
    "type.committed": {"en": "committed", "vi": "cam kết"},
    "type.aspirational": {"en": "aspirational", "vi": "mở rộng (thách thức)"},
})
