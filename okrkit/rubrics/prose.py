"""What the rubrics look for in a participant's own sentences: numbers, who helps, by when, vague plans.

Written answers (a Plan / Progress / Problems check-in, a defence of weights) are
judged on the criteria the lessons teach, not on their length:

* :func:`numbers_in` — the amounts a sentence states ("từ 2.936 lên 2.950", "+14",
  "2,95k", "248k VND"), read by :func:`okrkit.quantity.find_quantities`, so that a
  rubric can ask whether the participant quotes *their own* figures;
* :func:`names_helper` — whose help a Problem asks for: a department, a role, a named
  person ("cần Kinh doanh phản hồi", "ask Sales", "nhờ chị Mai");
* :func:`names_deadline` — by when: a date ("23/2"), a weekday, "tuần sau", "trong 48 giờ",
  "by Friday", "within two days";
* :func:`vague` — a Plan that says nothing one can do ("tiếp tục cố gắng", "keep working").

Every test reads Vietnamese with or without its accents and English the same way.
They are screens, not understanding: a participant who writes to fool them can; the
trainer guide says so, and the trainer reads the answers the screens pass.

>>> names_helper("Cần Kinh doanh phản hồi từng lead"), names_helper("Can ho tro them")
(True, False)
>>> names_deadline("trước 28/2"), names_deadline("by Friday"), names_deadline("sớm")
(True, True, False)
>>> vague("Tiếp tục cố gắng"), vague("Chạy hội thảo cho chủ shop thời trang")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata


def plain(text) -> str:
    """Lower case without Vietnamese accents: 'Đặng Ngọc Mai' → 'dang ngoc mai'."""
    text = unicodedata.normalize("NFD", str(text or "").replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def words(text) -> int:
    return len(re.findall(r"\w+", str(text or "")))


def quantities_in(text) -> list[tuple[float, str | None]]:
    """The amounts the text states (dates, weeks and years excepted), with their units."""
    from ..quantity import find_quantities

    try:
        found = find_quantities(str(text or ""))
    except Exception:  # noqa: BLE001  -- unreadable prose has no numbers; it never crashes a grade
        return []
    return [(float(q.value), q.unit) for q in found if q.value is not None]


def numbers_in(text) -> list[float]:
    """The amounts the text states, as numbers (a percentage as written: 25% → 25)."""
    return [n for n, _unit in quantities_in(text)]


def mentions(text, values, *, rel: float = 0.005, percent_of: tuple[float, ...] = ()) -> bool:
    """Does the text state one of ``values`` (within ``rel``), or a share in ``percent_of`` (25% or 0,25)?"""
    for n, unit in quantities_in(text):
        if unit != "%":
            for v in values:
                if v is not None and abs(n - v) <= max(rel * abs(v), 0.5 if float(v).is_integer() else 1e-9):
                    return True
        for share in percent_of:
            if share is None:
                continue
            if unit == "%" and abs(n - 100 * share) <= 1.1:
                return True
            if unit is None and not float(n).is_integer() and abs(n - share) <= 0.011:
                return True
    return False


# Who can help: departments, roles and named people (accents removed, lower case).
_HELPER_RE = re.compile(
    r"\b(bo phan|phong|doi|nhom|ben|team)\s+(kinh doanh|ban hang|sales|nhan su|hr|san pham|ky thuat|it|cham soc|"
    r"cskh|ke toan|tai chinh|phap che|thiet ke|design|noi dung|content|van hanh|ho tro|support|product|engineering)|"
    r"kinh doanh|\bsales\b(?![- ]qualified)|nhan su|\bhr\b|ke toan|tai chinh|\bfinance\b|accounting|phap che|"
    r"\blegal\b|ban giam doc|giam doc|\bbgd\b|\bceo\b|\bcmo\b|\bcfo\b|\bcoo\b|\bboard\b|leadership|"
    r"\bmanagement\b|truong phong|truong nhom|truong bo phan|truong vung|\bsep\b|cap tren|nguoi quan ly|"
    r"quan ly truc tiep|\bmanager\b|team lead|supervisor|\bagency\b|doi tac|\bpartners?\b|nha cung cap|vendor|"
    r"supplier|designer|dong nghiep|colleagues?|engineers?\b|developers?\b|lap trinh vien|cskh")
# On the text as written: the IT team, a named person after an honorific, "ask Lan", "nhờ Minh".
_PERSON_RE = re.compile(r"\bIT\b|\b(anh|chị|ông|bà|cô|Mr\.?|Ms\.?|Mrs\.?)\s+[A-ZĐÀ-Ỹ]|"
                        r"\b(?i:ask|asking|nhờ|nho|mời|moi)\s+[A-ZĐÀ-Ỹ][a-zà-ỹ]+")

# By when: dates, weekdays, relative weeks and months, spans of hours or days.
_MONTHS = (r"(january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|"
           r"october|oct|november|nov|december|dec)")
_WHEN_RE = re.compile(
    r"\b\d{1,2}\s*/\s*\d{1,2}\b|\bngay\s+\d{1,2}\b|\bmung\s+\d|\bthu\s+[2-7]\b|\bthu\s+(hai|tu|sau|bay)\b|"
    r"\bchu nhat\b|\b(tuan|thang|quy)\s+(nay|sau|toi|\d{1,2})\b|\b(cuoi|dau|giua)\s+(tuan|thang|quy)\b|"
    r"\bngay mai\b|\bhom nay\b|\bsau tet\b|"
    r"\btrong\s+(vong\s+)?(\d+|mot|hai|ba|bon|nam)\s+(gio|ngay|tuan|thang)\b|\bhan\s+(chot|cuoi)\b|\bdeadline\b|"
    r"\btruoc\s+(ngay|thu|cuoi|dau|le|tet|\d)|"
    r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b|\btomorrow\b|\btoday\b|\btonight\b|"
    r"\b(next|this|end of( the)?|by the end of( the)?)\s+(week|month|quarter|sprint)\b|"
    r"\bwithin\s+(\d+|a|an|one|two|three|four|five)\s+(hours?|days?|weeks?)\b|"
    r"\bby\s+(\d|the\s+\d|(mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|next|end|mid|early|late)|"
    rf"\b{_MONTHS}\.?\s+\d{{1,2}}\b|\b\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTHS}\b")
# "thứ ba", "thứ năm" on the text as written ("thu ba" unaccented is also "three-month revenue")
_WEEKDAY_RE = re.compile(r"\bthứ\s+(hai|ba|tư|năm|sáu|bảy)\b", re.IGNORECASE)

# Plans that name nothing one can do.
_VAGUE_RE = re.compile(
    r"\b(tiep tuc|co gang|no luc|lam tiep|lam tot hon|nhu cu|nhu tuan truoc|day manh|tang cuong|theo doi them|"
    r"hon nua|nhieu hon|keep (working|going|it up|trying|pushing)|continue|try (harder|our best|to improve)|"
    r"work harder|as usual|do more|do better|push harder|improve|focus more|more effort)\b")
_FILLER_RE = re.compile(r"\b(va|de|cho|cua|cac|nhung|se|toi|chung toi|ta|doi|team|we|will|and|to|our|i|a|the|"
                        r"on|in|of|with|nua|them|hon|luon|van|lai|viec|cong viec|work|things?)\b")


def names_helper(text) -> bool:
    """Does the text name whose help is needed (a department, a role, a named person)?"""
    raw = str(text or "")
    return bool(_HELPER_RE.search(plain(raw)) or _PERSON_RE.search(raw))


def names_deadline(text) -> bool:
    """Does the text say by when (a date, a weekday, next week, within 48 hours, by Friday …)?"""
    return bool(_WHEN_RE.search(plain(text)) or _WEEKDAY_RE.search(str(text or "")))


def vague(text) -> bool:
    """A plan with nothing one could do this week: empty, a few words, or only 'keep trying' words."""
    low = plain(text)
    if words(low) < 3:
        return True
    rest = _FILLER_RE.sub(" ", _VAGUE_RE.sub(" ", low))
    return words(rest) < 3


_FIGURE_RE = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)(?![\w])(\s*(%|phần trăm|phan tram|percent))?")


def figures(text) -> list[tuple[float, bool, float]]:
    """The small figures of a sentence as written: ``(value, is_percent, half_step)``.

    ``70%`` → ``(70, True, 0.5)``; ``0,85`` and ``0.85`` → ``(0.85, False, 0.005)``; ``2.950`` → a
    thousand-separated ``2950``; ``70/20`` → ``70`` and ``20``.  ``half_step`` is half a unit of the
    last digit written, so that a figure rounded as the panel rounds it still matches.
    """
    out = []
    for m in _FIGURE_RE.finditer(str(text or "")):
        digits, percent = m.group(1), bool(m.group(3))
        if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits) and not re.fullmatch(r"0[.,]\d{3}", digits):
            value, places = float(re.sub(r"[.,]", "", digits)), 0
        else:
            whole, _, frac = digits.replace(",", ".").partition(".")
            value, places = float(f"{whole}.{frac}" if frac else whole), len(frac)
        out.append((value, percent, 0.5 * 10 ** -places + 1e-9))
    return out
