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


def lesson_lang(lang: str | None = None) -> str:
    """A lesson's language: its ``lang`` parameter, else the class's (``$OKRKIT_LANG``), else Vietnamese.

    Papermill and ``okrkit demo`` pass ``lang``; a lesson opened as a page in a class
    (participant mode, where no parameter can be passed) speaks the class's language.
    """
    return get_lang(lang or os.environ.get("OKRKIT_LANG") or "vi")


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

    Prefer :func:`number`, :func:`percent`, :func:`amount` (Babel) for new code.

    >>> digits("4,000.25", "vi")
    '4.000,25'
    """
    if get_lang(lang) != "vi":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


# ---------------------------------------------------------------------------
# Numbers, amounts, dates and periods as each language writes them.
#
# Babel (CLDR data, installed with JupyterLab) does the formatting; Babel is
# imported on first use so that ``import okrkit`` stays light. Vietnamese writes
# 3.169 (three thousand), 0,85 and 2,5 tỷ; English writes 3,169, 0.85, 2.5 billion.
# Use these for every number a participant, trainer or manager reads.

_LOCALES = {"en": "en_US", "vi": "vi_VN"}


def locale(lang: str | None = None) -> str:
    """The Babel locale of ``lang`` (``vi_VN`` or ``en_US``)."""
    return _LOCALES[get_lang(lang)]


def number(value, lang: str | None = None, *, decimals: int | None = None, max_decimals: int | None = None) -> str:
    """A number as ``lang`` writes it; ``decimals`` fixes the decimals (default: up to 2, none for big numbers).

    ``max_decimals`` allows up to that many decimals whatever the size (``1.234,5``).

    Unknown (None or NaN) is written as a dash, never as 0.

    >>> number(3169, "vi"), number(3169, "en"), number(0.85, "vi"), number(1234.5, "vi", decimals=2)
    ('3.169', '3,169', '0,85', '1.234,50')
    >>> number(None, "vi"), number(float("nan"), "en"), number(1234.5, "vi", max_decimals=2)
    ('–', '–', '1.234,5')
    """
    from babel.numbers import format_decimal
    if value is None or value != value:
        return "–"
    if max_decimals is not None:
        fmt = "#,##0" + ("." + "#" * max_decimals if max_decimals > 0 else "")
    elif decimals is None:
        fmt = "#,##0" if abs(value) >= 1000 else "#,##0.##"
    else:
        fmt = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=fmt, locale=locale(lang))


def percent(value, lang: str | None = None, *, decimals: int = 0) -> str:
    """A share (0.574) as a percentage: ``57%`` / ``57,4%`` with ``decimals=1`` in vi.

    >>> percent(0.574, "vi", decimals=1), percent(0.574, "en", decimals=1), percent(None, "vi")
    ('57,4%', '57.4%', '–')
    """
    from babel.numbers import format_percent
    if value is None or value != value:
        return "–"
    fmt = "#,##0" + ("." + "#" * decimals if decimals > 0 else "") + "%"
    return format_percent(value, format=fmt, locale=locale(lang))


def amount(value, lang: str | None = None, *, unit: str | None = "VND", short: bool = True) -> str:
    """A money amount or large count: ``2,5 tỷ đồng`` / ``2.5 billion VND`` when ``short``, else in full.

    >>> amount(2_500_000_000, "vi"), amount(2_500_000_000, "en"), amount(800_000_000, "vi", unit=None)
    ('2,5 tỷ đồng', '2.5 billion VND', '800 triệu')
    >>> amount(150_000, "vi"), amount(1_500_000, "vi", short=False), amount(None, "en")
    ('150.000 đồng', '1.500.000 đồng', '–')
    """
    from babel.numbers import format_compact_decimal
    if value is None or value != value:
        return "–"
    lang = get_lang(lang)
    if short and abs(value) >= 1_000_000:
        text = format_compact_decimal(value, format_type="long", fraction_digits=1, locale=locale(lang))
    else:
        text = number(value, lang, decimals=0 if abs(value) >= 1000 else None)
    if not unit:
        return text
    if unit.upper() in ("VND", "ĐỒNG", "Đ", "VNĐ"):
        return f"{text} {'đồng' if lang == 'vi' else 'VND'}"
    return f"{text} {unit}"


def date(value, lang: str | None = None) -> str:
    """A date: ``13/02/2026`` in vi, ``Feb 13, 2026`` in en (``value`` a date or ISO text).

    >>> date("2026-02-13", "vi"), date("2026-02-13", "en")
    ('13/02/2026', 'Feb 13, 2026')
    """
    import datetime as _dt

    from babel.dates import format_date
    if value is None or value != value:
        return "–"
    if isinstance(value, str):
        value = _dt.date.fromisoformat(value[:10])
    if isinstance(value, _dt.datetime):
        value = value.date()
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime().date()
    lang = get_lang(lang)
    return format_date(value, "dd/MM/yyyy" if lang == "vi" else "medium", locale=locale(lang))


def period(value: str, lang: str | None = None) -> str:
    """A period id as people write it: ``2026-Q1`` → ``Quý 1/2026`` / ``Q1 2026``; ``2026-03`` → ``Tháng 3/2026`` / ``March 2026``; ``2026-W06`` → ``Tuần 6/2026`` / ``Week 6, 2026``.

    >>> period("2026-Q1", "vi"), period("2026-Q1", "en"), period("2026-03", "vi"), period("2026-03", "en")
    ('Quý 1/2026', 'Q1 2026', 'Tháng 3/2026', 'March 2026')
    >>> period("2026-W06", "vi"), period("2026", "vi")
    ('Tuần 6/2026', 'Năm 2026')
    """
    import re as _re
    text = str(value).strip()
    lang = get_lang(lang)
    m = _re.fullmatch(r"(\d{4})-?Q([1-4])", text, _re.I)
    if m:
        return f"Quý {m[2]}/{m[1]}" if lang == "vi" else f"Q{m[2]} {m[1]}"
    m = _re.fullmatch(r"(\d{4})-W(\d{1,2})", text, _re.I)
    if m:
        return f"Tuần {int(m[2])}/{m[1]}" if lang == "vi" else f"Week {int(m[2])}, {m[1]}"
    m = _re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if m and 1 <= int(m[2]) <= 12:
        if lang == "vi":
            return f"Tháng {int(m[2])}/{m[1]}"
        import datetime as _dt

        from babel.dates import format_date
        return format_date(_dt.date(int(m[1]), int(m[2]), 1), "LLLL yyyy", locale=locale(lang))
    if _re.fullmatch(r"\d{4}", text):
        return f"Năm {text}" if lang == "vi" else text
    return text


def keys() -> list[str]:
    return sorted(_CATALOGUE)


register({
    "band.red": {"en": "red", "vi": "đỏ"},
    "band.yellow": {"en": "yellow", "vi": "vàng"},
    "band.green": {"en": "green", "vi": "xanh"},
    "type.committed": {"en": "committed", "vi": "cam kết"},
    "type.aspirational": {"en": "aspirational", "vi": "mở rộng (thách thức)"},
})
