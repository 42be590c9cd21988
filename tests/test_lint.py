"""Tests for okrkit.lint: OKR quality findings in English and Vietnamese."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

import okrkit as ok
from okrkit import i18n
from okrkit.errors import InputError
from okrkit.lint import RULE_IDS, RULES, SEVERITIES, Finding, LintReport, activity_of, lint
from okrkit.model import KeyResult, Objective, OKRSet

VI_MARKS = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]")


def K(kr_id: str, text: str, **fields) -> KeyResult:
    return KeyResult(kr_id, text, **fields)


def O(obj_id: str, text: str, krs=(), **fields) -> Objective:
    return Objective(obj_id, text, key_results=tuple(krs), **fields)


GOOD_KRS = (K("O1.KR1", "Đạt 120 khách hàng mới"), K("O1.KR2", "Tăng 20% yêu cầu demo"),
            K("O1.KR3", "Giảm tỷ lệ rời bỏ từ 8% xuống 5%"))


def good_objective(obj_id="O1", owner="Kinh doanh", **fields) -> Objective:
    krs = tuple(dataclasses.replace(k, id=k.id.replace("O1", obj_id)) for k in GOOD_KRS)
    return O(obj_id, "Khách hàng chọn chúng ta trước tiên", krs, owner=owner, **fields)


def rules_of(report: LintReport, where: str | None = None) -> list[str]:
    return [f.rule for f in report.findings if where is None or f.where == where]


@pytest.fixture(scope="module")
def company():
    return ok.sample_company()


@pytest.fixture(scope="module")
def company_report(company):
    return lint(company)


# ---------------------------------------------------------------- measurable KR wordings (vi and en)

MEASURABLE = [
    # seed 001 (sales)
    ("seed001-revenue-800tr", "Đạt doanh thu tối thiểu 800 triệu", True),
    ("seed001-120-customers", "Đạt 120 khách hàng có giá trị từ từ 3 triệu trở lên.", True),
    ("seed001-5-staff", "Có 5 nhân viên chính thức.", True),
    # seed 004 (marketing), example 1: dates and names only
    ("seed004-ex1-kr1-conference", ("Tham gia Ban Tổ chức gian hàng giới thiệu phần mềm nhân sự tại Hội nghị Nhân "
     "sự Việt Nam 2020 tổ chức tại Hà Nội vào cuối tháng 8/2020"), False),
    ("seed004-ex1-kr2-sales-kit", ("Cập nhật bộ tài liệu bán hàng với các tính năng phần mềm mới cập nhật, trước "
     "ngày 31/7/2020"), False),
    ("seed004-ex1-kr3-tv", ("Cung cấp nội dung, hỗ trợ để đài VTC quay phóng sự giới thiệu phần mềm công ty trên "
     "chương trình “Nhịp sống số”, phát sóng vào 15/9/2020"), False),
    ("seed004-ex1-kr4-top50", ("Hoàn thành bộ hồ sơ tham gia chương trình 50 thương hiệu công nghệ thông tin mạnh "
     "Việt Nam, trước 15/8/2020"), False),
    # example 2
    ("seed004-ex2-kr1-1000-responses", ("Tiến hành khảo sát online đối tượng khách hàng trong độ tuổi 20 - 40 và thu "
     "được ít nhất 1,000 phản hồi về đồ uống thể thao khách hàng mong muốn. Hạn trả lời khảo sát đến hết "
     "30/8/2020"), True),
    ("seed004-ex2-kr2-10-booths", ("Bố trí 10 gian hàng giới thiệu sản phẩm tại các điểm người dân tập thể dục và ghi "
     "nhận phản hồi trải nghiệm của khách hàng trong quý III-2020"), True),
    ("seed004-ex2-kr3-5-groups", ("Liên hệ, kết nối với ít nhất 5 nhóm thể thao (chạy bộ, đạp xe, tập gym…) để mời "
     "sử dụng sản phẩm trong tháng 8/2020 và ghi nhận phản hồi trải nghiệm"), True),
    # example 3
    ("seed004-ex3-kr1-hire-02", "Tuyển dụng 02 nhân viên sáng tạo nội dung cho website trước 31/7/2020", True),
    ("seed004-ex3-kr2-5-posts-a-week", "Một tuần cập nhật ít nhất 5 bài ở mục tin tức lên website", True),
    ("seed004-ex3-kr3-5000-visits", ("Chạy quảng cáo trên Google và Facebook để đạt được tối thiểu 5,000 lượt truy "
     "cập website từ các kênh quảng cáo"), True),
    # examples 4 and 5
    ("seed004-ex4-kr1", "Tăng 20% số lượt đọc blog thông qua các phương tiện truyền thông xã hội", True),
    ("seed004-ex4-kr2-double", "Nhận gấp đôi số phản hồi khảo sát ý kiến trên fanpage công ty so với tháng trước",
     True),
    ("seed004-ex4-kr3", "Tăng số lượng người theo dõi fanpage công ty lên 35% so với tháng trước", True),
    ("seed004-ex5-kr1", "Tăng 25% lượng tiếp cận khách hàng tiềm năng so với tháng trước", True),
    ("seed004-ex5-kr2", "Tăng 20% yêu cầu demo sản phẩm so với tháng trước", True),
    ("seed004-ex5-kr3-trial", "Triển khai việc dùng thử sản phẩm từ 31/7 tại các quận nội thành Hà Nội", False),
    # more Vietnamese
    ("vi-revenue-ty", "Doanh thu quý đạt 12 tỷ đồng", True),
    ("vi-paying-customers", "Có thêm 600 khách hàng trả phí mới", True),
    ("vi-nps", "NPS đạt 45 điểm trở lên", True),
    ("vi-response-time", "Thời gian phản hồi yêu cầu hỗ trợ dưới 2 giờ", True),
    ("vi-within-24h", "Phản hồi mọi khiếu nại trong 24 giờ", True),
    ("vi-score-4.2-of-5", "Điểm gắn kết nhân viên đạt 4.2/5", True),
    ("vi-12-of-12-weeks", "Báo cáo tuần kế hoạch và thực tế đúng hạn 12/12 tuần", True),
    ("vi-level-2-with-pct", "80% nhân viên kinh doanh đạt level 2 trong khung năng lực", True),
    ("vi-hire-8", "Tuyển 8 nhân viên kinh doanh đạt chuẩn năng lực", True),
    ("vi-cost-per-lead", "Chi phí cho mỗi lead dưới 250.000 đồng", True),
    ("vi-views", "Video hướng dẫn nhập hàng được xem 10.000 lượt", True),
    ("vi-spelled", "Có thêm hai đối tác phân phối", True),
    ("vi-triple", "Doanh thu online gấp ba quý trước", True),
    ("vi-pp", "Tỷ lệ chốt tăng thêm 5 điểm phần trăm", True),
    ("vi-call-weekly", "Gọi điện chăm sóc khách hàng cũ mỗi tuần", False),
    ("vi-training-monthly", "Tổ chức đào tạo kỹ năng bán hàng hàng tháng", False),
    ("vi-improve", "Cải thiện mức độ hài lòng của khách hàng", False),
    ("vi-enhance-brand", "Nâng cao nhận diện thương hiệu trên mạng xã hội", False),
    ("vi-version", "Phát hành ứng dụng di động phiên bản 2.0", False),
    ("vi-by-quarter", "Hoàn thiện quy trình bán hàng trong quý 3", False),
    ("vi-event-year", "Tham gia Vietnam Retail Expo 2026 tại TP.HCM", False),
    ("vi-top-10", "Lọt Top 10 Sao Khuê năm 2026", False),
    ("vi-level-only", "Nhân viên mới đạt level 2", False),
    ("vi-deadline-only", "Ký hợp đồng với đối tác chiến lược trước 30/6/2026", False),
    ("vi-number-one", "Trở thành lựa chọn số 1 của chủ shop", False),
    # English
    ("en-mrr", "Increase MRR from $50k to $80k", True),
    ("en-churn", "Reduce monthly churn from 8% to 5%", True),
    ("en-customers", "Reach 1,000 paying customers", True),
    ("en-deals", "Win 15 new enterprise deals", True),
    ("en-leads", "Generate 400 sales-qualified leads", True),
    ("en-nps", "Achieve an NPS of 50 or more", True),
    ("en-webinars", "Run 3 webinars", True),
    ("en-double", "Double the number of demo requests", True),
    ("en-pipeline", "Build a $2M qualified pipeline", True),
    ("en-csat", "Customer satisfaction above 4.5/5", True),
    ("en-quota", "80% of reps hit quota", True),
    ("en-1.5-million", "Grow revenue to 1.5 million", True),
    ("en-5k", "Get 5k newsletter subscribers", True),
    ("en-hours", "Cut first response time to under 2 hours", True),
    ("en-improve", "Improve onboarding for new customers", False),
    ("en-launch-campaign", "Launch a referral campaign", False),
    ("en-v2", "Ship v2 of the mobile app by Q3 2026", False),
    ("en-fortune-500", "Sign a Fortune 500 company", False),
    ("en-date", "Launch the partner portal by March 31, 2026", False),
    ("en-iso-date", "Migrate all customers to the new plan by 2026-06-30", False),
    ("en-conference", "Present at SaaStr Annual 2026", False),
]


@pytest.mark.parametrize("text, measurable", [m[1:] for m in MEASURABLE], ids=[m[0] for m in MEASURABLE])
def test_kr_measurability(text, measurable):
    """A text-only KR is measurable exactly when its text has an amount to reach."""
    report = lint(O("O1", "Một mục tiêu", [K("O1.KR1", text)], owner="A"))
    assert report.key_results[0]["measurable"] is measurable
    assert ("kr-measurable" in rules_of(report, "O1.KR1")) is (not measurable)


def test_structured_target_is_measurable():
    """A KR with a target field (or a milestone) is measurable whatever its words."""
    report = lint(O("O1", "Một mục tiêu", [K("O1.KR1", "Gọi điện chăm sóc khách hàng", target=200),
                                           K("O1.KR2", "Ban hành khung năng lực", kind="milestone")]))
    assert [k["measurable"] for k in report.key_results] == [True, True]
    assert "kr-measurable" not in rules_of(report)


def test_kr_quantity_in_report():
    """The report gives each KR's quantity as {value, unit}, or None."""
    report = lint(O("O1", "Một mục tiêu", [K("O1.KR1", "Đạt doanh thu 2,5 tỷ đồng"),
                                           K("O1.KR2", "Hoàn thành trước 31/7/2020")]))
    q1, q2 = (k["quantity"] for k in report.key_results)
    assert (q1["value"], q1["unit"]) == (2.5e9, "VND")
    assert q2 is None


def test_measurable_message_explains_dates():
    """When a KR's only numbers are dates or names, the message says so."""
    report = lint(O("O1", "x", [K("O1.KR1", "Cập nhật bộ tài liệu bán hàng trước ngày 31/7/2020")]))
    finding = report.by_rule("kr-measurable")[0]
    assert "31/7/2020" in finding.message["en"] and "dates" in finding.message["en"]
    assert "ngày tháng" in finding.message["vi"]
    assert finding.severity == "error" and finding.field == "text"


# ---------------------------------------------------------------- objectives: qualitative, no metric

OBJECTIVES = [
    ("seed001-peak-revenue", "Doanh thu vượt mức đỉnh cao", False),
    ("seed004-ex1-brand", "Gia tăng mạnh mẽ nhận diện thương hiệu phần mềm nhân sự của công ty", False),
    ("seed004-ex2-research-ages", ("Nghiên cứu tâm lý lựa chọn sản phẩm của khách hàng tiềm năng độ tuổi 20 - 40 "
     "với mặt hàng đồ uống thể thao"), False),
    ("seed004-ex3-traffic-quarter", "Gia tăng lượng truy cập website công ty trong quý III-2020", False),
    ("seed004-ex4-reach", "Tăng phạm vi truyền thông xã hội", False),
    ("seed004-ex5-promote", "Quảng bá sản phẩm đến đối tượng khách hàng tiềm năng", False),
    ("vi-number-one", "Trở thành lựa chọn số 1 của các cửa hàng bán lẻ nhỏ", False),
    ("vi-year", "Dẫn đầu thị trường phần mềm bán lẻ năm 2027", False),
    ("vi-version", "Ra mắt phiên bản 2.0 khiến khách hàng yêu thích", False),
    ("vi-top50-name", "Lọt Top 50 thương hiệu công nghệ mạnh Việt Nam", False),
    ("vi-event-name", "Gây ấn tượng tại Hội nghị Nhân sự Việt Nam 2020", False),
    ("vi-one-step", "Mỗi nhân viên kinh doanh lên một bậc năng lực trong quý", False),
    ("en-go-to", "Become the go-to CRM for Vietnamese retailers by 2027", False),
    ("en-delight", "Delight customers in Q3", False),
    ("en-wow", "Ship a website that makes customers say wow", False),
    ("vi-partner-30pct", "Tăng 30% doanh thu đến từ đối tác", True),
    ("vi-revenue-ty", "Doanh thu năm đạt 50 tỷ đồng", True),
    ("vi-double", "Gấp đôi số khách hàng doanh nghiệp", True),
    ("vi-churn", "Giảm 50% tỷ lệ khách hàng rời bỏ", True),
    ("vi-customers", "Có 10.000 khách hàng trả phí", True),
    ("en-double", "Double revenue from partners", True),
    ("en-arr", "Grow ARR to $5M", True),
    ("en-customers", "Reach 10,000 paying customers", True),
]


@pytest.mark.parametrize("text, has_metric", [o[1:] for o in OBJECTIVES], ids=[o[0] for o in OBJECTIVES])
def test_objective_metric(text, has_metric):
    """An objective carrying a metric target is flagged; dates, years and names are not metrics."""
    report = lint(O("O1", text, GOOD_KRS, owner="A"))
    assert report.objectives[0]["has_metric"] is has_metric
    assert ("objective-metric" in rules_of(report, "O1")) is has_metric


# ---------------------------------------------------------------- activities vs outcomes

ACTIVITIES = [
    # activities (seed 004 warns against declaring busy numbers)
    ("vi-training", "Tổ chức đào tạo kỹ năng bán hàng hàng tháng", True),
    ("vi-calls", "Gọi điện chăm sóc khách hàng cũ mỗi tuần", True),
    ("vi-posts", "Đăng 5 bài viết mỗi tuần trên blog", True),
    ("vi-sales-kit", "Cập nhật bộ tài liệu bán hàng với các tính năng mới, trước ngày 31/7/2020", True),
    ("vi-weekly-update", "Một tuần cập nhật ít nhất 5 bài ở mục tin tức lên website", True),
    ("vi-conference", "Tham gia Ban Tổ chức gian hàng tại Hội nghị Nhân sự Việt Nam 2020", True),
    ("vi-tv", "Cung cấp nội dung, hỗ trợ để đài VTC quay phóng sự giới thiệu phần mềm công ty", True),
    ("vi-dossier", "Hoàn thành bộ hồ sơ tham gia chương trình 50 thương hiệu công nghệ thông tin mạnh Việt Nam", True),
    ("vi-trial", "Triển khai việc dùng thử sản phẩm từ 31/7 tại các quận nội thành Hà Nội", True),
    ("vi-booths", "Bố trí 10 gian hàng giới thiệu sản phẩm tại các điểm người dân tập thể dục", True),
    ("vi-contact-groups", "Liên hệ, kết nối với ít nhất 5 nhóm thể thao để mời sử dụng sản phẩm", True),
    ("vi-email", "Gửi email giới thiệu sản phẩm tới 1.000 khách hàng", True),
    ("vi-videos", "Làm 10 video hướng dẫn", True),
    ("vi-200-calls", "Thực hiện 200 cuộc gọi mỗi tuần", True),
    ("vi-seo-posts", "Viết 20 bài chuẩn SEO", True),
    ("vi-run-ads", "Chạy quảng cáo Facebook trong tháng 9", True),
    ("vi-survey", "Tiến hành khảo sát khách hàng", True),
    ("vi-livestream-count", "Mỗi tuần 3 buổi livestream", True),
    ("vi-meetings", "Họp giao ban mỗi sáng thứ Hai", True),
    ("vi-workshop", "Tổ chức hội thảo đối tác tại Hà Nội", True),
    ("vi-publish-guides", "Xuất bản 60 bài hướng dẫn trong trung tâm trợ giúp", True),
    ("en-webinars", "Run 3 webinars", True),
    ("en-interviews", "Hold 10 customer interviews", True),
    ("en-summit", "Organise a partner summit in Hanoi", True),
    ("en-trade-shows", "Attend 2 trade shows", True),
    ("en-emails", "Send 500 cold emails", True),
    ("en-linkedin", "Post on LinkedIn every day", True),
    ("en-articles", "Write 12 blog articles", True),
    ("en-publish", "Publish 8 blog posts", True),
    ("en-campaign", "Launch a referral campaign", True),
    ("en-meet", "Meet 20 key accounts", True),
    ("en-survey", "Conduct a customer survey", True),
    ("en-we-will", "We will run 4 workshops for partners", True),
    ("en-train", "Train all new reps on the product", True),
    ("vi-callback-all", "Gọi lại 100% khách hàng có dấu hiệu ngừng sử dụng trong vòng 3 ngày", True),
    ("vi-train-all", "Đào tạo 100% nhân viên mới về sản phẩm", True),
    ("vi-crm-hygiene", "Cập nhật 100% hồ sơ khách hàng lên CRM", True),
    # outcomes
    ("vi-demo-requests", "Tăng 20% yêu cầu demo sản phẩm so với tháng trước", False),
    ("vi-hire-borderline", "Tuyển 8 nhân viên kinh doanh đạt chuẩn năng lực", False),
    ("vi-revenue", "Đạt doanh thu tối thiểu 800 triệu", False),
    ("vi-120-customers", "Đạt 120 khách hàng có giá trị từ 3 triệu trở lên", False),
    ("vi-staff", "Có 5 nhân viên chính thức", False),
    ("vi-survey-responses", "Tiến hành khảo sát online và thu được ít nhất 1,000 phản hồi", False),
    ("vi-ads-traffic", "Chạy quảng cáo trên Google và Facebook để đạt được tối thiểu 5,000 lượt truy cập", False),
    ("vi-double-responses", "Nhận gấp đôi số phản hồi khảo sát", False),

    ("vi-plan-100pct", "Hoàn thành 100% kế hoạch doanh số", False),
    ("vi-contracts", "Ký 40 hợp đồng nguyên tắc", False),
    ("vi-views", "Video hướng dẫn được xem 10.000 lượt", False),
    ("vi-attendees", "Tổ chức 3 hội thảo thu hút 600 người tham dự", False),
    ("vi-response-time", "Thời gian phản hồi dưới 2 giờ", False),
    ("en-mrr", "Increase MRR from $50k to $80k", False),
    ("en-churn", "Reduce churn from 8% to 5%", False),
    ("en-customers", "Reach 1,000 paying customers", False),
    ("en-quota", "80% of reps hit quota", False),
    ("en-ads-visits", "Run ads to reach 20,000 site visits", False),
    ("en-case-studies-leads", "Publish 10 case studies that generate 50 leads", False),
    ("en-pipeline", "Build a $2M qualified pipeline", False),
    ("en-deals", "Win 15 new enterprise deals", False),
    # a metric named after an activity is still a metric
    ("en-call-volume", "Call volume down 30%", False),
    ("en-training-rate", "Training completion rate 95%", False),
    ("en-support-backlog", "Support ticket backlog below 50", False),
    ("en-survey-rate", "Survey response rate 40%", False),
    ("en-email-open-rate", "Email open rate above 30%", False),
    ("en-review-score", "Review score 4.5/5 on G2", False),
    ("en-call-prospects", "Call 50 prospects a week", True),
    ("vi-lam-hai-long", "Làm hài lòng 95% khách hàng doanh nghiệp", False),
    ("vi-quay-lai-noun", "Quay lại mua hàng: 40% khách hàng cũ", False),
    ("vi-dich-vu-noun", "Dịch vụ hỗ trợ đạt CSAT 92%", False),
    ("vi-ads-reach-result", "Quảng cáo Facebook đạt 1 triệu lượt hiển thị", False),
    ("vi-workshop-attendance", "Tổ chức hội thảo đạt 200 người tham dự", False),
    ("vi-train-count", "Đào tạo 20 trưởng nhóm đạt chứng chỉ quản lý", True),
    ("vi-build-process", "Xây dựng quy trình chăm sóc khách hàng sau bán", True),
    ("vi-build-network", "Xây dựng hệ thống đại lý tại 10 tỉnh thành", False),
    ("en-redesign", "Redesign the checkout flow", True),
    ("en-host", "Host 4 customer webinars", True),
    ("vi-meet", "Đi gặp khách hàng lớn mỗi tuần", True),
    ("vi-consult", "Tư vấn cho 50 khách hàng doanh nghiệp", True),
    ("vi-signups", "Đăng ký mới 500 tài khoản dùng thử", False),
    ("en-newsletter", "Send a monthly newsletter", True),
    ("en-update-page", "Update the pricing page", True),
    ("en-pipeline-reviews", "Hold weekly pipeline reviews", True),
    ("en-ad-campaign", "Launch a LinkedIn ad campaign", True),
    ("en-attendance", "Increase webinar attendance to 500", False),
    ("en-quota-share", "Achieve 120% of quota", False),
    ("en-events-pipeline", "Generate $500k pipeline from events", False),
    ("en-onboard", "Onboard 40 new customers in under 7 days", False),
    # typed without accents
    ("vi-unaccented-training", "To chuc dao tao ky nang ban hang hang thang", True),
    ("vi-unaccented-calls", "Goi dien cham soc khach hang cu moi tuan", True),
    ("vi-unaccented-ads-result", "Chay quang cao tren Google de dat duoc toi thieu 5,000 luot truy cap", False),
    ("vi-unaccented-outcome", "Tang 20% yeu cau demo san pham so voi thang truoc", False),
]


@pytest.mark.parametrize("text, is_activity", [a[1:] for a in ACTIVITIES], ids=[a[0] for a in ACTIVITIES])
def test_activity_vs_outcome(text, is_activity):
    """A KR that names work to do (or counts busy-work) is flagged; an outcome is not."""
    assert (activity_of(text) is not None) is is_activity
    report = lint(O("O1", "Một mục tiêu", [K("O1.KR1", text)], owner="A"))
    assert ("kr-activity" in rules_of(report, "O1.KR1")) is is_activity
    assert report.key_results[0]["activity"] is is_activity


def test_activity_message_quotes_the_verb():
    """The activity message quotes the verb as the participant wrote it."""
    report = lint(O("O1", "x", [K("O1.KR1", "Tổ chức đào tạo kỹ năng bán hàng hàng tháng")]))
    msg = report.by_rule("kr-activity")[0].message
    assert "“Tổ chức …”" in msg["en"] and "đầu việc" in msg["vi"]


# ---------------------------------------------------------------- counts

def test_objective_count_per_owner():
    """More than 5 objectives for one owner is a warning; fewer than 3 is a tip; 3–5 is fine."""
    many = OKRSet(tuple(good_objective(f"O{i}", owner="Marketing") for i in range(1, 7))
                  + tuple(good_objective(f"S{i}", owner="Sales") for i in range(1, 4))
                  + (good_objective("H1", owner="HR"),), period="2026-Q1")
    report = lint(many)
    found = report.by_rule("objective-count")
    assert [(f.where, f.severity) for f in found] == [("O1", "warning"), ("H1", "info")]
    assert "Marketing" in found[0].message["en"] and "6" in found[0].message["vi"]
    assert found[0].source.startswith("\"Quản trị team Marketing với OKRs\"")


def test_objective_count_skipped_for_one_objective():
    """Linting a single objective does not count objectives."""
    assert "objective-count" not in rules_of(lint(good_objective()))


@pytest.mark.parametrize("n, severity", [(0, "error"), (1, "warning"), (2, "warning"), (3, None), (5, None),
                                         (6, "warning")], ids=["none", "one", "two", "three", "five", "six"])
def test_kr_count(n, severity):
    """3–5 KRs per objective; none is an error, too few or too many a warning."""
    krs = [K(f"O1.KR{i}", f"Đạt {i * 10} khách hàng mới") for i in range(1, n + 1)]
    found = lint(O("O1", "Khách hàng yêu mến", krs, owner="A")).by_rule("kr-count")
    assert [f.severity for f in found] == ([] if severity is None else [severity])


# ---------------------------------------------------------------- weights

def test_weights_sum_error_states_the_sum():
    """All weights given but not summing to 1 is an error naming the actual sum."""
    obj = O("O1", "x", [K("O1.KR1", "Đạt 1 tỷ", weight=0.5), K("O1.KR2", "Đạt 2 tỷ", weight=0.3),
                        K("O1.KR3", "Đạt 3 tỷ", weight=0.1)])
    f = lint(obj).by_rule("weights-sum")[0]
    assert (f.severity, f.where, f.field) == ("error", "O1", "weight")
    assert "0.90" in f.message["en"] and "0,90" in f.message["vi"]


def test_weights_within_tolerance_and_none():
    """Weights summing to 1 within 0.01, or no weights at all, are fine."""
    ok_weights = O("O1", "x", [K("O1.KR1", "Đạt 1 tỷ", weight=0.33), K("O1.KR2", "Đạt 2 tỷ", weight=0.33),
                               K("O1.KR3", "Đạt 3 tỷ", weight=0.335)])
    assert "weights-sum" not in rules_of(lint(ok_weights))
    assert "weights-sum" not in rules_of(lint(good_objective()))


def test_weights_partly_missing_is_a_warning():
    """Some weights given and some missing is a warning naming the KRs without one."""
    obj = O("O1", "x", [K("O1.KR1", "Đạt 1 tỷ", weight=0.5), K("O1.KR2", "Đạt 2 tỷ", weight=0.5),
                        K("O1.KR3", "Đạt 3 tỷ")])
    f = lint(obj).by_rule("weights-sum")[0]
    assert f.severity == "warning" and "O1.KR3" in f.message["en"] and "O1.KR3" in f.message["vi"]


def test_zero_and_negative_weight():
    """Weight 0 is a warning (counts for nothing); a negative weight is an error."""
    obj = O("O1", "x", [K("O1.KR1", "Đạt 1 tỷ", weight=1.0), K("O1.KR2", "Đạt 2 tỷ", weight=0.0),
                        K("O1.KR3", "Đạt 3 tỷ", weight=-0.0001)])
    found = {f.where: f.severity for f in lint(obj).by_rule("weight-zero")}
    assert found["O1.KR2"] == "warning"


def test_negative_weight_is_error():
    """A negative weight is an error."""
    obj = O("O1", "x", [K("O1.KR1", "Đạt 1 tỷ", weight=1.2), K("O1.KR2", "Đạt 2 tỷ", weight=-0.2)])
    found = lint(obj).by_rule("weight-zero")
    assert [(f.where, f.severity) for f in found] == [("O1.KR2", "error")]


# ---------------------------------------------------------------- targets and baselines

@pytest.mark.parametrize("kr, key", [
    (K("O1.KR1", "Doanh thu đạt 10 tỷ", baseline=10, target=10), "equal"),
    (K("O1.KR1", "Doanh thu quý", kind="increase", baseline=10, target=8), "below"),
    (K("O1.KR1", "Tỷ lệ rời bỏ", kind="decrease", baseline=8, target=9), "above"),
    (K("O1.KR1", "Giảm tỷ lệ rời bỏ xuống 9%", baseline=8, target=9), "above"),
    (K("O1.KR1", "Tăng số khách hàng lên 80", baseline=100, target=80), "below"),
], ids=["equal", "increase-below", "decrease-above", "text-decrease-above", "text-increase-below"])
def test_target_baseline_errors(kr, key):
    """A target equal to the baseline, or on the wrong side of it for the KR's kind, is an error."""
    found = lint(O("O1", "x", [kr])).by_rule("target-baseline")
    assert len(found) == 1 and found[0].severity == "error" and found[0].where == "O1.KR1"
    assert {"equal": "equals", "below": "below", "above": "above"}[key] in found[0].message["en"]


@pytest.mark.parametrize("kr", [
    K("O1.KR1", "Doanh thu đạt 12 tỷ", baseline=9, target=12),
    K("O1.KR1", "Giảm tỷ lệ rời bỏ từ 8% xuống 5%", baseline=8, target=5),
    K("O1.KR1", "Giữ tỷ lệ giữ chân trên 90%", kind="stay-above", baseline=90, target=90),
    K("O1.KR1", "Báo cáo đúng hạn 12/12 tuần", baseline=0, target=12),
    K("O1.KR1", "Tỷ lệ gia hạn hợp đồng đạt 88%", baseline=80, target=88),
], ids=["increase", "decrease", "stay-above-equal", "dung-han", "gia-han"])
def test_target_baseline_fine(kr):
    """Targets on the right side of the baseline raise nothing ('đúng hạn' is not 'hạ')."""
    assert lint(O("O1", "x", [kr])).by_rule("target-baseline") == ()


def test_text_and_target_disagree():
    """A number in the text that disagrees with the target field is a warning."""
    obj = O("O1", "x", [K("O1.KR1", "Đạt 120 khách hàng mới", baseline=0, target=100),
                        K("O1.KR2", "Tăng 20% yêu cầu demo", baseline=900, target=1080),
                        K("O1.KR3", "Giảm 30% số cuộc gọi", baseline=1200, target=840)])
    found = lint(obj).by_rule("kr-target-text")
    assert [f.where for f in found] == ["O1.KR1"]
    in_billions = O("O2", "x", [K("O2.KR1", "Doanh thu đạt 12 tỷ đồng", baseline=9, target=12, unit="tỷ đồng")])
    assert lint(in_billions).by_rule("kr-target-text") == ()


def test_number_in_text_without_target_field():
    """When the set is scored, a KR whose number lives only in its text gets a tip to add target."""
    obj = O("O1", "x", [K("O1.KR1", "Đạt 120 khách hàng", target=120), K("O1.KR2", "Đăng 5 bài viết mỗi tuần")])
    found = lint(obj).by_rule("kr-target-field")
    assert [(f.where, f.severity) for f in found] == [("O1.KR2", "info")]
    # a first draft with text only gets no such tip
    assert lint(O("O1", "x", [K("O1.KR1", "Đăng 5 bài viết mỗi tuần")])).by_rule("kr-target-field") == ()


# ---------------------------------------------------------------- ids and alignment

def test_duplicate_ids():
    """An id used twice (objective or KR) is an error."""
    a = good_objective("O1")
    b = O("O1", "Một mục tiêu khác", [K("O1.KR1", "Đạt 5 đối tác mới")], owner="B")
    found = lint(OKRSet((a, b))).by_rule("duplicate-id")
    assert {f.where for f in found} == {"O1", "O1.KR1"}
    assert all(f.severity == "error" for f in found)


def test_missing_ids():
    """A KR without id is an error suggesting one."""
    found = lint(O("O2", "x", [K("", "Đạt 5 đối tác mới")])).by_rule("missing-id")
    assert found and "O2.KR1" in found[0].message["en"]


def test_missing_ids_get_positional_labels():
    """Findings about items without an id point at them by position, grouped under their objective."""
    okrs = OKRSet((good_objective("O1"), O("", "Một mục tiêu khác", [K("", "Cải thiện dịch vụ")], owner="B")))
    r = lint(okrs)
    assert [o["id"] for o in r.objectives] == ["O1", "#2"]
    assert r.key_results[-1]["id"] == "#2.KR#1"
    assert {f.rule for f in r.for_objective("#2")} >= {"missing-id", "kr-measurable", "kr-count"}
    assert "#2 — Một mục tiêu khác" in r.text("en")


def test_parent_missing_and_close_match():
    """A parent that is not in the set is an error, with a close id suggested."""
    okrs = OKRSet((good_objective("C1"), good_objective("S1", parent="C11"), good_objective("S2", parent="X9")))
    found = lint(okrs).by_rule("parent-missing")
    assert [f.where for f in found] == ["S1", "S2"]
    assert "C1?" in found[0].message["en"] and "C1" in found[0].message["vi"]
    # linting one objective cannot know the other objectives: skipped
    assert lint(good_objective("S1", parent="C11")).by_rule("parent-missing") == ()


def test_parent_cycle_and_self():
    """An objective cannot align to itself or through a loop back to itself."""
    okrs = OKRSet((good_objective("A", parent="B"), good_objective("B", parent="A"), good_objective("C", parent="C")))
    found = lint(okrs).by_rule("parent-missing")
    assert {f.where for f in found} == {"A", "B", "C"}


def test_missing_owner():
    """An objective without owner gets a tip."""
    assert [f.severity for f in lint(good_objective(owner=None)).by_rule("missing-owner")] == ["info"]


def test_kr_repeats_objective():
    """A KR that only restates its objective is flagged."""
    obj = O("O1", "Gia tăng nhận diện thương hiệu", [K("O1.KR1", "Gia tăng nhận diện thương hiệu công ty"),
                                                       *GOOD_KRS[1:]])
    assert [f.where for f in lint(obj).by_rule("kr-repeats-objective")] == ["O1.KR1"]


@pytest.mark.parametrize("text, flagged", [
    ("Đạt 100 khách hàng mới và 2 tỷ doanh thu", True),
    ("Tăng 20% lead và 15% khách hàng mới", True),
    ("Reach 500 customers and $2M ARR", True),
    ("Doanh thu bán thêm cho 10% khách hàng lớn nhất đạt 1,5 tỷ đồng", False),
    ("Tiến hành khảo sát khách hàng trong độ tuổi 20 - 40 và thu được ít nhất 1,000 phản hồi", False),
    ("Giảm tỷ lệ rời bỏ từ 8% xuống 5%", False),
], ids=["vi-two-units", "vi-two-percents", "en-two", "qualifier", "ages", "from-to"])
def test_two_targets_in_one_kr(text, flagged):
    """Two targets joined by 'và'/'and' in one KR get a tip to split it."""
    found = lint(O("O1", "x", [K("O1.KR1", text)])).by_rule("kr-two-targets")
    assert bool(found) is flagged


def test_committed_vs_aspirational_hints():
    """Low confidence on a committed OKR, or certainty on an aspirational one, gets a tip."""
    low = O("O1", "x", [K("O1.KR1", "Đạt 5 tỷ", confidence=3)], type="committed")
    sure = O("O2", "x", [K("O2.KR1", "Đạt 5 tỷ", confidence=9), K("O2.KR2", "Đạt 9 đối tác", confidence=10)],
             type="aspirational")
    assert [f.where for f in lint(OKRSet((low, sure))).by_rule("okr-type")] == ["O1", "O2"]
    assert lint(good_objective()).by_rule("okr-type") == ()  # default confidence 5: nothing said


def test_okr_type_source_is_googles_practice():
    """The 1.0 / 0.7 expectation is cited to Google's OKR guide and Doerr's book, not to the marketing article."""
    low = O("O1", "x", [K("O1.KR1", "Đạt 5 tỷ", confidence=3)], type="committed")
    source = lint(low).by_rule("okr-type")[0].source
    assert "re:Work" in source and "Measure What Matters" in source and "1.0" in source and "0.7" in source
    assert not source.startswith("\"Quản trị team Marketing với OKRs\"")


def test_every_rule_source_names_a_title_a_user_can_look_up():
    """Each rule's source quotes a title and names who published it — never a file name or a bare 'course'."""
    for check in RULES:
        if check.source is None:
            continue
        assert re.search(r'"[^"]{6,}"', check.source), check.id
        assert re.search(r'"[^"]+" \([^)]+\)|re:Work|okrkit lesson', check.source), check.id
        assert not re.search(r"seed|\.txt|^course:", check.source), check.id


# ---------------------------------------------------------------- the sample company's deliberate weaknesses

def test_sample_company_weaknesses(company_report):
    """Lint finds the weaknesses left in the sample company on purpose."""
    r = company_report
    assert {f.where for f in r.by_rule("kr-measurable")} == {"S2.KR3", "H2.KR3"}
    assert {"S2.KR3", "M2.KR3", "H2.KR3", "M3.KR3"} <= {f.where for f in r.by_rule("kr-activity")}
    assert [f.where for f in r.by_rule("weight-zero")] == ["P3.KR3"]
    assert {f.where for f in r.by_rule("weights-sum")} >= {"C3", "M3", "H2"}
    assert [f.where for f in r.by_rule("objective-metric")] == ["M3"]
    assert r.has_errors


def test_sample_company_good_parts(company_report):
    """Well-formed sample OKRs raise no error: ids, parents, targets and counts are fine."""
    r = company_report
    for rule_id in ("duplicate-id", "missing-id", "parent-missing", "target-baseline", "objective-count",
                    "kr-count"):
        assert r.by_rule(rule_id) == (), rule_id
    assert r.for_id("C1.KR1") == ()
    measurable = {k["id"]: k["measurable"] for k in r.key_results}
    assert (measurable["S2.KR3"], measurable["H2.KR3"], measurable["C1.KR1"]) == (False, False, True)


# ---------------------------------------------------------------- switches and arguments

def test_disable_rules():
    """Any rule can be switched off by id."""
    r = lint(ok.sample_company(), disable=["kr-measurable", "kr-activity"])
    assert not {"kr-measurable", "kr-activity"} & set(rules_of(r))
    assert r.disabled == ("kr-measurable", "kr-activity")
    assert not lint(ok.sample_company(), disable=["kr-measurable", "target-baseline", "duplicate-id",
                                                  "missing-id", "parent-missing", "weights-sum",
                                                  "weight-zero", "kr-count"]).has_errors


def test_disable_unknown_rule():
    """An unknown rule id raises InputError listing the ids."""
    with pytest.raises(InputError, match="kr-measurable"):
        lint(good_objective(), disable=["kr-measurabel"])


def test_lint_rejects_other_things():
    """Linting something that is not OKRs is an InputError."""
    with pytest.raises(InputError):
        lint("Đạt 5 tỷ")


def test_rules_are_ordered_small_functions():
    """RULES is an ordered tuple of functions with unique ids, known severities and docstrings."""
    assert isinstance(RULES, tuple) and len(RULE_IDS) == len(set(RULE_IDS)) >= 12
    for check in RULES:
        assert check.severity in SEVERITIES and check.__doc__
    assert RULE_IDS[:3] == ("missing-id", "duplicate-id", "parent-missing")


def test_each_rule_runs_alone(company):
    """Each rule can be run on its own (the others disabled) without failing."""
    for rule_id in RULE_IDS:
        r = lint(company, disable=[i for i in RULE_IDS if i != rule_id])
        assert set(rules_of(r)) <= {rule_id}


# ---------------------------------------------------------------- the report

def test_report_is_frozen_and_counts(company_report):
    """LintReport is frozen; counts() adds up the severities."""
    with pytest.raises(dataclasses.FrozenInstanceError):
        company_report.findings = ()
    c = company_report.counts()
    assert set(c) == set(SEVERITIES) and sum(c.values()) == len(company_report.findings)


def test_finding_fields(company_report):
    """Each finding has a rule, a severity, a where, a field, both languages and a source or None."""
    for f in company_report.findings:
        assert isinstance(f, Finding)
        assert f.rule in RULE_IDS and f.severity in SEVERITIES
        assert set(f.message) == {"en", "vi"} and f.message["en"] and f.message["vi"]
        assert f.message["en"] != f.message["vi"]
        assert VI_MARKS.search(f.message["vi"]), f.message["vi"]
        assert f.where is None or f.where in f.message["en"] or f.rule == "objective-count"


def test_every_lint_message_in_both_languages():
    """Every lint message key is registered in English and Vietnamese."""
    keys = [k for k in i18n.keys() if k.startswith("lint.")]
    assert len(keys) > 30
    for key in keys:
        assert i18n.t(key, "en") and VI_MARKS.search(i18n.t(key, "vi")) or key.startswith("lint.severity")


def test_for_id(company_report):
    """for_id gives the findings of one objective or KR."""
    assert [f.rule for f in company_report.for_id("S2.KR3")] == ["kr-measurable", "kr-activity"]
    assert company_report.for_id("nope") == ()
    assert {f.where for f in company_report.for_objective("H2")} == {"H2", "H2.KR3"}


def test_to_dict_shape(company_report):
    """to_dict has findings, key_results and objectives, and is JSON-serialisable."""
    d = company_report.to_dict("vi")
    json.dumps(d, ensure_ascii=False)
    assert {"findings", "key_results", "objectives", "counts", "has_errors"} <= set(d)
    f = d["findings"][0]
    assert {"rule", "severity", "where", "message", "messages"} <= set(f) and isinstance(f["message"], str)
    k = next(k for k in d["key_results"] if k["id"] == "C1.KR1")
    assert k["measurable"] is True and k["quantity"]["value"] == 12e9 and k["quantity"]["unit"] == "VND"
    o = next(o for o in d["objectives"] if o["id"] == "M3")
    assert o["has_metric"] is True
    assert len(d["key_results"]) == sum(len(o.key_results) for o in ok.sample_company())


def test_text_grouped_by_objective(company_report):
    """text() groups findings under their objective and ends with a summary, in either language."""
    en, vi = company_report.text("en"), company_report.text("vi")
    assert en.index("S2 — ") < en.index("S2.KR3") < en.index("H2 — ")
    assert "[error] kr-measurable" in en and "[lỗi] kr-measurable" in vi
    assert en.rstrip().endswith("tip(s).") and vi.rstrip().endswith("gợi ý.")


def test_text_clean_report():
    """A report without findings says so."""
    r = lint(good_objective())
    assert r.findings == () and not r.has_errors
    assert "No findings" in r.text("en") and "Không có" in r.text("vi")


def test_repr_and_html_escape():
    """repr is plain text; _repr_html_ escapes the participant's text."""
    r = lint(O("O1", "<b>Tăng</b> 30% & hơn", [K("O1.KR1", "<script>alert()</script>")], owner="A"))
    assert repr(r).startswith("LintReport(") and "<" not in repr(r).splitlines()[0]
    page = r._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;Tăng" in page


def test_lang_from_environment(monkeypatch):
    """lang=None follows $OKRKIT_LANG."""
    monkeypatch.setenv("OKRKIT_LANG", "vi")
    r = lint(O("O1", "x", [K("O1.KR1", "Cải thiện dịch vụ")]))
    assert r.lang == "vi" and "chưa có chỉ tiêu" in r.text()
    found = r.to_dict()["findings"]
    assert next(f for f in found if f["rule"] == "kr-measurable")["message"].startswith("O1.KR1 chưa")


def test_ok_lint_is_callable_after_submodule_import():
    """ok.lint works as a function even after `okrkit.lint` was imported as a module."""
    import okrkit.lint  # noqa: F401  (sets the package attribute to the module)

    assert isinstance(ok.lint(good_objective()), LintReport)
