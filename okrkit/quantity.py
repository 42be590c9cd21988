"""Numbers and units out of Vietnamese and English text.

:func:`parse_number` reads one number as a person writes it in a form or a
spreadsheet cell (``1.500.000``, ``2,5 tỷ``, ``$1.2M``, ``35%``).
:func:`find_quantities` reads every amount out of a key result's free text
(``Đạt 120 khách hàng có giá trị từ 3 triệu trở lên``) and
:func:`target_quantity` picks the one the key result aims at.  Dates
(``31/7/2020``, ``tháng 8/2020``, ``quý III-2020``, ``Q3 2026``), years
(``năm 2025``), version numbers (``phiên bản 2.0``), labels (``level 2``,
``ngày 3``), numbers inside names (``Top 50``, ``Fortune 500``, ``401(k)``),
phone numbers (``1900 6868``) and opening hours (``8h–22h``) are not amounts,
so they never come back.  A number that says which firms or people are meant
(``hộ kinh doanh có doanh thu dưới 1 tỷ/năm``, ``companies with under 50
employees``) is a ``condition``, never the target.

Examples
--------
>>> import okrkit as ok
>>> kr = ok.sample_company().objectives[0].key_results[2]
>>> kr.text
'Giảm tỷ lệ khách hàng rời bỏ từ 8% xuống 5%'
>>> q = target_quantity(kr.text)
>>> q.value, q.unit, q.role
(5.0, '%', 'to')
>>> [(q.value, q.unit) for q in find_quantities("Đạt 120 khách hàng có giá trị từ 3 triệu trở lên")]
[(120.0, 'khách hàng'), (3000000.0, 'VND')]
>>> target_quantity("Tham gia Hội nghị Nhân sự Việt Nam 2020 vào cuối tháng 8/2020") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputError

# Scale words, longest first so "triệu" wins over "tr".
SCALES: dict[str, float] = {
    "nghìn": 1e3, "ngàn": 1e3, "ngan": 1e3, "nghin": 1e3, "thousand": 1e3, "k": 1e3,
    "triệu": 1e6, "trieu": 1e6, "tr": 1e6, "million": 1e6, "millions": 1e6, "mn": 1e6, "m": 1e6,
    "tỷ": 1e9, "tỉ": 1e9, "ty": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9, "b": 1e9,
}

_CURRENCY_WORDS = {"đồng": "VND", "dong": "VND", "vnd": "VND", "vnđ": "VND", "đ": "VND",
                   "usd": "USD", "$": "USD"}

_NUMBER_RE = re.compile(r"[-+]?\d[\d.,\s]*")


def number_from_digits(digits: str) -> float:
    """Read a digit string with Vietnamese or English separators.

    ``1.500.000`` and ``1,500,000`` are one and a half million; ``2,5`` and
    ``2.5`` are two and a half; a single separator followed by exactly three
    digits (``150.000``, ``1,000``) groups thousands, as Vietnamese forms write them.

    >>> number_from_digits("1.500.000"), number_from_digits("2,5"), number_from_digits("1,234.5")
    (1500000.0, 2.5, 1234.5)
    """
    s = digits.strip().replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if not s or not s[0].isdigit():
        raise ValueError(digits)
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        # whichever comes last is the decimal mark
        dec, grp = (".", ",") if s.rfind(".") > s.rfind(",") else (",", ".")
        s = s.replace(grp, "").replace(dec, ".")
    elif dots > 1 or commas > 1:
        sep = "." if dots > 1 else ","
        groups = s.split(sep)
        if not all(len(g) == 3 for g in groups[1:]):
            raise ValueError(digits)
        s = "".join(groups)
    elif dots == 1 or commas == 1:
        sep = "." if dots else ","
        head, tail = s.split(sep)
        s = head + tail if len(tail) == 3 and head != "0" else head + "." + tail
    return sign * float(s)


_NUMBER_HINT = {"en": "write a number such as 800000000, 1.500.000 or '800 triệu'",
                "vi": "hãy viết một số như 800000000, 1.500.000 hoặc '800 triệu'"}


def parse_number(text: str | float) -> tuple[float, str | None]:
    """Read one amount from a cell or a form field: ``(value, unit)``.

    Raises :class:`~okrkit.errors.InputError` when the text is not one number.

    >>> parse_number("2,5 tỷ đồng")
    (2500000000.0, 'VND')
    >>> parse_number("35%")
    (35.0, '%')
    >>> parse_number("$1.2M")
    (1200000.0, 'USD')
    """
    if isinstance(text, bool):
        raise InputError({"en": f"expected a number, got {text!r}", "vi": f"cần một số, không phải {text!r}"},
                         hint=_NUMBER_HINT)
    if isinstance(text, (int, float)):
        return float(text), None
    raw = str(text).strip()
    s = raw.lower()
    unit = None
    if s.startswith("$"):
        unit, s = "USD", s[1:].strip()
    if s.endswith("%"):
        unit, s = "%", s[:-1].strip()
    m = _NUMBER_RE.match(s)
    if not m:
        raise InputError({"en": f"{raw!r} is not a number", "vi": f"{raw!r} không phải là số"}, hint=_NUMBER_HINT)
    try:
        value = number_from_digits(m.group(0))
    except ValueError:
        raise InputError({"en": f"{raw!r} is not a number", "vi": f"{raw!r} không phải là số"},
                         hint=_NUMBER_HINT) from None
    rest = s[m.end():].strip().split()
    if rest and rest[0] in SCALES:
        value *= SCALES[rest.pop(0)]
    if rest and rest[0] in _CURRENCY_WORDS and unit is None:
        unit = _CURRENCY_WORDS[rest.pop(0)]
    if rest:
        raise InputError({"en": f"{raw!r} is not a single number", "vi": f"{raw!r} không phải là một số duy nhất"},
                         hint={"en": "keep only the amount and its unit, e.g. '800 triệu' or '35%'",
                               "vi": "chỉ giữ lại con số và đơn vị, ví dụ '800 triệu' hoặc '35%'"})
    return value, unit


# Words that say a smaller number is better (the KR's direction), en and vi; matched as whole words
# ("hạ" must not match "đúng hạn", "lower" must not match "followers").
_DOWN_WORDS = ("giảm", "hạ", "cắt giảm", "rút ngắn", "reduce", "decrease", "cut", "lower", "shorten", "drop")
_BELOW_WORDS = ("dưới", "không quá", "tối đa", "below", "under", "at most", "no more than", "less than")
_ABOVE_WORDS = ("duy trì trên", "giữ trên", "luôn trên", "stay above", "keep above", "remain above")


def _words_re(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)")


_DOWN_RE, _BELOW_RE, _ABOVE_RE = _words_re(_DOWN_WORDS), _words_re(_BELOW_WORDS), _words_re(_ABOVE_WORDS)


def direction_hint(text: str) -> str | None:
    """The KR kind its words suggest (``decrease``, ``stay-below``, ``stay-above``) or ``None``.

    >>> direction_hint("Giảm tỷ lệ rời bỏ từ 8% xuống 5%"), direction_hint("Báo cáo đúng hạn 12/12 tuần")
    ('decrease', None)
    """
    low = text.lower()
    if _ABOVE_RE.search(low):
        return "stay-above"
    if _DOWN_RE.search(low):
        return "decrease"
    if _BELOW_RE.search(low):
        return "stay-below"
    return None


# ================================================================ quantities in free text

@dataclass(frozen=True, slots=True)
class Quantity:
    """An amount read out of free text.

    ``value`` is the number with its scale applied (``800 triệu`` → 800000000);
    ``unit`` is ``'VND'``, ``'USD'``, ``'%'``, ``'pp'`` (percentage points),
    ``'x'`` (a multiplier: ``gấp đôi``, ``double``), a time unit (``'giờ'``,
    ``'hours'``) or the counted noun (``'khách hàng'``, ``'lead'``), else ``None``.
    ``role`` is ``'amount'``; ``'from'`` / ``'to'`` for the two ends of
    ``từ 8% xuống 5%``; ``'condition'`` for a qualifier (``có giá trị từ 3
    triệu trở lên``); ``'limit'`` for a time limit (``trong 24 giờ``).
    ``bound`` is ``'min'`` (``ít nhất``, ``trở lên``, ``at least``) or ``'max'``
    (``dưới``, ``không quá``, ``at most``); ``out_of`` is the scale of a score
    or a share (``4.2/5``, ``12/12 tuần``); ``per`` the period of a rate
    (``5 bài mỗi tuần`` → ``'tuần'``).
    """

    value: float
    unit: str | None
    span: tuple[int, int]
    text: str
    role: str = "amount"
    bound: str | None = None
    out_of: float | None = None
    per: str | None = None

    def to_dict(self) -> dict:
        return {"value": self.value, "unit": self.unit, "text": self.text, "role": self.role,
                "bound": self.bound, "out_of": self.out_of, "per": self.per}


_PER_WORDS = r"(?:mỗi|hàng|hằng|một|mọi|per|a|an|each|every)"
_PERIODS = {
    "ngày": "ngày", "tuần": "tuần", "tháng": "tháng", "quý": "quý", "năm": "năm",
    "day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year",
}
_ADVERB_PERIODS = {"daily": "day", "weekly": "week", "monthly": "month", "quarterly": "quarter",
                   "yearly": "year", "annually": "year"}

# ---- spans that are never amounts: dates, quarters, years, times, ages, time boxes
_MONTHS_EN = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
              r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_YEAR = r"(?:19|20)\d{2}"
_NOT_PER = r"(?<!mỗi )(?<!hằng )(?<!một )(?<!mọi )"  # not "hàng": "bán hàng tháng 9" is month 9
# "quý 3 tỷ" is three billion in a quarter, not the third quarter
_NOT_AMOUNT_AFTER = r"(?!\s*(?:nghìn|ngàn|triệu|tỷ|tỉ|tr|k|%|phần trăm|đồng|vnđ|vnd|usd)(?![\w]))"
_BLOCK_RES = tuple(re.compile(p) for p in (
    rf"(?<![\w.,/]){_YEAR}-\d{{1,2}}-\d{{1,2}}(?![\w/])",                       # 2026-03-31
    rf"(?<![\w.,/])\d{{1,2}}([/.-])\d{{1,2}}\1(?:{_YEAR}|\d{{2}})(?![\w/.]\d)",   # 31/7/2020, 31.7.2020
    rf"(?<![\w.,/])(?:0?[1-9]|1[0-2])[/-]{_YEAR}(?![\w/])",                     # 8/2020
    rf"(?<![\w]){_YEAR}\s*[-/]?\s*[qh][1-4](?![\w])",                           # 2026-Q1
    rf"(?<![\w])[qh][1-4](?:\s*[-/]?\s*{_YEAR}|\s*'\d{{2}})?(?![\w])",           # Q3 2026, H1/2026
    rf"\bquý\s*(?:[ivx]+|[1-4])(?![\w]){_NOT_AMOUNT_AFTER}(?:\s*(?:[-/]|năm)?\s*{_YEAR})?",         # quý III-2020
    rf"{_NOT_PER}\btháng\s*\d{{1,2}}(?![\w]){_NOT_AMOUNT_AFTER}(?:\s*(?:[/-]|năm)\s*(?:{_YEAR}|\d{{2}})(?![\w]))?",  # tháng 8/2020
    rf"{_NOT_PER}\b(?:ngày|mùng|mồng)\s*\d{{1,2}}(?:\s*[/-]\s*\d{{1,2}}(?:\s*[/-]\s*(?:{_YEAR}|\d{{2}}))?)?(?![\w])",
    rf"\b(?:năm|year|fy|niên độ|năm tài chính|fiscal year|since|từ năm|đến năm)\s*'?{_YEAR}(?![\w])",
    r"\bfy\s*'?\d{2}(?![\w])",
    rf"\b{_MONTHS_EN}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\w])(?:,?\s*{_YEAR})?",  # March 31, 2026
    rf"(?<![\w])\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS_EN}\b\.?(?:,?\s*{_YEAR})?",  # 31 March
    rf"\b{_MONTHS_EN}\.?\s*,?\s*{_YEAR}(?![\w])",                                  # March 2026
    r"(?<![\w])\d{1,2}[:h]\d{2}(?![\w])",                                          # 9:00, 8h30
    r"(?<![\w])\d{1,2}\s?(?:am|pm|a\.m\.|p\.m\.)(?![\w])",                          # 9 am
    r"\b(?:lúc|vào lúc|at)\s+\d{1,2}\s*(?:giờ|h|o'clock)?(?=\s*(?:sáng|chiều|tối|trưa|am|pm|o'clock|$|[,.;](?!\d)))",
    r"(?<![\w/])24\s?/\s?7(?![\w/])",                                               # 24/7
    r"(?<![\w.,])360\s?(?:độ|°|-degree|degree)(?![\w])",                                # 360-degree feedback
    r"(?<![\w.,])1[3-5]\s+tháng lương(?![\w])",                                          # "13 tháng lương": a benefit
    r"“[^”\n]{1,60}”|\"[^\"\n]{1,60}\"|«[^»\n]{1,60}»",                                       # a quoted name: “20% off Fridays”
    # a product claim, not an amount: "100% thuần chay", "100% natural"
    (r"(?<![\w.,])100\s?%\s+(?:thuần chay|tự nhiên|thiên nhiên|hữu cơ|nguyên chất|organic|natural|vegan|"
     r"plant-based|handmade|recycled|tái chế|cotton)(?![\w])"),
    # opening hours: "từ 8h đến 22h", "8h-17h30", "8:00–22:00", "9am to 6pm"
    (r"(?<![\w.,])\d{1,2}(?:\s?h\d{0,2}|:\d{2}|\s?(?:am|pm))\s*(?:[-–—]|đến|tới|to|until)\s*"
     r"\d{1,2}(?:\s?h\d{0,2}|:\d{2}|\s?(?:am|pm))(?![\w])"),
    r"(?<![\w.,])\d{1,2}\s?h\s+(?:sáng|chiều|tối|trưa|đêm)(?![\w])",                   # 8h sáng
    # names of legal sections and plans: "401(k)", "401 (k)", "403(b)", "Điều 5(a)"
    r"(?<![\w.,])\d+\s?\([a-z]\)(?![\w])",
    # phone numbers: "1900 6868", "1800.5588", "0912 345 678", "(028) 3822 1234", "+84 912 345 678"
    r"(?<![\w.,])(?:1800|1900)[\s.]?\d{3,4}(?:[\s.]?\d{2,4})?(?![\w]|[.,]\d)",
    r"(?<![\w.,])(?:\+84[\s.]?|\(0\d{1,3}\)\s?|0)\d{2,3}[\s.]?\d{3}[\s.]?\d{3,4}(?![\w]|[.,]\d)",
    # a one-to-one meeting: "1:1s", "weekly 1:1 with"
    r"(?<![\w.,:])1\s?:\s?1s?(?![\w:]|[.,]\d)",
    r"\b(?:độ tuổi|lứa tuổi|tuổi|aged?|ages)\s*(?:từ|from)?\s*\d+(?:\s*(?:[-–—]|đến|tới|to)\s*\d+)?",  # ages 20-40
    r"(?<![\w.,])\d+(?:\s*(?:[-–—]|đến|tới|to)\s*\d+)?\s*(?:tuổi|years? old|yo)(?![\w])",           # 35 tuổi
    (r"\b(?:trong(?:\s+(?:vòng|khoảng))?|within|in|for|over|after|sau|suốt)\s+(?:the\s+)?(?:first\s+|next\s+|last\s+)?"
    r"\d+(?:[.,]\d+)?\s*(?:tháng|quý|năm|tuần|months?|quarters?|years?|weeks?)(?![\w])(?:\s+(?:đầu|tới|cuối|qua))?"),
    r"\b(?:first|next|last)\s+\d+\s+(?:months?|quarters?|years?|weeks?)\b",
    r"(?<![\w])\d+\s+(?:tháng|tuần|quý|năm)\s+(?:đầu|cuối)(?![\w])",
    # compound adjectives: "5-year plan", "3-step process", "a 24-hour SLA"
    (r"(?<![\w.,-])\d+-(?:years?|months?|weeks?|days?|quarters?|hours?|minutes?|steps?|points?|stars?|person|"
    r"people|page|pages)\b"),
    # a plan's horizon: "kế hoạch 5 năm", "lộ trình 3 tháng"
    (r"\b(?:kế hoạch|chiến lược|lộ trình|tầm nhìn|plan|strategy|roadmap|vision)\s+\d+\s*(?:năm|tháng|quý|"
    r"years?|months?)(?![\w])"),
))

# Words directly before a number that make it a label, an ordinal or a name.
_LABEL_WORDS = frozenset("""level|lv|cấp|cấp độ|bậc|giai đoạn|phase|stage|tier|round|vòng|quận|phường|
district|ward|tầng|floor|phòng|room|chương|chapter|bước|step|module|lesson|bài học|lớp|khóa|khoá|mùa|season|số|
no.|thứ|lần thứ|lần|top|hạng|rank|ranked|tuần|week|day|điều|khoản|mục|section|article|item|sprint|iso|phiên bản|
version|ver|ver.|release|bản|v|v.|gói|package|chương trình|giải thưởng|giải|danh hiệu|danh sách|bảng xếp hạng|
hội nghị|sự kiện|cuộc thi|diễn đàn|program|programme|award|list|ranking|conference|summit|forum|fortune|forbes|
s&p|vn|inc|inc.|global|big|industry|marketing|web|cách mạng công nghiệp|công nghiệp|kr|okr|app|ứng dụng|
phần mềm|software|platform|nền tảng|hệ thống|api|sdk|ios|android|windows|model|mẫu xe|gen""".replace("\n", "").split("|"))
# A label word preceded by one of these is something else: "trong vòng 3 ngày", "xuất bản 60 bài", "3 lần 2".
_NOT_LABEL_AFTER = {"vòng": ("trong",), "bản": ("xuất",), "cấp": ("được", "cung", "phân")}


def _label_before(low: str, pos: int) -> str | None:
    """The label word(s) just before a number (``level`` in ``level 2``), if any."""
    words = low[max(0, pos - 40):pos].rstrip(" #").split()
    if not words:
        return None
    for n in (4, 3, 2, 1):
        if len(words) < n:
            continue
        cand = " ".join(words[-n:])
        if cand in _LABEL_WORDS:
            before = words[-n - 1] if len(words) > n else ""
            if before in _NOT_LABEL_AFTER.get(cand, ()) or (cand == "lần" and before.isdigit()):
                return None
            return cand
    return None


# Names and labels that take the number whatever follows it ("chương trình 50 thương hiệu").
_STRONG_LABELS = frozenset("""level|lv|cấp|cấp độ|bậc|giai đoạn|phase|stage|tier|round|vòng|quận|phường|district|
ward|tầng|floor|phòng|room|chương|chapter|bước|step|module|lesson|bài học|lớp|khóa|khoá|mùa|season|no.|thứ|
lần thứ|top|hạng|rank|ranked|điều|khoản|mục|section|article|item|sprint|iso|phiên bản|version|ver|ver.|release|
chương trình|giải thưởng|giải|danh hiệu|bảng xếp hạng|fortune|forbes|s&p|vn|inc|inc.|global|big|
cách mạng công nghiệp|công nghiệp|kr|okr|#""".replace("\n", "").split("|"))
_METRIC_ACRONYMS = frozenset(
    "nps csat ces roi roas ctr cpc cpl cpa cac ltv clv mrr arr aov gmv dau mau wau sla kpi sql mql seo "
    "ebitda gpa eps churn crm".split())
_PER_BEFORE_RE = re.compile(rf"(?:^|\s){_PER_WORDS}\s+\w*\s*$")

# ---- the numbers themselves
_NUM_RE = re.compile(
    r"(?<![\w.,/\-−$€£])"
    r"(?P<cur>us\$\s?|\$\s?|€\s?|£\s?|usd\s?|vnd\s?|eur\s?|x|×|#)?"
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?P<suf>%|‰|k|tr|triệu|tỷ|tỉ|m|mn|bn|b|x|×|h|đ|₫|vnđ|vnd|usd|ms|s|secs?|mins?|[kmgt]b|kg|km|mg|ml|m2|m²)?"
    r"(?![\w])(?![.,]\d)")
# Units written right after the digits: "800ms", "2.5s", "500MB", "50m2".
_GLUED_UNITS = {"ms": "ms", "s": "s", "sec": "s", "secs": "s", "min": "min", "mins": "min", "kb": "KB", "mb": "MB",
                "gb": "GB", "tb": "TB", "kg": "kg", "km": "km", "mg": "mg", "ml": "ml", "m2": "m²", "m²": "m²"}
_RATIO_RE = re.compile(r"(?<![\w.,/\-])(?P<a>\d+(?:[.,]\d+)?)\s?/\s?(?P<b>\d+(?:[.,]\d+)?)(?![\w/]|[.,]\d)")
_MULT_WORDS = {
    "gấp đôi": 2.0, "gấp hai": 2.0, "gấp ba": 3.0, "gấp bốn": 4.0, "gấp tư": 4.0, "gấp năm": 5.0,
    "gấp mười": 10.0, "gấp rưỡi": 1.5, "nhân đôi": 2.0, "nhân ba": 3.0,
    "giảm một nửa": 0.5, "một nửa": 0.5, "in half": 0.5, "halve": 0.5, "halved": 0.5, "by half": 0.5,
    "double": 2.0, "doubled": 2.0, "doubles": 2.0, "doubling": 2.0, "twice": 2.0,
    "triple": 3.0, "tripled": 3.0, "triples": 3.0, "tripling": 3.0, "quadruple": 4.0,
    "quadrupled": 4.0, "twofold": 2.0, "two-fold": 2.0, "threefold": 3.0, "three-fold": 3.0,
    "fourfold": 4.0, "tenfold": 10.0, "ten-fold": 10.0,
}
_MULT_RE = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, _MULT_WORDS), key=len, reverse=True))
                      + r")(?![\w-])")
_NUMBER_WORDS = {
    "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10,
    "hai mươi": 20, "ba mươi": 30, "một trăm": 100, "trăm": 100,
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
    "a dozen": 12, "dozen": 12, "a hundred": 100, "one hundred": 100, "zero": 0, "one": 1,
}
_NUMWORD_RE = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(map(re.escape, _NUMBER_WORDS), key=len, reverse=True))
                         + r")(?=\s)")

_SCALE_AFTER_RE = re.compile(r"\s*(?P<w>nghìn tỷ|ngàn tỷ|nghìn|ngàn|triệu|tỷ|tỉ|tr|thousand|million|millions|"
                             r"billion|billions|trillion|mn|bn)(?![\w])")
_TIGHT_SCALE = {"k": 1e3, "tr": 1e6, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}
_COMPOUND_RE = re.compile(r"\s*(?P<n>\d{1,3})\s*(?P<w>triệu|nghìn|ngàn|tr)(?![\w])")
_RANGE_RE = re.compile(r"\s?[-–—]\s?(?P<n>\d+(?:[.,]\d+)?)(?![\w/])")
_MONEY_NOUN_RE = re.compile(r"doanh thu|doanh số|lợi nhuận|chi phí|ngân sách|giá trị|tiền|vốn|revenue|sales|profit|"
                            r"budget|cost|pipeline|arr|mrr")
_SCALE_WORDS = {"nghìn tỷ": 1e12, "ngàn tỷ": 1e12, "trillion": 1e12, **SCALES}
_VI_SCALES = frozenset({"nghìn", "ngàn", "triệu", "tỷ", "tỉ", "tr", "nghìn tỷ", "ngàn tỷ"})
_CURRENCY_AFTER_RE = re.compile(r"\s*(?P<w>đồng|vnđ|vnd|đ|₫|usd|us dollars?|dollars?|đô la|đô|\$|euros?|eur|€)"
                                r"(?![\w])")
_CURRENCY = {"đồng": "VND", "vnđ": "VND", "vnd": "VND", "đ": "VND", "₫": "VND", "usd": "USD", "$": "USD",
             "us$": "USD", "dollar": "USD", "dollars": "USD", "us dollar": "USD", "us dollars": "USD",
             "đô la": "USD", "đô": "USD", "euro": "EUR", "euros": "EUR", "eur": "EUR", "€": "EUR", "£": "GBP"}
_PERCENT_AFTER_RE = re.compile(r"\s*(?:(?P<pp>điểm phần trăm|percentage points?|pp|p\.p\.)|"
                               r"(?P<pct>%|phần trăm|percent|per cent|pct))(?![\w])")
_TIMES_AFTER_RE = re.compile(r"\s*(?P<w>lần|times|x|×|-fold|fold)(?![\w])")
_TIME_UNITS = ("giờ", "tiếng", "phút", "giây", "ngày", "tuần", "tháng", "quý", "năm",
               "hours", "hour", "hrs", "hr", "h", "minutes", "minute", "mins", "min", "seconds", "second",
               "secs", "sec", "s", "days", "day", "weeks", "week", "months", "month", "quarters", "quarter",
               "years", "year", "ms")
_SHORT_TIME = frozenset({"giờ", "tiếng", "phút", "giây", "ngày", "hours", "hour", "hrs", "hr", "h", "minutes",
                         "minute", "mins", "min", "seconds", "second", "secs", "sec", "s", "days", "day", "ms"})

# Counted nouns, longest first; Vietnamese compounds and English plurals.
_COUNT_NOUNS = tuple(sorted(set("""
khách hàng|nhân viên|nhân sự|
người dùng|người theo dõi|người tham dự|người|lượt truy cập|lượt xem|lượt đọc|lượt tải|lượt thích|lượt chia sẻ|
lượt đăng ký|lượt tương tác|lượt tiếp cận|lượt|phản hồi|đơn hàng|đơn|hợp đồng|đối tác|gian hàng|cửa hàng|
bài viết|bài đăng|bài hướng dẫn|bài|video|clip|sản phẩm|dự án|sự kiện|hội thảo|webinar|buổi|cuộc gọi|cuộc họp|
cuộc hẹn|cuộc khảo sát|email|tin nhắn|tin bài|tin|lead|leads|sql|mql|học viên|khóa học|khoá học|tính năng|lỗi|
điểm|sao|doanh nghiệp|công ty|thương hiệu|nhóm|đại lý|chi nhánh|cơ hội|giao dịch|thuê bao|tài khoản|ứng viên|
vị trí|mẫu|trang|bình luận|đánh giá|review|reviews|cuộc|kênh|thị trường|tỉnh|thành phố|đơn vị|hồ sơ|báo giá|demo|
yêu cầu|ticket|tickets|khiếu nại|suất|vé|chiến dịch|ứng dụng|lượt cài đặt|cài đặt|thành viên|hội viên|
người mua|người bán|shop|cửa hàng bán lẻ|nhà phân phối|điểm bán|showroom|hộ|gia đình|trường|bệnh viện|
lớp|khóa|câu hỏi|câu trả lời|bài test|chứng chỉ|sáng kiến|quy trình|tài liệu|báo cáo|case study|case studies|
customers|customer|clients|client|users|user|leads|lead|sqls|mqls|deals|deal|contracts|contract|partners|
partner|responses|response|replies|reviews|visits|visitors|visitor|views|downloads|installs|sign-ups|signups|
subscribers|followers|orders|order|sales|accounts|account|people|employees|hires|reps|staff|stores|shops|
posts|post|articles|blog posts|emails|calls|call|meetings|meeting|demos|webinars|events|workshops|sessions|
videos|features|bugs|tickets|complaints|points|stars|companies|brands|markets|cities|opportunities|requests|
applications|candidates|members|students|courses|units|licenses|licences|seats|projects|products|
interviews|surveys|referrals|merchants|retailers|distributors|agents|agencies|outlets|branches|
downloads|impressions|clicks|likes|shares|comments|mentions|backlinks|pages|trials|conversions|
new hires|hire|new hire|engineers|developers|salespeople|managers|team members|hours|pieces|items|siêu thị|gói|logo|
logos|subscriptions|subscription|licenses|plans|hợp tác|nhà hàng|khách sạn|đơn đặt hàng|bản tin|người đăng ký|
lượt đăng ký|lượt mua|lượt đánh giá|đánh giá 5 sao|giờ học|học bổng|cộng tác viên|kols|kol|influencers|
creators|affiliates|resellers|dealers|franchisees|locations|countries|provinces|regions|apps|integrations|
incidents|outages|defects|errors|escalations|sự cố|lỗi nghiêm trọng|khiếu nại nghiêm trọng
""".replace("\n", "").split("|")) - {""}, key=len, reverse=True))
_COUNT_SET = frozenset(_COUNT_NOUNS)
_NEXT_WORDS_RE = re.compile(r"\s*([^\s,;.:()/]+)(?:\s([^\s,;.:()/]+))?(?:\s([^\s,;.:()/]+))?(?:\s([^\s,;.:()/]+))?")


class _Match:
    """The little of ``re.Match`` that :func:`_unit_after` uses."""

    __slots__ = ("_end", "_w")

    def __init__(self, word: str, end: int):
        self._w, self._end = word, end

    def group(self, _name):
        return self._w

    def end(self):
        return self._end


class _CountNouns:
    """Longest counted noun (one to four words) at a position; a set lookup, cheaper than a huge regex."""

    @staticmethod
    def match(low: str, pos: int) -> _Match | None:
        m = _NEXT_WORDS_RE.match(low, pos)
        if not m or m.group(1) is None:
            return None
        for n in (4, 3, 2, 1):
            if m.group(n) is None:
                continue
            cand = " ".join(m.group(i) for i in range(1, n + 1))
            if cand in _COUNT_SET:
                return _Match(cand, m.end(n))
        return None


_COUNT_RE = _CountNouns()
_TIME_RE = re.compile(r"\s*(?P<w>" + "|".join(sorted(map(re.escape, _TIME_UNITS), key=len, reverse=True)) + r")(?![\w])")
_EN_ADJ_RE = re.compile(r"\s*(?:(?:new|paying|active|qualified|sales-qualified|marketing-qualified|enterprise|"
                        r"monthly|weekly|daily|unique|net|additional|more|repeat|returning|total|organic|"
                        r"inbound|outbound|b2b|b2c|key|major|large|small|strategic|certified|signed|"
                        r"closed|won|trained|happy|loyal|top|high-value|premium|mobile|web|online|demo|blog|"
                        r"customer|partner|referral|support|social|media|sales|marketing|product)\s+){1,3}")
_NOT_UNITS = frozenset("""đạt chiếm tăng giảm có được bị lên là vượt gồm trong tổng
và với của cho trong trên dưới mỗi một từ đến tới lên xuống so để là thì các những
trở hoặc hay nữa khi nếu tại ở về theo bằng vào sau trước đã được bị sẽ đang như mà này đó thêm hơn
and or to of in on for per a an the by from with each every than more less at within into as is are
was were be this that these those over under above below up down off out""".split())
_MONEY_CUE_RE = re.compile(r"doanh thu|doanh số|lợi nhuận|chi phí|ngân sách|giá trị|trị giá|lương|thu nhập|"
                           r"tiền|vốn|đồng|giá\b|revenue|profit|budget|cost|pipeline|\bmrr\b|\barr\b|salary")

# ---- context cues (matched against the lower-cased text just before a number)
_TARGET_CUE_RE = re.compile(r"(?:đạt(?: được)?(?: mức)?|lên(?: mức| đến| tới)?|tới|thành|là|ở mức|chạm mốc|"
                            r"cán mốc|to|reach(?:es|ing)?|hit|achieve|of|at|=|≥|>=)\s*$")
_FROM_CUE_RE = re.compile(r"(?:^|[^\w])(?:từ|from)\s*$")
_CONNECT_RE = re.compile(r"^\s*(?:xuống(?:\s+(?:còn|mức|dưới))?|lên(?:\s+(?:mức|đến|tới|thành))?|đến|tới|thành|còn|"
                         r"to|down to|up to|→|->|[-–—])\s*[+]?$")
_MIN_BEFORE_RE = re.compile(r"(?:ít nhất|tối thiểu(?: là)?|không dưới|không ít hơn|trên|hơn|vượt(?: mức)?|at least|"
                            r"minimum(?: of)?|min\.?|no less than|more than|over|above|≥|>=?)\s*$")
_MAX_BEFORE_RE = re.compile(r"(?:dưới|không quá|không vượt quá|tối đa(?: là)?|chỉ còn|at most|no more than|"
                            r"less than|under|below|maximum(?: of)?|max\.?|≤|<=?)\s*$")
_MIN_AFTER_RE = re.compile(r"^[^,;.]{0,30}?(?:trở lên|or more|or above|or higher|\+)")
_LIMIT_BEFORE_RE = re.compile(r"(?:trong(?:\s+(?:vòng|khoảng|tối đa))?|within|in under|in)\s*$")
_CONDITION_CUE_RE = re.compile(r"(?:giá trị|trị giá|worth|valued at|value of|valued|quy mô|deal size of)"
                               r"(?:\s+[^\W\d]+){0,4}?\s*(?:từ|trên|over|above|of|at least|tối thiểu|>=?|≥)?\s*$")
_TIMES_CUE_RE = re.compile(r"(?:gấp|nhân|tăng|increase|grow|multiply|x)\s*$")
_DATE_CUE_RE = re.compile(r"(?:trước|sau|từ|đến|tới|hết|vào|ngày|(?<!đúng )hạn|hạn chót|mùng|mồng|kể từ|đầu|giữa|cuối|"
                          r"by|before|after|until|till|from|on|due|deadline|since|through)\s*(?:ngày\s*)?$")
_YEAR_CUE_RE = re.compile(r"(?:năm|year|in|by|since|from|từ|đến|tới|until|trong|before|after|trước|sau|of|fy)\s*$")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;•\n(\"“\-–—]|kr\s*\d+\s*[:.)-])\s*$")


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The word just before ``pos`` in the original text and where it starts."""
    m = re.search(r"([\w&.#'-]+)\s*$", text[:pos])
    return (m.group(1), m.start(1)) if m else ("", pos)


def _unit_after(low: str, pos: int, *, strict: bool = False) -> tuple[str | None, int, str]:
    """The unit word(s) after ``pos``: ``(unit, end, kind)`` with kind time/count/word/''."""
    m = _TIME_RE.match(low, pos)
    if m:
        return m.group("w"), m.end(), "time"
    adj = _EN_ADJ_RE.match(low, pos)
    if adj:
        m = _COUNT_RE.match(low, adj.end())
        if m:
            return m.group("w"), m.end(), "count"
    m = _COUNT_RE.match(low, pos)
    if m:
        if m.group("w").isascii() and not m.group("w").endswith("s"):
            # an English noun used as an adjective: "20 user interviews", "10 customer reviews"
            nxt = re.compile(r" ([a-z][a-z-]+s)\b").match(low, m.end())
            if nxt and nxt.group(1) not in _NOT_UNITS:
                return nxt.group(1), nxt.end(), "count"
        return m.group("w"), m.end(), "count"
    if strict:
        return None, pos, ""
    words = list(_FALLBACK_WORD_RE.finditer(low, pos, min(len(low), pos + 60)))
    run = []
    for w in words:
        if w.start() != (run[-1].end() if run else pos) or w.group("w") in _NOT_UNITS or len(run) == 3:
            break
        run.append(w)
    if not run or len(run[0].group("w")) < 2:
        return None, pos, ""
    if _looks_vi(low):
        # Vietnamese: the noun comes first, often two syllables ("siêu thị"); modifiers follow
        take = run[:2] if len(run) > 1 and run[1].group("w") not in _VI_MODIFIERS else run[:1]
    else:
        # English: adjectives come first ("3 new enterprise logos"): take the last plural of the run
        plural = [w for w in run if w.group("w").endswith("s") and len(w.group("w")) > 3]
        take = [plural[0]] if plural else run[:1]
    first, last = take[0], take[-1]
    return low[first.start("w"):last.end()], last.end(), "word"


_FALLBACK_WORD_RE = re.compile(r"\s(?P<w>[^\W\d_][\w'-]*)")
_VI_MODIFIERS = frozenset("""mới lớn nhỏ cũ chính thức tốt đạt được trở hơn nữa có của và tại trong trên dưới cho
với từ đến tới các những này đó thêm mỗi một hoàn toàn tiềm năng trung bình lên xuống là""".split())


def _per_after(low: str, pos: int) -> str | None:
    m = re.compile(rf"^[^,;.]{{0,40}}?(?:{_PER_WORDS}\s+|/\s*)(?P<p>ngày|tuần|tháng|quý|năm|day|week|month|quarter|year)"
                   r"(?![\w])").match(low[pos:])
    if m:
        return _PERIODS[m.group("p")]
    m = re.compile(r"^[^,;.]{0,40}?\b(?P<p>daily|weekly|monthly|quarterly|yearly|annually)\b").match(low[pos:])
    if m:
        return _ADVERB_PERIODS[m.group("p")]
    m = re.compile(r"(?:^|[^\w])(?:mỗi|hàng|hằng|một|mọi|each|every)\s+(?P<p>ngày|tuần|tháng|quý|day|week|month|quarter)"
                   r"(?![\w])[^,;.]{0,40}$").search(low[:pos])
    if m:
        return _PERIODS[m.group("p")]
    return None


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case to two; keep positions aligned
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return restore_accents(low)


# Vietnamese typed without accents ("Dat 120 khach hang truoc 31/7"): the words the reader relies on are
# given their accents back, letter for letter, so positions in the text do not move.
_UNACCENTED_MARKER_RE = re.compile(
    r"\b(?:khach hang|doanh thu|doanh so|nhan vien|don hang|hop dong|doi tac|phan hoi|bai viet|luot truy cap|"
    r"nguoi dung|cua hang|dai ly|san pham|ty le|to chuc|cap nhat|trien khai|hoan thanh|thuc hien|trieu|"
    r"phan tram|it nhat|toi thieu|tang truong|dat duoc|hang thang|hang tuan|moi tuan|moi thang)\b")
_ACCENTS = {
    "trieu": "triệu", "nghin": "nghìn", "ngan": "ngàn", "khach hang": "khách hàng", "nhan vien": "nhân viên",
    "don hang": "đơn hàng", "hop dong": "hợp đồng", "doi tac": "đối tác", "phan hoi": "phản hồi",
    "bai viet": "bài viết", "luot truy cap": "lượt truy cập", "luot": "lượt", "nguoi dung": "người dùng",
    "nguoi": "người", "cua hang": "cửa hàng", "dai ly": "đại lý", "san pham": "sản phẩm", "su kien": "sự kiện",
    "hoi thao": "hội thảo", "buoi": "buổi", "cuoc goi": "cuộc gọi", "diem": "điểm", "do tuoi": "độ tuổi",
    "tuoi": "tuổi", "phien ban": "phiên bản", "chuong trinh": "chương trình", "hoi nghi": "hội nghị",
    "cap do": "cấp độ", "thang": "tháng", "quy": "quý", "ngay": "ngày", "tuan": "tuần", "gio": "giờ",
    "phut": "phút", "giay": "giây", "dat": "đạt", "dat duoc": "đạt được", "tang": "tăng", "giam": "giảm",
    "len": "lên", "xuong": "xuống", "duoi": "dưới", "tren": "trên", "toi thieu": "tối thiểu", "it nhat": "ít nhất",
    "khong qua": "không quá", "tro len": "trở lên", "truoc": "trước", "trong vong": "trong vòng",
    "gap doi": "gấp đôi", "gap ba": "gấp ba", "gap": "gấp", "lan": "lần", "phan tram": "phần trăm",
    "to chuc": "tổ chức", "goi dien": "gọi điện", "goi lai": "gọi lại", "cap nhat": "cập nhật",
    "trien khai": "triển khai", "hoan thanh": "hoàn thành", "lien he": "liên hệ", "thuc hien": "thực hiện",
    "bo tri": "bố trí", "tien hanh": "tiến hành", "dao tao": "đào tạo", "thiet ke": "thiết kế",
    "xuat ban": "xuất bản", "ty le": "tỷ lệ", "co them": "có thêm", "hang thang": "hàng tháng",
    "hang tuan": "hàng tuần", "moi tuan": "mỗi tuần", "moi thang": "mỗi tháng", "moi ngay": "mỗi ngày",
    "mot tuan": "một tuần", "tu": "từ", "gia tri": "giá trị", "tang truong": "tăng trưởng",
}
_ACCENTS_RE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, _ACCENTS), key=len, reverse=True)) + r")\b")
_ACCENTS_NEAR_DIGITS_RE = re.compile(r"(?:(?<=\d )|(?<=\d))(?:ty|dong|d|bai)\b|\bnam(?= \d)|(?<=\d )nam\b|"
                                     r"(?:(?<=triệu )|(?<=tỷ )|(?<=nghìn )|(?<=ngàn ))dong\b")
_NEAR_DIGITS = {"ty": "tỷ", "dong": "đồng", "d": "đ", "nam": "năm", "bai": "bài"}
_START_VERBS_RE = re.compile(r"^(?:kr\s*\d*\s*[:.)-]\s*)?(?P<v>dang|viet|chay|gui|hop|lam|moi)\b")
_START_VERBS = {"dang": "đăng", "viet": "viết", "chay": "chạy", "gui": "gửi", "hop": "họp", "lam": "làm",
                "moi": "mời"}


def restore_accents(low: str) -> str:
    """Lower-case Vietnamese typed without accents, with the accents of the words amounts depend on.

    Only text with no accent at all that clearly is Vietnamese is touched; every
    replacement has the same length, so positions stay valid.

    >>> restore_accents("dat 120 khach hang truoc 31/7/2020")
    'đạt 120 khách hàng trước 31/7/2020'
    >>> restore_accents("reach 120 customers")
    'reach 120 customers'
    """
    if _VI_CHARS_RE.search(low) or not _UNACCENTED_MARKER_RE.search(low):
        return low
    low = _ACCENTS_RE.sub(lambda m: _ACCENTS[m.group(0)], low)
    for _ in range(2):  # twice: "2,5 ty dong" needs "tỷ" before it can see "đồng"
        low = _ACCENTS_NEAR_DIGITS_RE.sub(lambda m: _NEAR_DIGITS.get(m.group(0), "đồng"), low)
    return _START_VERBS_RE.sub(lambda m: m.group(0)[:m.start("v") - m.start()] + _START_VERBS[m.group("v")], low,
                               count=1)


def _is_initial(low: str, pos: int) -> bool:
    return bool(_SENTENCE_START_RE.search(low[:pos]))


def find_quantities(text: str) -> list[Quantity]:
    """Every amount in a piece of free text, in reading order.

    Dates, years, quarters, times of day, ages, version numbers, labels
    (``level 2``) and numbers inside names (``Top 50``, ``Fortune 500``) are
    left out; so are time boxes such as ``trong 3 tháng``.

    Parameters
    ----------
    text : str
        A key result, an objective or any sentence, Vietnamese or English.

    Returns
    -------
    list of Quantity

    Examples
    --------
    >>> import okrkit as ok
    >>> kr = ok.sample_company().objectives[1].key_results[2]
    >>> [(q.value, q.unit, q.bound) for q in find_quantities(kr.text)]
    [(2.0, 'giờ', 'max')]
    >>> [(q.value, q.unit) for q in find_quantities("Tăng doanh thu từ $1.2M lên gấp đôi")]
    [(1200000.0, 'USD'), (2.0, 'x')]
    """
    if not text:
        return []
    text = str(text)
    low = _lower(text)
    blocked: list[tuple[int, int]] = []
    for rx in _BLOCK_RES:
        for m in rx.finditer(low):
            if _overlaps(m.span(), blocked):
                continue
            if rx is _BLOCK_RES[1] and not _valid_dmy(m.group(0)):
                continue
            blocked.append(m.span())
    found: list[Quantity] = []
    # scores and shares (4.2/5, 12/12 tuần) or day/month dates (trước 31/7)
    for m in _RATIO_RE.finditer(low):
        if _overlaps(m.span(), blocked):
            continue
        q = _ratio(text, low, m)
        blocked.append(m.span())
        if q is not None:
            found.append(q)
    # multiplier words: gấp đôi, double, twice
    for m in _MULT_RE.finditer(low):
        if _overlaps(m.span(), blocked):
            continue
        word = m.group(0)
        per = None
        unit = "x"
        if word == "twice":
            pm = re.compile(r"\s+(?:a|an|per|each|every|mỗi)\s+(day|week|month|quarter|year)\b").match(low, m.end())
            if pm:
                unit, per = "times", pm.group(1)
        blocked.append(m.span())
        found.append(Quantity(_MULT_WORDS[word], unit, m.span(), text[m.start():m.end()], per=per))
    # digits
    for m in _NUM_RE.finditer(low):
        if _overlaps(m.span(), blocked):
            continue
        q = _number(text, low, m, found)
        if q is not None:
            blocked.append(q.span)
            found.append(q)
    # spelled-out small numbers before a counted noun: "hai đối tác", "three webinars"
    for m in _NUMWORD_RE.finditer(low):
        if _overlaps(m.span(), blocked):
            continue
        value = float(_NUMBER_WORDS[m.group(0)])
        after = m.end()
        sm = _SCALE_AFTER_RE.match(low, after)
        if sm and sm.group("w") not in ("tr", "mn", "bn"):  # "ten thousand", "hai triệu"
            value *= _SCALE_WORDS[sm.group("w")]
            after = sm.end()
        unit, end, kind = _unit_after(low, after, strict=True)
        pm = _PERCENT_AFTER_RE.match(low, after)
        if pm:  # "hai mươi phần trăm"
            unit, end, kind = ("pp" if pm.group("pp") else "%"), pm.end(), "count"
        if m.group(0) == "one" and (kind != "count" or re.search(r"(?:\b(?:no|any|every|each|the|this|that)|-)\s*$",
                                                                 low[:m.start()])):
            continue  # "one" counts only a counted noun right after it ("One hire"), not "no one", "the one"
        if not kind and m.group(0).isascii():  # English: "zero critical incidents", "three key hires"
            unit, end, kind = _unit_after(low, after)
            if not (unit and unit.endswith("s") and unit.isascii()):
                continue
            kind = "count"
        if kind not in ("count", "time") or (kind == "time" and _LIMIT_BEFORE_RE.search(low[:m.start()])):
            continue
        found.append(Quantity(value, unit, (m.start(), end), text[m.start():end],
                              per=_per_after(low, end)))
    found.sort(key=lambda q: q.span)
    return _pair_from_to(low, found)


def _valid_dmy(s: str) -> bool:
    parts = re.split(r"[/.-]", s)
    try:
        d, mo = int(parts[0]), int(parts[1])
    except (ValueError, IndexError):
        return False
    return 1 <= d <= 31 and 1 <= mo <= 12


def _ratio(text: str, low: str, m: re.Match) -> Quantity | None:
    a_raw, b_raw = m.group("a"), m.group("b")
    try:
        a, b = number_from_digits(a_raw), number_from_digits(b_raw)
    except ValueError:
        return None
    before = low[:m.start()]
    date_like = a.is_integer() and b.is_integer() and 1 <= a <= 31 and 1 <= b <= 12
    if date_like and _DATE_CUE_RE.search(before):
        return None
    unit, end, kind = _unit_after(low, m.end(), strict=True)
    scoreish = a <= b and (not a.is_integer() or _TARGET_CUE_RE.search(before) or re.search(
        r"(?:điểm|score|rating|đánh giá|hài lòng|csat|nps|ces|sao|stars?)[^,;.]{0,30}$", before))
    if not scoreish and not (a <= b and kind) and date_like:
        return None  # a bare day/month
    if b == 0:
        return None
    if unit is None:
        unit = f"/{b:g}"
    pct = _PERCENT_AFTER_RE.match(low, m.end())
    if pct:
        unit, end = "%", pct.end()
    return Quantity(a, unit, (m.start(), end), text[m.start():end], out_of=b, per=_per_after(low, end))


def _number(text: str, low: str, m: re.Match, found: list[Quantity]) -> Quantity | None:
    num_raw, cur, suf = m.group("num"), (m.group("cur") or "").strip(), m.group("suf") or ""
    start, end = m.start(), m.end()
    num_start = m.start("num")
    try:
        value = number_from_digits(num_raw)
    except ValueError:
        return None
    before = low[:start]
    unit: str | None = None
    scaled = ranged = False
    scale_word = None
    if cur in ("x", "×"):
        if suf:
            return None
        unit = "x"
    elif cur == "#":
        return None  # a rank or an id: #1
    elif cur:
        unit = _CURRENCY.get(cur, "USD")
    if suf in ("x", "×"):
        unit = "x"
    elif suf in ("%",):
        unit = "%"
    elif suf == "‰":
        unit = "‰"
    elif suf in _TIGHT_SCALE and (suf != "b" or cur):
        value *= _TIGHT_SCALE[suf]
        scaled, scale_word = True, suf
    elif suf in _GLUED_UNITS:
        if suf == "s" and len(num_raw) == 4 and num_raw[:2] in ("19", "20"):
            return None  # "the 1990s": a decade
        unit = _GLUED_UNITS[suf]
    elif suf == "h":
        unit = "giờ" if _looks_vi(low) else "hours"
    elif suf in ("đ", "₫", "vnđ", "vnd"):
        unit = "VND"
    elif suf == "usd":
        unit = "USD"
    elif suf == "b":
        return None
    pos = end
    plus = low.startswith("+", pos)  # "1000+ khách hàng": at least
    if plus:
        pos += 1
    if not scaled and unit is None or (cur and not scaled and unit in ("USD", "EUR", "VND")):
        sm = _SCALE_AFTER_RE.match(low, pos)
        if sm and (sm.group("w") != "tr" or not re.match(r"\s*[^\W\d_]", low[sm.end():sm.end() + 2])
                   or re.match(r"\s*(?:đồng|vnđ|vnd)", low[sm.end():])):
            value *= _SCALE_WORDS[sm.group("w")]
            scaled, scale_word, pos = True, sm.group("w"), sm.end()
    if scaled:
        # "1 tỷ 200 triệu", "2 triệu 500 nghìn": a smaller scale adds on
        while True:
            cm2 = _COMPOUND_RE.match(low, pos)
            if not cm2 or _SCALE_WORDS[cm2.group("w")] >= _SCALE_WORDS.get(scale_word, 1e3):
                break
            value += number_from_digits(cm2.group("n")) * _SCALE_WORDS[cm2.group("w")]
            scale_word, pos = cm2.group("w"), cm2.end()
    elif unit is None:
        # a range "5-10%", "20–30 khách hàng": the lower end, with the unit written after the upper end
        rm = _RANGE_RE.match(low, pos)
        if rm and number_from_digits(rm.group("n")) > value:
            pos, ranged = rm.end(), True
    if unit is None or unit in ("USD", "EUR", "VND") and not cur:
        cm = _CURRENCY_AFTER_RE.match(low, pos)
        if cm:
            unit, pos = _CURRENCY[cm.group("w")], cm.end()
    if unit is None:
        pm = _PERCENT_AFTER_RE.match(low, pos)
        if pm:
            unit, pos = ("pp" if pm.group("pp") else "%"), pm.end()
    if unit is None:
        tm = _TIMES_AFTER_RE.match(low, pos)
        if tm and (tm.group("w") not in ("lần", "times") or _TIMES_CUE_RE.search(before)):
            unit, pos = "x", tm.end()
    noun_kind = ""
    if unit is None:
        noun, npos, noun_kind = _unit_after(low, pos)
        if noun is not None:
            unit, pos = noun, npos
            if scaled and _MONEY_NOUN_RE.fullmatch(noun):  # "100 triệu doanh thu"
                unit = "VND" if (scale_word in _VI_SCALES or _looks_vi(low)) else None
    strong = scaled or unit in ("%", "pp", "‰", "x", "VND", "USD", "EUR", "GBP") or noun_kind in ("count", "time")
    # --- what the number is not
    word, wstart = _word_before(text, num_start)
    wlow = word.lower()
    raw_digits = num_raw.isdigit()
    # labels, ordinals and names: "level 2", "ngày 3", "Top 50", "phiên bản 2.0"
    w = _label_before(low, num_start)
    if w and not cur:
        per_before = w in ("tuần", "week", "day") and _PER_BEFORE_RE.search(low[:num_start].rstrip(" #"))
        if not per_before and (w in _STRONG_LABELS or not strong):
            return None
    # years: 1900–2100 written as four bare digits
    if raw_digits and len(num_raw) == 4 and 1900 <= value <= 2100 and not scaled and unit not in (
            "%", "VND", "USD", "EUR", "x") and not cur and (noun_kind != "count" or _YEAR_CUE_RE.search(before)):
        return None
    # version numbers: "2.0", "1.2.3"
    if ((re.fullmatch(r"\d+\.0", num_raw) or re.fullmatch(r"\d+\.\d+\.\d+", num_raw)) and not strong
            and not cur and not _TARGET_CUE_RE.search(before)):
        return None
    # a bare "3.1" with no unit, no cue and no measure named before it reads as a version too
    if (re.fullmatch(r"\d{1,2}\.\d", num_raw) and not strong and not cur and not plus
            and not (_TARGET_CUE_RE.search(before) or _MIN_BEFORE_RE.search(before) or _MAX_BEFORE_RE.search(before)
                     or _FROM_CUE_RE.search(before) or _CONNECT_RE.search(before[-12:])
                     or _MEASURE_BEFORE_RE.search(before))):
        return None
    # numbers inside names: "Hội nghị Nhân sự Việt Nam 2020", "Marketing 4.0", "Windows 11"
    if (word and wstart + len(word) <= num_start and any(c.isupper() for c in word)
            and wlow.strip(".") not in _METRIC_ACRONYMS and not _is_initial(low, wstart)
            and not strong and not cur and re.fullmatch(r"[\w&.'-]+", word)
            and wlow not in _NOT_NAME_WORDS and not _title_case(text)):
        return None
    # --- what it is
    if unit is None and scaled and (scale_word in _VI_SCALES or _looks_vi(low)) and _MONEY_CUE_RE.search(low):
        unit = "VND"
    role = "amount"
    bound = None
    if _MAX_BEFORE_RE.search(before):
        bound = "max"
    elif plus or _MIN_BEFORE_RE.search(before) or _MIN_AFTER_RE.match(low[pos:]):
        bound = "min"
    if noun_kind == "time" and unit in _SHORT_TIME and _LIMIT_BEFORE_RE.search(before):
        role, bound = "limit", "max"
    elif noun_kind == "time" and re.search(r"(?:^|[^\w])(?:sau|after)\s*$", before):
        role = "condition"  # "tỷ lệ giữ chân sau 30 ngày": part of the metric's definition
    elif (found and _CONDITION_CUE_RE.search(before) and not _TARGET_CUE_RE.search(before)
          and any(q.span[0] < start for q in found)) or (_MIN_AFTER_RE.match(low[pos:]) and re.search(r"(?:từ|from)\s*$", before)
          and any(q.span[0] < start for q in found)):
        role = "condition"
    if role == "amount" and (_describes_segment(before, unit, ranged=ranged, scaled=scaled)
                             or _OURS_AFTER_RE.match(low, pos)):
        role = "condition"  # "doanh nghiệp dưới 50 nhân viên", "companies with under $10M revenue": who, not how much
    return Quantity(value, unit, (start, pos), text[start:pos], role=role, bound=bound,
                    per=_per_after(low, pos))


# ---- numbers that say which customers or firms are meant, not how many: segment qualifiers
_ORG_NOUNS = (r"doanh nghiệp|công ty|hộ kinh doanh|cửa hàng|nhà thuốc|phòng khám|nhà hàng|đại lý|shop|startup|"
              r"companies|company|businesses|business|firms|smes|sme|startups|organi[sz]ations|stores|shops|"
              r"retailers|merchants|pharmacies|clinics|restaurants|agencies|teams")
_HOLDER_NOUNS = (r"khách hàng|người dùng|hộ gia đình|gia đình|căn hộ|nhà ở|khoản vay|hồ sơ|đơn hàng|hợp đồng|"
                 r"sản phẩm|nhân viên|người lao động|phân khúc|apartments|homes|houses|loans|orders|contracts|"
                 r"products|customers|clients|users|households|families|employees|segment|accounts")
_SEGMENT_RE = re.compile(
    rf"(?s).*(?<![\w])(?P<e>{_ORG_NOUNS}|{_HOLDER_NOUNS})(?P<mid>(?:\s+[^\W\d]+(?:-[^\W\d]+)?){{0,3}}?)\s*"
    r"(?P<b>dưới|trên|không quá|tối đa|từ|ít hơn|nhiều hơn|hơn|under|below|over|above|fewer than|less than|"
    r"more than|up to|at least|at most)?\s*$")
_MEASURE_SUBJECT_RE = re.compile(r"(?:tỷ lệ|số lượng|\bsố\b(?!\s*\d)|chi phí|thời gian|điểm|doanh thu|doanh số|lợi nhuận|"
                                 r"\brate\b|number of|share of|percentage of|\bcost\b|\btime\b|revenue|sales)")
_SEGMENT_VERB_RE = re.compile(
    r"(?<![\w])(?:đạt|lên|xuống|còn|là|chiếm|tăng|giảm|giữ|duy trì|ở mức|mua|chi tiêu|chi|bán|thanh toán|được|"
    r"reach(?:es)?|hit|achieve|stay|stays|remain|remains|keep|keeps|spend|spends|buy|buys|pay|pays|grow|grows|"
    r"is|are|be|at|to|get|gets|generate|generates|bring|brings|make up|account for)(?![\w])")
_HEADCOUNT_RE = re.compile(r"nhân viên|nhân sự|lao động|người|kỹ sư|lập trình viên|employees|staff|people|workers|seats|"
                           r"headcount|engineers|developers|members")
_OURS_AFTER_RE = re.compile(r"\s*(?:của (?:chúng ta|chúng tôi|chúng mình|mình|công ty|tập đoàn)|hiện có)(?![\w])")
_OUR_RE = re.compile(r"\b(?:our|all our|all of our|(?:every|each)(?: one)? of our)\s*$")


def _describes_segment(before: str, unit: str | None, *, ranged: bool, scaled: bool) -> bool:
    """A number that qualifies the firms or people meant: "hộ kinh doanh có doanh thu dưới 1 tỷ/năm",
    "companies with 10-200 employees", "our 24 sites" — part of who the text is about, not a target."""
    before = before[-80:]  # a qualifier sits right before its number
    if _OUR_RE.search(before):
        return True
    m = _SEGMENT_RE.match(before)  # the nearest firm or holder before the number
    if not m or not (m.group("b") or (ranged and re.search(r"(?:with|có)\s*$", m.group("mid")))):
        return False
    if _SEGMENT_VERB_RE.search(m.group("mid")):
        return False  # "Mỗi cửa hàng đạt doanh số trên 300 triệu", "Customers spend over $100": what they reach
    clause = re.split(r"[,;:.(]", before[:m.start("e")])[-1]
    if _MEASURE_SUBJECT_RE.search(clause):
        return False  # "Tỷ lệ khách hàng rời bỏ dưới 5%", "Chi phí cho mỗi cửa hàng dưới 50 triệu": a target
    money = unit in ("VND", "USD", "EUR", "GBP") or (scaled and unit is None) or unit in ("m²", "m2")
    org = re.fullmatch(_ORG_NOUNS, m.group("e")) is not None
    if money or (org and unit is not None and _HEADCOUNT_RE.fullmatch(unit) is not None):
        return True
    # "retailers with more than 20 stores", "khách hàng có trên 3 đơn hàng": a count the firms or people own
    owns = re.search(r"(?:\bwith|\bhaving|\bthat have|\bwho have|\bcó|\bsở hữu)$", m.group("mid").strip())
    return bool(owns and unit and unit not in ("%", "pp", "x", "‰") and not unit.startswith("/")
                and unit != m.group("e") and not _TIME_RE.fullmatch(" " + unit))


# Capitalised words before a number that do not make it part of a name ("Hit NPS Of 50").
_NOT_NAME_WORDS = _NOT_UNITS | frozenset("""đạt tăng giảm có lên xuống là reach hit get grow increase reduce achieve
keep maintain win sign close hire sell""".split())


def _title_case(text: str) -> bool:
    """Most words capitalised ("Grow Revenue To 5 Billion"): capitals say nothing about names."""
    words = [w for w in re.findall(r"[^\W\d_]+", text) if not (w.isupper() and len(w) > 1)]  # not acronyms
    return len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.6


_VI_CHARS_RE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")


_MEASURE_BEFORE_RE = re.compile(r"(?:điểm|score|rating|đánh giá|hài lòng|csat|nps|ces|roas|roi|hệ số|chỉ số|"
                                r"tỷ lệ|ratio|rate|index|average|trung bình|mức|level of)[^,;.]{0,30}$|[:=≥≤<>]\s*$")
_IMPROVE_RE = re.compile(r"(?:^|[^\w])(?:tăng|giảm|nâng|cải thiện|rút ngắn|increase|reduce|improve|grow|raise|"
                         r"boost|lift|cut|shorten|lower)(?![\w])")


def _looks_vi(low: str) -> bool:
    return bool(_VI_CHARS_RE.search(low))


_BETWEEN_CUE_RE = re.compile(r"(?:^|[^\w])(?:between|giữa|trong khoảng|khoảng)\s*$")
_BETWEEN_AND_RE = re.compile(r"^\s*(?:and|và|đến|tới|to|[-–—])\s*$")
_BAND_BEFORE_RE = re.compile(r"(?:^|[^\w])(?:(?<!đánh )(?<!định )(?<!tỷ )(?<!tỉ )(?<!tăng )(?<!giảm )(?<!nâng )(?<!hạ )giá|"
                             r"mức giá|tầm giá|giá bán|phân khúc|quy mô|price|priced|prices|pricing|"
                             r"sized?|aged|in the)(?:\s+[^\W\d]+){0,2}?\s+(?:từ|from|between|giữa|trong khoảng)\s*$")


def _pair_from_to(low: str, qs: list[Quantity]) -> list[Quantity]:
    """Mark ``từ 8% xuống 5%`` / ``from 8% to 5%``: the first is ``from``, the second ``to``."""
    out = list(qs)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.role != "amount" or b.role not in ("amount", "condition"):
            continue
        between = _BETWEEN_CUE_RE.search(low[:a.span[0]]) and _BETWEEN_AND_RE.match(low[a.span[1]:b.span[0]])
        if not between and (not _FROM_CUE_RE.search(low[:a.span[0]]) or not _CONNECT_RE.match(low[a.span[1]:b.span[0]])):
            continue
        unit_a, unit_b = a.unit or b.unit, b.unit or a.unit
        if a.unit and b.unit and a.unit != b.unit:
            continue
        # a price or size band names which products or customers are meant: "phân khúc giá từ 2 đến 5 triệu"
        role_a, role_b = ("condition", "condition") if _BAND_BEFORE_RE.search(low[:a.span[0]]) else ("from", "to")
        out[i] = _replace(a, role=role_a, unit=unit_a, bound=None)
        out[i + 1] = _replace(b, role=role_b, unit=unit_b)
    # a "from" with no "to" names a source, not a target: "leads from 3 new channels"; but "từ 4,5 trở lên"
    # is a floor ("4.5 or more"), and "phản hồi từ 50% khách hàng" a share of the people reached
    for i, q in enumerate(out):
        if q.role == "amount" and _FROM_CUE_RE.search(low[:q.span[0]]):
            if _MIN_AFTER_RE.match(low[q.span[1]:]) and not any(p.role in ("amount", "to") for p in out[:i]):
                out[i] = _replace(q, bound="min")
            elif q.unit == "%" and _SHARE_OF_PEOPLE_RE.match(low, q.span[1]):
                continue
            else:
                out[i] = _replace(q, role="condition")
    return out


# After "từ 50%" / "from 50%": the people the share is of ("khách hàng", "of new users").
_SHARE_OF_PEOPLE_RE = re.compile(
    r"\s*(?:of\s+(?:the\s+|our\s+|all\s+)?)?(?:[\w-]+\s+){0,2}?(?:khách hàng|người dùng|người mua|nhân viên|nhân sự|"
    r"học viên|thành viên|đại lý|đối tác|nhà phân phối|cửa hàng|customers?|users?|clients?|employees?|staff|"
    r"members?|buyers?|partners?|accounts?|respondents?|participants?|attendees?|students?|patients?|stores?)(?![\w])")


def _replace(q: Quantity, **changes) -> Quantity:
    fields = {name: getattr(q, name) for name in Quantity.__slots__}
    fields.update(changes)
    return Quantity(**fields)


def target_quantity(text: str) -> Quantity | None:
    """The amount a key result aims at, or ``None`` when its text has none.

    The second end of ``từ 8% xuống 5%`` wins; then an amount right after
    ``đạt`` / ``lên`` / ``reach`` / ``to``; then the first plain amount.
    Qualifiers (``có giá trị từ 3 triệu trở lên``) are never the target; a
    time limit (``trong 24 giờ``) is the target only when nothing else is.

    Examples
    --------
    >>> import okrkit as ok
    >>> s1 = ok.sample_company().objective("S1")
    >>> q = target_quantity(s1.key_results[0].text)
    >>> q.value, q.unit, q.bound
    (8400000000.0, 'VND', 'min')
    >>> target_quantity("Tuyển dụng 02 nhân viên sáng tạo nội dung trước 31/7/2020").value
    2.0
    """
    qs = find_quantities(text)
    if not qs:
        return None
    low = _lower(str(text))
    for q in qs:
        if q.role == "to":
            return q
    plain = [q for q in qs if q.role == "amount"]
    for q in plain:
        if _TARGET_CUE_RE.search(low[:q.span[0]]):
            return q
    if plain:
        return plain[0]
    limits = [q for q in qs if q.role == "limit"]
    if limits and _IMPROVE_RE.search(low[:limits[0].span[0]]):
        return None  # "Giảm thời gian xử lý trong 24 giờ đầu": a direction, but no amount to reach
    return limits[0] if limits else None


def parse_quantity(text: str | float) -> Quantity:
    """The target amount in ``text``; raises :class:`~okrkit.errors.InputError` when there is none.

    A form field holding just an amount (``2020``, ``35%``) is that amount; a
    sentence gives its target (:func:`target_quantity`).

    Examples
    --------
    >>> import okrkit as ok
    >>> q = parse_quantity(ok.sample_company().objective("S2").key_results[1].text)
    >>> q.value, q.unit
    (1500000000.0, 'VND')
    >>> parse_quantity("2020").value
    2020.0
    """
    if isinstance(text, bool):
        raise InputError({"en": f"expected an amount, got {text!r}", "vi": f"cần một lượng, không phải {text!r}"},
                         hint={"en": "write an amount such as '800 triệu' or '35%'",
                               "vi": "hãy viết một lượng như '800 triệu' hoặc '35%'"})
    if isinstance(text, (int, float)):
        return Quantity(float(text), None, (0, len(str(text))), str(text))
    raw = str(text)
    try:
        value, unit = parse_number(raw)
    except InputError:
        pass
    else:
        lead = len(raw) - len(raw.lstrip())
        return Quantity(value, unit, (lead, len(raw.rstrip())), raw.strip())
    q = target_quantity(text)
    if q is None:
        raise InputError({"en": f"no measurable amount in {str(text)!r}",
                          "vi": f"không có con số đo được trong {str(text)!r}"},
                         hint={"en": "write a number with its unit, e.g. '800 triệu', '35%', '120 khách hàng' "
                                     "(dates, years and version numbers are not amounts)",
                               "vi": "hãy viết một con số kèm đơn vị, ví dụ '800 triệu', '35%', '120 khách hàng' "
                                     "(ngày, năm và số phiên bản không phải con số đo được)"})
    return q
