"""What the rubrics read in a participant's sentences: who helps, by when, vague plans, the figures quoted.

The wordings are written as participants write them — Vietnamese with and without
accents, English — and not as the kit's own reference answers are.
"""

from __future__ import annotations

import pytest

from okrkit.rubrics.prose import mentions, names_deadline, names_helper, numbers_in, vague

HELPERS = [
    ("Lead Facebook kém, cần Kinh doanh chấm điểm từng lead", True),
    ("nho chi Lan ben kinh doanh goi lai giup", True),
    ("Xin Ban Giám đốc duyệt thêm 20 triệu ngân sách", True),
    ("Trưởng nhóm bán hàng cần cử người demo", True),
    ("phong nhan su tuyen gap 1 ban viet noi dung", True),
    ("Need the IT team to fix the sign-up form", True),
    ("Ask Sales to call every new lead", True),
    ("asking Minh to check the tracking", True),
    ("the agency must redo the banners", True),
    ("Our partner Haravan promised a co-webinar", True),
    ("Cần hỗ trợ thêm", False),
    ("Fewer sales-qualified leads than planned", False),
    ("Chi phí quảng cáo tăng mạnh sau Tết", False),
    ("doanh thu giam, chua ro nguyen nhan", False),
    ("we need more budget", False),
]

DEADLINES = [
    ("trước 28/2", True),
    ("bắt đầu từ ngày 23", True),
    ("trong vòng 48 giờ", True),
    ("truoc thu 6 tuan nay", True),
    ("chậm nhất thứ Tư", True),
    ("cuối tuần này", True),
    ("tuan sau", True),
    ("by Friday", True),
    ("within two days", True),
    ("before the end of the week", True),
    ("by 25 February", True),
    ("Feb 25", True),
    ("next week", True),
    ("sớm nhất có thể", False),
    ("as soon as possible", False),
    ("doanh thu ba tháng đầu năm", False),
    ("thu hút thêm khách", False),
    ("Marketing 20 người", False),
]

PLANS = [
    ("Tiếp tục cố gắng", True),
    ("Tiep tuc day manh hon nua", True),
    ("Làm tiếp như tuần trước", True),
    ("Keep working hard", True),
    ("We will try harder", True),
    ("ok", True),
    ("", True),
    ("Chạy hội thảo online cho chủ shop thời trang", False),
    ("goi lai 40 khach dung thu chua mua", False),
    ("Tiếp tục chạy quảng cáo Zalo cho chuỗi cửa hàng", False),
    ("Call back the 40 trial users who have not bought", False),
]


@pytest.mark.parametrize("text, expected", HELPERS, ids=[t for t, _ in HELPERS])
def test_names_helper(text, expected):
    """A Problem names whose help it needs — a department, a role, a person — in either language."""
    assert names_helper(text) is expected


@pytest.mark.parametrize("text, expected", DEADLINES, ids=[t for t, _ in DEADLINES])
def test_names_deadline(text, expected):
    """A Problem says by when — a date, a weekday, a span, next week — not 'as soon as possible'."""
    assert names_deadline(text) is expected


@pytest.mark.parametrize("text, expected", PLANS, ids=[t or "empty" for t, _ in PLANS])
def test_vague_plan(text, expected):
    """A Plan made only of 'keep trying' words is vague; one that names work is not, even if it starts with 'tiếp tục'."""
    assert vague(text) is expected


@pytest.mark.parametrize("text, values", [
    ("từ 2.936 lên 2.950 (+14)", [2936, 2950, 14]),
    ("tu 2936 len 2950", [2936, 2950]),
    ("up from 2,936 to 2,950", [2936, 2950]),
    ("cost per lead now 248k VND", [248000]),
    ("tuần 8, ngày 23/2/2026: chưa có số", []),
], ids=["vi", "unaccented", "en", "k-suffix", "dates-are-not-figures"])
def test_numbers_in_reads_figures_not_dates(text, values):
    """The figures a sentence states, written the Vietnamese or the English way; dates and weeks are not figures."""
    assert sorted(numbers_in(text)) == sorted(float(v) for v in values)


def test_mentions_a_share_only_as_a_share():
    """A progress share counts when written as 25% or 0,25 — not a stray '1' standing for 100%."""
    assert mentions("đạt 25% chỉ tiêu", [2950], percent_of=(0.25,))
    assert mentions("progress 0.25", [2950], percent_of=(0.25,))
    assert not mentions("chạy 1 chiến dịch", [248000], percent_of=(1.0,))
    assert mentions("giảm 3.000 đồng so với tuần trước", [248000, 251000, 3000])
