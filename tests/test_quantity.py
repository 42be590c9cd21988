"""Tests for okrkit.quantity: numbers and units out of Vietnamese and English text."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import okrkit as ok
from okrkit.errors import InputError
from okrkit.quantity import (
    direction_hint,
    find_quantities,
    number_from_digits,
    parse_number,
    parse_quantity,
    target_quantity,
)

# ---------------------------------------------------------------- parse_number (cells and form fields)

@pytest.mark.parametrize("text, value, unit", [
    ("800000000", 800e6, None),
    ("1.500.000", 1.5e6, None),
    ("1,500,000", 1.5e6, None),
    ("2,5 tỷ đồng", 2.5e9, "VND"),
    ("150.000 đồng", 150e3, "VND"),
    ("35%", 35.0, "%"),
    ("$1.2M", 1.2e6, "USD"),
    ("800 triệu", 800e6, None),
    ("5k", 5e3, None),
    ("1.5 million", 1.5e6, None),
    ("3 tỷ", 3e9, None),
    (42, 42.0, None),
], ids=["plain", "vi-groups", "en-groups", "ty-dong", "nghin-dong", "percent", "usd-m", "trieu", "k",
        "million", "ty", "int"])
def test_parse_number(text, value, unit):
    """parse_number reads one amount as people write it in a cell."""
    assert parse_number(text) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["abc", "12 khách hàng và 3 đối tác", True, "1.23.4"],
                         ids=["words", "two-numbers", "bool", "bad-groups"])
def test_parse_number_rejects(text):
    """parse_number raises InputError for anything that is not one number."""
    with pytest.raises(InputError):
        parse_number(text)


def test_number_from_digits_separators():
    """A single separator before three digits groups thousands; otherwise it is the decimal mark."""
    assert number_from_digits("1,000") == 1000
    assert number_from_digits("1.000") == 1000
    assert number_from_digits("0,125") == 0.125
    assert number_from_digits("99.9") == 99.9
    assert number_from_digits("1.234,5") == 1234.5


# ---------------------------------------------------------------- target_quantity: the amount a KR aims at

TARGETS = [
    # seed 001 (sales)
    ("seed001-revenue", "Đạt doanh thu tối thiểu 800 triệu", 800e6, "VND"),
    ("seed001-customers", "Đạt 120 khách hàng có giá trị từ từ 3 triệu trở lên.", 120, "khách hàng"),
    ("seed001-staff", "Có 5 nhân viên chính thức.", 5, "nhân viên"),
    # seed 004 (marketing)
    ("seed004-survey", ("KR1: Tiến hành khảo sát online đối tượng khách hàng trong độ tuổi 20 - 40 và thu được ít "
     "nhất 1,000 phản hồi về đồ uống thể thao khách hàng mong muốn. Hạn trả lời khảo sát đến hết 30/8/2020"),
     1000, "phản hồi"),
    ("seed004-booths", ("KR2: Bố trí 10 gian hàng giới thiệu sản phẩm tại các điểm người dân tập thể dục và ghi nhận "
     "phản hồi trải nghiệm của khách hàng trong quý III-2020"), 10, "gian hàng"),
    ("seed004-groups", ("KR3: Liên hệ, kết nối với ít nhất 5 nhóm thể thao (chạy bộ, đạp xe, tập gym…) để mời sử "
     "dụng sản phẩm trong tháng 8/2020 và ghi nhận phản hồi trải nghiệm"), 5, "nhóm"),
    ("seed004-hire-02", "KR1: Tuyển dụng 02 nhân viên sáng tạo nội dung cho website trước 31/7/2020", 2, "nhân viên"),
    ("seed004-weekly-posts", "KR2: Một tuần cập nhật ít nhất 5 bài ở mục tin tức lên website", 5, "bài"),
    ("seed004-ads-traffic", ("KR3: Chạy quảng cáo trên Google và Facebook để đạt được tối thiểu 5,000 lượt truy cập "
     "website từ các kênh quảng cáo"), 5000, "lượt truy cập"),
    ("seed004-blog-reads", "KR1: Tăng 20% số lượt đọc blog thông qua các phương tiện truyền thông xã hội", 20, "%"),
    ("seed004-double", "KR2: Nhận gấp đôi số phản hồi khảo sát ý kiến trên fanpage công ty so với tháng trước",
     2, "x"),
    ("seed004-followers", "KR3: Tăng số lượng người theo dõi fanpage công ty lên 35% so với tháng trước", 35, "%"),
    ("seed004-reach", "KR1: Tăng 25% lượng tiếp cận khách hàng tiềm năng so với tháng trước", 25, "%"),
    ("seed004-demo", "KR2: Tăng 20% yêu cầu demo sản phẩm so với tháng trước", 20, "%"),
    # amounts and scales
    ("ty-dong", "Doanh thu đạt 2,5 tỷ đồng", 2.5e9, "VND"),
    ("nghin-dong", "Chi phí mỗi lead dưới 150.000 đồng", 150e3, "VND"),
    ("ty-bare", "Doanh thu quý 3 tỷ", 3e9, "VND"),
    ("tr-glued", "Doanh số mỗi nhân viên 500tr", 500e6, "VND"),
    ("vnd-word", "Thu về 500 triệu VNĐ từ khóa học", 500e6, "VND"),
    ("usd-m", "Grow ARR to $1.2M", 1.2e6, "USD"),
    ("usd-k-from-to", "Increase MRR from $50k to $80k", 80e3, "USD"),
    ("trieu-usd", "Tăng doanh số xuất khẩu lên 1,2 triệu USD", 1.2e6, "USD"),
    ("k-signups", "Get 5k signups from the launch", 5e3, "signups"),
    ("million-users", "Reach 1.5 million monthly users", 1.5e6, "users"),
    ("en-groups", "Close 1,250 paying customers", 1250, "customers"),
    ("vi-groups-big", "Doanh thu 1.234.567.890 đồng", 1234567890, "VND"),
    # percentages, points, multipliers
    ("percent", "35% khách hàng mới đến từ giới thiệu", 35, "%"),
    ("percent-decimal", "Thời gian hoạt động luôn trên 99.9%", 99.9, "%"),
    ("percentage-points", "Tăng tỷ lệ chuyển đổi thêm 3 điểm phần trăm", 3, "pp"),
    ("gap-ba", "Doanh thu online gấp ba so với quý trước", 3, "x"),
    ("gap-n-lan", "Tăng số đơn hàng gấp 3 lần", 3, "x"),
    ("double", "Double the number of qualified demos", 2, "x"),
    ("triple", "Triple organic sign-ups", 3, "x"),
    ("twice", "Grow partner revenue twice as fast as direct sales", 2, "x"),
    ("3x", "Grow pipeline 3x", 3, "x"),
    # from → to: the target is the second
    ("from-to-en", "Reduce churn from 8% to 5%", 5, "%"),
    ("tu-xuong-vi", "Giảm tỷ lệ khách hàng rời bỏ từ 8% xuống 5%", 5, "%"),
    ("tu-xuong-days", "Thời gian tuyển một vị trí rút ngắn từ 45 xuống 30 ngày", 30, "ngày"),
    ("tu-xuong-seconds", "Giảm thời gian tải trang từ 3 giây xuống 1,5 giây", 1.5, "giây"),
    ("tu-len", "Nâng điểm NPS từ 32 lên 45", 45, None),
    ("from-to-hours", "Cut first response time from 6 hours to 2 hours", 2, "hours"),
    # limits and times
    ("duoi-gio", "Thời gian phản hồi dưới 2 giờ", 2, "giờ"),
    ("under-hours", "Resolve 90% of tickets in under 4 hours", 90, "%"),
    ("trong-24-gio-only", "Phản hồi mọi khiếu nại trong 24 giờ", 24, "giờ"),
    ("trong-vong-3-ngay", "Gọi lại 100% khách hàng có dấu hiệu ngừng sử dụng trong vòng 3 ngày", 100, "%"),
    # scores and shares
    ("score-of-5", "Điểm gắn kết nhân viên đạt 4.2/5", 4.2, "/5"),
    ("score-comma", "Điểm hài lòng đạt 4,5/5", 4.5, "/5"),
    ("score-of-10", "Học viên đạt điểm trung bình 8/10", 8, "/10"),
    ("weeks-12-of-12", "Báo cáo tuần đúng hạn 12/12 tuần", 12, "tuần"),
    ("stars", "Đạt mức 4,5 sao trên App Store", 4.5, "sao"),
    # labels next to the real target
    ("level-2", "80% nhân viên kinh doanh đạt level 2 trong khung năng lực", 80, "%"),
    ("ngay-3", "100% nhân viên nộp kế hoạch tháng trước ngày 3", 100, "%"),
    ("year-in-kr", "Doanh thu năm 2025 đạt 10 tỷ", 10e9, "VND"),
    ("deadline-iso", "Close 20 enterprise deals by 2026-03-31", 20, "deals"),
    ("quarter-year", "Hire 5 engineers in H2 2026", 5, "engineers"),
    ("windows-11", "Upgrade to Windows 11 on 300 laptops", 300, "laptops"),
    ("qualifier-10pct", "Doanh thu bán thêm cho 10% khách hàng lớn nhất đạt 1,5 tỷ đồng", 1.5e9, "VND"),
    ("same-period", "Tăng 15% doanh thu so với cùng kỳ năm 2025", 15, "%"),
    ("year-sized-count", "Đạt 2000 khách hàng trả phí", 2000, "khách hàng"),
    # spelled-out numbers
    ("vi-word", "Có thêm hai đối tác chiến lược", 2, "đối tác"),
    ("en-word", "Sign three new distributors", 3, "distributors"),
    # plain English KRs
    ("en-nps", "Achieve an NPS of 50 or more", 50, None),
    ("en-leads", "Generate 400 marketing-qualified leads", 400, "leads"),
    ("en-retention", "Keep monthly churn below 2%", 2, "%"),
    ("en-csat", "Customer satisfaction score above 4.5/5", 4.5, "/5"),
    # compound amounts, ranges, money nouns, halves
    ("ty-trieu", "Doanh thu đạt 1 tỷ 200 triệu", 1.2e9, "VND"),
    ("trieu-nghin", "Giá trị đơn hàng trung bình 2 triệu 500 nghìn", 2.5e6, "VND"),
    ("range-percent", "Tăng 5-10% doanh thu", 5, "%"),
    ("range-count", "Đạt 20–30 khách hàng mới", 20, "khách hàng"),
    ("trieu-doanh-thu", "Đạt 100 triệu doanh thu từ kênh Shopee trong tháng 11/2025", 100e6, "VND"),
    ("month-then-amount", "Doanh số bán hàng tháng 9 đạt 1,2 tỷ đồng", 1.2e9, "VND"),
    ("quarter-then-amount", "Doanh thu quý 3 tỷ", 3e9, "VND"),
    ("in-half", "Cut onboarding time in half", 0.5, "x"),
    ("giam-mot-nua", "Giảm một nửa thời gian xử lý khiếu nại", 0.5, "x"),
    ("ordinal-then-pct", "Số khách hàng quay lại mua lần 2 chiếm 40%", 40, "%"),
    ("glued-hours-from-to", "Giảm thời gian giao hàng từ 48h xuống 24h", 24, "giờ"),
    ("from-to-count", "Từ 100 lên 150 đại lý", 150, "đại lý"),
    ("target-before-aside", "Đạt 200 khách hàng mới (tăng 30% so với Q2)", 200, "khách hàng"),
    ("per-day", "Đạt 500 đơn hàng/ngày", 500, "đơn hàng"),
    ("share-of-customers", "4/5 khách hàng hài lòng với dịch vụ", 4, "khách hàng"),
    ("year-comma", "So với 2025, doanh thu tăng 20%", 20, "%"),
    # English nouns after adjectives, Title Case
    ("en-adjectives", "Land 3 new enterprise logos", 3, "logos"),
    ("en-unknown-adjective", "Sell 500 annual subscriptions", 500, "subscriptions"),
    ("en-noun-adjunct", "Conduct 20 user interviews", 20, "interviews"),
    ("en-title-case", "Hit NPS Of 50", 50, None),
    ("vi-title-case", "Tăng Doanh Thu Lên 20 Tỷ", 20e9, "VND"),
    ("en-title-case-count", "Reach 1,000 Paying Customers By End Of Q2", 1000, "customers"),
    # spelled out, with scales and percentages
    ("vi-words-percent", "Tăng doanh thu hai mươi phần trăm", 20, "%"),
    ("vi-words-scale", "Có thêm hai triệu người dùng", 2e6, "người dùng"),
    ("vi-mot-tram", "Đạt một trăm khách hàng", 100, "khách hàng"),
    ("en-words-scale", "Reach ten thousand users", 1e4, "users"),
    ("en-zero", "Zero critical incidents in production", 0, "incidents"),
    ("en-worth-first", "Sign contracts worth $2M", 2e6, "USD"),
    ("en-worth-condition", "Close 2 deals worth over $50k each", 2, "deals"),
    ("vi-years-duration", "Giảm thời gian hoàn vốn xuống 2 năm", 2, "năm"),
    ("decimal-after-measure", "Điểm CSAT 4.6", 4.6, None),
    ("decimal-after-acronym", "ROAS 3.5", 3.5, None),
    ("decimal-after-cue", "Giảm tỷ lệ hoàn hàng xuống 2.5", 2.5, None),
    ("decimal-from-to", "Nâng điểm đánh giá từ 3.9 lên 4.3", 4.3, None),
    # qualifiers in the metric's definition next to the real target
    ("after-days-then-target", "Tăng tỷ lệ giữ chân sau 30 ngày lên 60%", 60, "%"),
    ("age-after-count", "Đạt 500 khách hàng dưới 25 tuổi", 500, "khách hàng"),
    ("source-after-target", "Get 30% of revenue from 5 key accounts", 30, "%"),
    ("from-source-after-target", "Đạt doanh thu tối thiểu 8,4 tỷ đồng từ khách hàng mới", 8.4e9, "VND"),
]


@pytest.mark.parametrize("text, value, unit", [t[1:] for t in TARGETS], ids=[t[0] for t in TARGETS])
def test_target_quantity(text, value, unit):
    """The target of a KR is read with its scale and unit."""
    q = target_quantity(text)
    assert q is not None, text
    assert q.value == pytest.approx(value)
    assert q.unit == unit


NO_TARGET = [
    # seed 004, example 1: only dates and names
    ("seed004-conference", ("KR1: Tham gia Ban Tổ chức gian hàng giới thiệu phần mềm nhân sự tại Hội nghị Nhân sự "
     "Việt Nam 2020 tổ chức tại Hà Nội vào cuối tháng 8/2020")),
    ("seed004-sales-kit", ("KR2: Cập nhật bộ tài liệu bán hàng với các tính năng phần mềm mới cập nhật, trước ngày "
     "31/7/2020")),
    ("seed004-tv", ("KR3: Cung cấp nội dung, hỗ trợ để đài VTC quay phóng sự giới thiệu phần mềm công ty trên "
     "chương trình “Nhịp sống số”, phát sóng vào 15/9/2020")),
    ("seed004-top50-dossier", ("KR4: Hoàn thành bộ hồ sơ tham gia chương trình 50 thương hiệu công nghệ thông tin "
     "mạnh Việt Nam, trước 15/8/2020")),
    ("seed004-trial", "KR3: Triển khai việc dùng thử sản phẩm từ 31/7 tại các quận nội thành Hà Nội"),
    ("seed004-objective-quarter", "Gia tăng lượng truy cập website công ty trong quý III-2020"),
    ("seed004-objective-ages", ("Nghiên cứu tâm lý lựa chọn sản phẩm của khách hàng tiềm năng độ tuổi 20 - 40 với "
     "mặt hàng đồ uống thể thao")),
    # dates
    ("date-dmy", "Hoàn thành trước 31/7/2020"),
    ("date-dm-cue", "Ra mắt trước 30/6"),
    ("date-iso", "Go live on 2026-03-31"),
    ("date-month-year", "Khai trương vào tháng 8/2020"),
    ("date-end-of-month", "Bàn giao cuối tháng 8"),
    ("date-vi-long", "Ra mắt trước ngày 15 tháng 9 năm 2026"),
    ("date-en-long", "Ship the new onboarding by March 31, 2026"),
    ("date-en-day-month", "Launch the new pricing page on 15 March"),
    ("date-dots", "Gửi báo cáo trước 31.3.2026"),
    ("quarter-roman", "Mở văn phòng Đà Nẵng trong quý III-2020"),
    ("quarter-q", "Finish the migration in Q2"),
    ("quarter-q-year", "Roll out the CRM in Q3 2026"),
    ("quarter-slash", "Chốt ngân sách Q1/2027"),
    ("fy", "Plan the FY2026 budget"),
    # years
    ("year-nam", "Kế hoạch kinh doanh năm 2025"),
    ("year-bare", "Kế hoạch kinh doanh 2026"),
    ("year-event-name", "Tổ chức Hội nghị khách hàng 2026 tại TP.HCM"),
    ("year-in", "Become the market leader in 2027"),
    # versions
    ("version-vi", "Phát hành kết nối sàn thương mại điện tử phiên bản 2.0"),
    ("version-bare", "Ra mắt ứng dụng 2.0"),
    ("version-v", "Release v2 of the mobile app"),
    ("version-word", "Ship version 3.1 of the dashboard"),
    ("version-product", "Ra mắt Sapo 3.1 cho khách hàng"),
    ("version-semver", "Deploy release 1.4.2 to production"),
    ("version-bare-2.0", "2.0"),
    ("version-bare-3.1", "3.1"),
    ("version-bare-v2", "v2"),
    ("version-feature", "Ra mắt tính năng báo cáo 3.1"),
    # names, labels, codes
    ("top-50", "Lọt Top 50 thương hiệu mạnh Việt Nam"),
    ("fortune-500", "Sign a Fortune 500 company as a reference customer"),
    ("marketing-40", "Áp dụng Marketing 4.0 cho doanh nghiệp nhỏ"),
    ("iso-9001", "Đạt chứng nhận ISO 9001"),
    ("level-only", "Đạt level 2 trong khung năng lực"),
    ("district", "Khai trương chi nhánh Quận 7"),
    ("floor", "Chuyển văn phòng lên tầng 5"),
    ("support-247", "Hỗ trợ khách hàng 24/7"),
    ("covid-19", "Phục hồi doanh thu sau COVID-19"),
    ("b2b", "Mở rộng mảng B2B"),
    ("time-of-day", "Họp giao ban lúc 8h30 mỗi sáng"),
    ("time-colon", "Daily stand-up at 9:00"),
    ("timebox-months", "Giữ chân khách hàng trong 12 tháng đầu"),
    ("timebox-en", "Build the partner channel within 6 months"),
    ("no-digits", "Gọi điện chăm sóc khách hàng cũ mỗi tuần"),
    ("vague", "Cải thiện sự hài lòng của khách hàng"),
    ("one-step", "Mỗi nhân viên kinh doanh lên một bậc năng lực trong quý"),
    ("number-one", "Trở thành lựa chọn số 1 của các cửa hàng bán lẻ"),
    ("hash-one", "Become the #1 HR software in Vietnam"),
    ("top-3", "Be in the top 3 of G2 rankings"),
    ("version-app", "Ra mắt app 2.5 cho iOS"),
    ("version-bump", "Nâng cấp lên bản 4.2"),
    ("date-range", "Chạy chương trình khuyến mãi 15/10 - 30/10"),
    ("date-bare-october", "Ra mắt 1/10"),
    ("date-day-over-month", "Black Friday 29/11"),
    ("fortune-title-case", "Join The Fortune 500 List"),
    ("soc-2", "Complete SOC 2 Type II audit"),
    ("plan-horizon-vi", "Xây dựng kế hoạch 5 năm"),
    ("plan-horizon-en", "Publish the 5-year plan"),
    ("compound-adjective", "Sign a 24-hour SLA with key accounts"),
    ("timebox-words", "Hoàn thành khóa đào tạo trong ba tuần"),
    # a metric's definition without an amount to reach
    ("after-days-only", "Tăng tỷ lệ giữ chân khách hàng sau 30 ngày"),
    ("age-only", "Tăng doanh thu từ khách hàng trên 35 tuổi"),
    ("source-only-vi", "Tăng lượt truy cập từ 3 kênh mới"),
    ("source-only-en", "Generate leads from 3 new channels"),
    ("from-without-to", "Giảm tỷ lệ rời bỏ từ 8%"),
    ("direction-and-window", "Giảm thời gian xử lý khiếu nại trong 24 giờ đầu"),
]


@pytest.mark.parametrize("text", [t[1] for t in NO_TARGET], ids=[t[0] for t in NO_TARGET])
def test_no_target(text):
    """Dates, years, versions, labels and names are not targets."""
    assert target_quantity(text) is None, find_quantities(text)


# ---------------------------------------------------------------- roles, bounds, rates

def test_from_to_roles_share_the_unit():
    """Both ends of a from→to change are found; the unit of one end carries to the other."""
    a, b = find_quantities("Thời gian tuyển một vị trí rút ngắn từ 45 xuống 30 ngày")
    assert (a.role, a.value, a.unit) == ("from", 45, "ngày")
    assert (b.role, b.value, b.unit) == ("to", 30, "ngày")


def test_condition_is_not_the_target():
    """A qualifier such as 'có giá trị từ 3 triệu trở lên' is a condition, never the target."""
    qs = find_quantities("Đạt 120 khách hàng có giá trị từ từ 3 triệu trở lên")
    assert [(q.value, q.role) for q in qs] == [(120, "amount"), (3e6, "condition")]
    assert qs[1].unit == "VND" and qs[1].bound == "min"


def test_limit_is_target_only_when_alone():
    """'trong 24 giờ' is a time limit: the target only when the KR has no other amount."""
    q = target_quantity("Cập nhật dữ liệu khách hàng lên CRM trong 24 giờ sau mỗi cuộc gặp")
    assert (q.value, q.unit, q.role, q.bound) == (24, "giờ", "limit", "max")
    assert target_quantity("Gọi lại 100% khách hàng trong vòng 3 ngày").unit == "%"


@pytest.mark.parametrize("text, bound", [
    ("Giữ chân ít nhất 90% nhân viên", "min"),
    ("Đạt doanh thu tối thiểu 800 triệu", "min"),
    ("NPS đạt 45 điểm trở lên", "min"),
    ("Chi phí cho mỗi lead dưới 250.000 đồng", "max"),
    ("Số lỗi nghiêm trọng không quá 5", "max"),
    ("Win at least 12 new logos", "min"),
    ("Keep churn below 2%", "max"),
], ids=["it-nhat", "toi-thieu", "tro-len", "duoi", "khong-qua", "at-least", "below"])
def test_bounds(text, bound):
    """Words such as 'ít nhất' or 'dưới' say whether the target is a floor or a ceiling."""
    assert target_quantity(text).bound == bound


@pytest.mark.parametrize("text, per", [
    ("Một tuần cập nhật ít nhất 5 bài ở mục tin tức", "tuần"),
    ("Đăng 5 bài viết mỗi tuần trên blog", "tuần"),
    ("Lượt truy cập website đạt 150.000 mỗi tháng", "tháng"),
    ("Publish 3 case studies per month", "month"),
    ("Post twice a week on LinkedIn", "week"),
], ids=["mot-tuan", "moi-tuan", "moi-thang", "per-month", "twice-a-week"])
def test_rates(text, per):
    """A rate keeps its period ('5 bài mỗi tuần' is measurable, per week)."""
    assert target_quantity(text).per == per


def test_score_out_of():
    """'4.2/5' is a score of 4.2 out of 5."""
    q = target_quantity("Điểm gắn kết nhân viên đạt 4.2/5")
    assert (q.value, q.out_of) == (4.2, 5)


def test_quantity_is_frozen_and_has_span():
    """Quantity is a frozen value object whose span points back into the text."""
    text = "Doanh thu quý đạt 12 tỷ đồng"
    q = target_quantity(text)
    assert text[q.span[0]:q.span[1]] == q.text == "12 tỷ đồng"
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 1
    assert q.to_dict()["value"] == 12e9


def test_parse_quantity():
    """parse_quantity returns the target or raises InputError that says what to write."""
    assert parse_quantity("2,5 tỷ đồng").value == 2.5e9
    assert parse_quantity(7).value == 7
    assert parse_quantity(" 2020 ").value == 2020  # a bare amount in a form field is that amount
    assert parse_quantity("35%").unit == "%"
    with pytest.raises(InputError, match="no measurable amount"):
        parse_quantity("Hoàn thành trước 31/7/2020")


def test_sample_company_targets_agree():
    """Every sample KR whose text states its target reads the same value as its target field."""
    company = ok.sample_company()
    for _obj, kr in company.key_results():
        q = target_quantity(kr.text)
        if kr.target is None or q is None or q.unit in ("%", "x") and kr.unit != "%" or q.role == "limit":
            continue
        assert q.value == pytest.approx(kr.target), kr.id


@pytest.mark.parametrize("text, hint", [
    ("Giảm tỷ lệ rời bỏ từ 8% xuống 5%", "decrease"),
    ("Thời gian phản hồi dưới 2 giờ", "stay-below"),
    ("Thời gian hoạt động luôn trên 99.9%", "stay-above"),
    ("Báo cáo tuần đúng hạn 12/12 tuần", None),
    ("Tỷ lệ gia hạn hợp đồng đạt 88%", None),
    ("Grow Instagram followers to 10k", None),
    ("Reduce cost per lead to $20", "decrease"),
], ids=["giam", "duoi", "luon-tren", "dung-han-not-ha", "gia-han-not-ha", "followers-not-lower", "reduce"])
def test_direction_hint(text, hint):
    """direction_hint matches whole words only ('hạ' is not in 'đúng hạn')."""
    assert direction_hint(text) == hint


def test_empty_text():
    """Empty text has no quantities."""
    assert find_quantities("") == [] and target_quantity("") is None


# ---------------------------------------------------------------- properties

SCALE_WORDS = {"": 1.0, "nghìn": 1e3, "triệu": 1e6, "tỷ": 1e9, "thousand": 1e3, "million": 1e6, "billion": 1e9}


def _vi(x: float, decimals: int) -> str:
    s = f"{x:,.{decimals}f}"
    return s.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _en(x: float, decimals: int) -> str:
    return f"{x:,.{decimals}f}"


@st.composite
def written_amounts(draw):
    """(value, how a person writes it in Vietnamese or English style, scale word)."""
    whole = draw(st.integers(min_value=1, max_value=999_999_999))
    decimals = draw(st.sampled_from([0, 0, 1, 2]))
    frac = draw(st.integers(min_value=1, max_value=9)) if decimals else 0
    value = whole + frac / 10 ** decimals  # 1–2 decimals: never three digits after the mark
    text = draw(st.sampled_from([_vi, _en]))(value, decimals)
    scale = draw(st.sampled_from(sorted(SCALE_WORDS)))
    return value, text, scale


@settings(max_examples=200, deadline=None)
@given(written_amounts())
def test_written_numbers_round_trip(amount):
    """Numbers written the Vietnamese or the English way, with a scale word, read back to their value."""
    value, text, scale = amount
    written = f"{text} {scale}".strip()
    expected = value * SCALE_WORDS[scale]
    got, _unit = parse_number(written)
    assert math.isclose(got, expected, rel_tol=1e-9), written
    q = target_quantity(f"Đạt doanh thu {written} đồng")
    assert q is not None and math.isclose(q.value, expected, rel_tol=1e-9), written
    assert q.unit == "VND"


YEAR_TEMPLATES = [
    "Kế hoạch kinh doanh năm {y}", "Hội nghị Nhân sự Việt Nam {y} tổ chức tại Hà Nội",
    "Tham gia Vietnam Retail Expo {y}", "Become the market leader in {y}", "Doanh thu tăng so với năm {y}",
    "Hoàn thành trước 31/12/{y}", "Ra mắt trong tháng 8/{y}", "Mở rộng thị trường trong quý III-{y}",
    "Launch the app in Q3 {y}", "Go live on {y}-03-31", "Plan for FY{y}", "Chiến lược {y}",
    "Ngân sách marketing {y} được duyệt", "Ra mắt sản phẩm trước ngày 15 tháng 9 năm {y}",
]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1950, max_value=2099), st.sampled_from(YEAR_TEMPLATES))
def test_years_are_never_targets(year, template):
    """A year, alone or inside a date, a quarter or a name, never comes back as a target."""
    text = template.format(y=year)
    assert target_quantity(text) is None, (text, find_quantities(text))


DATE_TEMPLATES = [
    "Hoàn thành trước {d}/{m}/{y}", "Bàn giao trước {d}/{m}", "Triển khai từ {d}/{m} tại Hà Nội",
    "Phát sóng vào {d}/{m}/{y}", "Deadline {y}-{m:02d}-{d:02d}", "Gửi hồ sơ trước ngày {d}/{m}",
    "Khai trương vào tháng {m}/{y}", "Nộp báo cáo hạn chót {d}.{m}.{y}", "Ship by {d} March {y}",
]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(2000, 2035), st.sampled_from(DATE_TEMPLATES))
def test_dates_are_never_targets(day, month, year, template):
    """Dates in the usual Vietnamese and English forms are never targets."""
    text = template.format(d=day, m=month, y=year)
    assert target_quantity(text) is None, (text, find_quantities(text))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 28), st.integers(1, 12), st.integers(2020, 2030), st.integers(2, 999),
       st.sampled_from(["nhân viên", "khách hàng", "đối tác", "hợp đồng"]))
def test_target_survives_a_deadline(day, month, year, n, noun):
    """A count next to a deadline is the target; the deadline is not ('Tuyển 02 nhân viên … trước 31/7/2020')."""
    text = f"Tuyển dụng {n:02d} {noun} mới trước {day}/{month}/{year}"
    q = target_quantity(text)
    assert (q.value, q.unit) == (n, noun)
    assert len(find_quantities(text)) == 1


TOKENS = list("0123456789 .,/-%$kKmMxX:;()+#'") + [
    " tỷ", " triệu", " đồng", " gấp đôi", " từ ", " xuống ", " quý ", " tháng ", " năm ", "Q", "v", " level ",
    " khách hàng", " giờ", " trong ", " đạt ", " lên ", " to ", " from ", " tuổi", " lần", " twice a week"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30).map("".join))
def test_any_text_is_read_without_error(text):
    """Any mix of digits, separators and cue words is read without error; spans point into the text."""
    qs = find_quantities(text)
    for q in qs:
        assert 0 <= q.span[0] < q.span[1] <= len(text)
        assert text[q.span[0]:q.span[1]] == q.text
        assert q.role in ("amount", "from", "to", "condition", "limit")
    t = target_quantity(text)
    assert t is None or t in qs


UNACCENTED = [
    ("revenue", "Dat doanh thu toi thieu 800 trieu", 800e6, "VND"),
    ("customers-condition", "Dat 120 khach hang co gia tri tu 3 trieu tro len", 120, "khách hàng"),
    ("from-to", "Giam ty le khach hang roi bo tu 8% xuong 5%", 5, "%"),
    ("hire-before-date", "Tuyen dung 02 nhan vien sang tao noi dung truoc 31/7/2020", 2, "nhân viên"),
    ("ty-dong", "Doanh thu dat 2,5 ty dong", 2.5e9, "VND"),
    ("hours", "Thoi gian phan hoi duoi 2 gio", 2, "giờ"),
]


@pytest.mark.parametrize("text, value, unit", [u[1:] for u in UNACCENTED], ids=[u[0] for u in UNACCENTED])
def test_vietnamese_without_accents(text, value, unit):
    """Vietnamese typed without accents is read like accented Vietnamese."""
    q = target_quantity(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)
    assert text[q.span[0]:q.span[1]] == q.text


@pytest.mark.parametrize("text", [
    "Tham gia hoi nghi Nhan su Viet Nam 2020 vao cuoi thang 8/2020",
    "Gia tang luong truy cap website cong ty trong quy III-2020",
    "Hoan thanh bo ho so tham gia chuong trinh 50 thuong hieu, truoc 15/8/2020",
], ids=["conference", "quarter", "programme-name"])
def test_vietnamese_without_accents_no_target(text):
    """Dates, quarters and names stay non-targets without accents too."""
    assert target_quantity(text) is None


def test_restore_accents_leaves_english_alone():
    """Only clearly Vietnamese text without accents is touched, letter for letter."""
    from okrkit.quantity import restore_accents

    assert restore_accents("hop on a call to gap the ty") == "hop on a call to gap the ty"
    low = "to chuc dao tao 5 buoi moi thang"
    assert len(restore_accents(low)) == len(low) and restore_accents(low).startswith("tổ chức đào tạo")
