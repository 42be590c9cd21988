"""Rubric of ex04: weights that make Marketing and Sales cooperate, defended with the simulator.

The exercise starts from :func:`starting_cascade`: a "silo" weighting where
Sales alone carries revenue and Marketing is paid for website traffic.  The
participant moves the sliders until revenue binds both departments, then
defends the choice in a few sentences.  The defence is read for substance
(:mod:`okrkit.rubrics.prose`), not counted: it must state the participant's own
weights as they are now, quote a figure the simulator shows for them or for the
start (a score, a rank, a chance of reaching target, a behaviour-lens figure —
recomputed here with :mod:`okrkit.simulate`), and say what binds revenue and leads.  The
behaviour-lens check runs :func:`okrkit.simulate.incentives` here, in the
grader's process, on the participant's weights.

>>> from okrkit.rubrics.ex04_weights import RUBRIC
>>> RUBRIC.grade({}).score
0.0
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import i18n
from ..glossary import department_name, kpi_name
from ..rubric import Check, Rubric
from . import per_sample, sample_key

SALES, MARKETING = "Kinh doanh", "Marketing - PR - Đối tác"
SILO = {SALES: {"revenue": 1.0, "new_customers": 0.0, "churn": 0.0},
        MARKETING: {"quality_leads": 0.2, "revenue": 0.0, "website_traffic": 0.8}}


def starting_cascade():
    """The sample cascade with the silo weights the exercise starts from (a fresh copy each call).

    Its weight schemes are the start itself ("100/0": Sales' and Marketing's revenue
    weights) and the sample's "70/20", "50/40" and "90/0" written out in full, so that
    each can be compared on this cascade (the sample writes them as overrides of its own
    70/20 weights, which the silo start cannot take).

    >>> [s.name for s in starting_cascade().schemes]
    ['100/0', '70/20', '50/40', '90/0']
    """
    import dataclasses

    from ..cascade import Scheme, apply_scheme, sample_cascade
    from ..model import Department

    plan = sample_cascade()
    departments = tuple(Department(d.name, tuple(SILO[d.name].items())) if d.name in SILO else d
                        for d in plan.departments)
    base = plan.weights()
    schemes = [Scheme("100/0", {})]
    for scheme in plan.schemes:
        matrix = apply_scheme(base, scheme)
        schemes.append(Scheme(scheme.name, {d: dict(matrix.row(d))
                                            for d in SILO}))
    return dataclasses.replace(plan, departments=departments, schemes=tuple(schemes))


@per_sample
def _start():
    """The starting cascade, read once per grading process."""
    return starting_cascade()


def _row(answer, dept) -> dict[str, float]:
    weights = answer.get("weights") if isinstance(answer.get("weights"), dict) else {}
    row = weights.get(dept) if isinstance(weights.get(dept), dict) else {}
    out = {}
    for k, v in row.items():
        try:
            out[k] = float(v)
        except (TypeError, ValueError):
            out[k] = float("nan")
    return out


def _share(row: dict, kpi: str) -> float:
    total = sum(row.values())
    return row.get(kpi, 0.0) / total if total > 0 else 0.0


def _sums(answer):
    bad = []
    for dept in (SALES, MARKETING):
        row = _row(answer, dept)
        total = sum(row.values())
        if not row or abs(total - 1) > 0.011:
            bad.append((dept, total))

    def rows(lang):
        return "; ".join(f"{department_name(d, lang)} ({i18n.percent(t, lang)})" for d, t in bad)
    return not bad, ({"en": f"Rows: {rows('en')}.", "vi": f"Các hàng: {rows('vi')}."} if bad else None)


def _revenue_shared(answer):
    return _share(_row(answer, SALES), "revenue") >= 0.1 and _share(_row(answer, MARKETING), "revenue") >= 0.1


def _sales_main(answer):
    s = _share(_row(answer, SALES), "revenue")
    return 0.5 <= s <= 0.85, {"en": f"(Sales' revenue weight now: {i18n.percent(s, 'en')})",
                              "vi": f"(trọng số doanh thu của Kinh doanh hiện là {i18n.percent(s, 'vi')})"}


def _marketing_main(answer):
    row = _row(answer, MARKETING)
    if not row:
        return False
    top = max(row, key=lambda k: row[k])
    rev = _share(row, "revenue")
    return top == "quality_leads" and 0.1 <= rev <= 0.4 and _share(row, "website_traffic") <= 0.25


def _behaviour(answer):
    """On the participant's weights, does each department's best effort go where cooperation needs it?"""
    from ..simulate import incentives

    ws = {d: _row(answer, d) for d in (SALES, MARKETING)}
    if not all(ws.values()) or any(sum(r.values()) <= 0 for r in ws.values()):
        return False
    # Rows are read rescaled to 100%, as the panel scores them (the row sums have their own check).
    ws = {d: {k: v / sum(r.values()) for k, v in r.items()} for d, r in ws.items()}
    result = incentives(_start(), schemes={"yours": ws})
    best_sales, best_mkt = result.best("yours", SALES), result.best("yours", MARKETING)
    sales, mkt = (best_sales.kpi if best_sales else None), (best_mkt.kpi if best_mkt else None)
    pull = result.pull_on_shared("yours", MARKETING)
    ok = sales == "revenue" and mkt == "quality_leads" and pull > 0
    names = {k.id: k.name for k in _start().kpis}

    def name(k, lang):
        return kpi_name(k, lang, given=names.get(k)) if k else "—"
    return ok, {"en": f"With your weights the behaviour lens says: Sales gains most from {name(sales, 'en')}, "
                      f"Marketing from {name(mkt, 'en')}; {i18n.percent(pull, 'en')} of Marketing's pull is on "
                      "shared KPIs.",
                "vi": f"Với trọng số của bạn, lăng kính hành vi cho thấy: Kinh doanh được lợi nhất từ "
                      f"{name(sales, 'vi')}, Marketing từ {name(mkt, 'vi')}; {i18n.percent(pull, 'vi')} động lực "
                      "của Marketing nằm ở KPI chung."}


def _defence(answer) -> str:
    return str(answer.get("defence") or "").strip()


def _shares(answer) -> dict[str, dict[str, float]]:
    """Sales' and Marketing's rows rescaled to 100%, as the panel scores them."""
    out = {}
    for d in (SALES, MARKETING):
        row = _row(answer, d)
        total = sum(v for v in row.values() if v == v)
        out[d] = {k: (v / total if total > 0 and v == v else 0.0) for k, v in row.items()}
    return out


def _quotes_share(figs, share: float) -> bool:
    """A figure that writes ``share`` as a percent (70%, or 70 in '70/20') or as a share (0,7)."""
    for value, percent, half in figs:
        if (percent or value > 1) and abs(value - 100 * share) <= max(half, 0.5) + 0.5:
            return True
        if not percent and value <= 1 and abs(value - share) <= max(half, 0.005) + 0.005:
            return True
    return False


DEPT_WORDS = {SALES: re.compile(r"kinh doanh|\bsales\b|ban hang|\bkd\b|\bsale\b"),
              MARKETING: re.compile(r"marketing|\bmkt\b|tiep thi")}


def quoted_weights(text: str) -> dict[str, list]:
    """The figures a defence gives each department: each figure goes to the department named last before it
    in its sentence (else the next one named); '70/20' is Sales' and Marketing's revenue, as the schemes are named."""
    from .prose import figures, plain

    out: dict[str, list] = {SALES: [], MARKETING: []}
    low = plain(text)
    for a, b in re.findall(r"\b(\d{1,3})\s*/\s*(\d{1,3})\b", low):
        out[SALES].append((float(a), True, 0.5))
        out[MARKETING].append((float(b), True, 0.5))
    low = re.sub(r"\b\d{1,3}\s*/\s*\d{1,3}\b", " ", low)
    for sentence in re.split(r"[.!?;]\s|\n", low):
        names = sorted((m.start(), d) for d, pattern in DEPT_WORDS.items() for m in pattern.finditer(sentence))
        if not names:
            continue
        for m in re.finditer(r"\d[\d.,]*\s*(%|phan tram|percent)?", sentence):
            after = re.match(r"\s*(for|of|at|in|on|to|cho|cua|o|tai|thuoc)\s+(the\s+)?(bo phan\s+|phong\s+|team\s+)?",
                             sentence[m.end():])
            named = [d for pos, d in names if after and pos == m.end() + after.end()]
            before = [d for pos, d in names if pos < m.start()]
            dept = (named or before[-1:] or [next(d for pos, d in names if pos > m.start())])[-1]
            out[dept] += figures(m.group(0))
    return out


def _defence_weights(answer):
    """The defence states the participant's own weights: Sales' revenue weight and one of Marketing's main two."""
    text = _defence(answer)
    if not text:
        return False
    said = quoted_weights(text)
    w = _shares(answer)
    sales = w[SALES].get("revenue", 0.0)
    mkt = [w[MARKETING].get("revenue", 0.0), w[MARKETING].get("quality_leads", 0.0)]
    raw = {d: _row(answer, d) for d in (SALES, MARKETING)}  # as the sliders show them, before rescaling
    sales_ok = any(_quotes_share(said[SALES], v) for v in (sales, raw[SALES].get("revenue", 0.0)))
    mkt_ok = any(_quotes_share(said[MARKETING], v)
                 for v in (*mkt, raw[MARKETING].get("revenue", 0.0), raw[MARKETING].get("quality_leads", 0.0)))
    if sales_ok and mkt_ok:
        return True

    def yours(lang):
        names = {"en": ("Sales' revenue", "Marketing's revenue", "Marketing's quality leads"),
                 "vi": ("doanh thu của Kinh doanh", "doanh thu của Marketing", "lead chất lượng của Marketing")}[lang]
        return ", ".join(f"{n} {i18n.percent(v, lang)}" for n, v in zip(names, [sales, *mkt]))
    return False, {"en": f"(your weights now: {yours('en')})", "vi": f"(trọng số của bạn hiện là: {yours('vi')})"}


@lru_cache(maxsize=256)
def _simulated(key: tuple, sample: str = "") -> dict:
    """What the panel shows for these weights and for the start: scores, ranks, lens and Monte Carlo figures.

    ``sample`` (the company the start is read from) is part of the cache key only."""
    import numpy as np

    from ..simulate import incentives, monte_carlo, what_if

    ws = {d: dict(row) for d, row in key}
    plan = _start()
    schemes = {"yours": ws, **{s.name: s.overrides for s in plan.schemes}}
    scores = what_if(plan, schemes=schemes)
    decimals = {v for row in scores.scores for v in row}
    ranks = set(scores.ranks[scores.schemes.index("yours")])
    percents: set[float] = set()
    lens = incentives(plan, schemes={"yours": ws, "start": {}})
    for scheme in ("yours", "start"):
        for d in scores.departments:
            best = lens.best(scheme, d)
            if best is not None:
                decimals.add(best.gain)
            percents.add(lens.pull_on_shared(scheme, d))
    mc = monte_carlo(plan, schemes={"yours": ws, "start": {}})
    for i, scheme in enumerate(mc.schemes):
        s = mc.scores[:, i, :]
        first = np.bincount(s.argmax(axis=1), minlength=s.shape[1]) / len(s)
        percents.update(float(x) for x in first)
        for j, d in enumerate(mc.departments):
            summary = mc.summary(scheme, d)
            percents.add(summary["p_target"])
            decimals.update(float(x) for x in np.percentile(s[:, j], [10, 90]))
            decimals.add(summary["mean"])
    return {"decimals": decimals, "percents": percents, "ranks": ranks}


RANK_RE = re.compile(r"\b(hang|rank|ranked|ranks|ranking|dung thu|xep thu|thu hang|#)\s*(so\s*|number\s*|no\.?\s*)?(\d)\b")


SIM_WORDS = re.compile(r"diem|score|hang|rank|xac suat|kha nang|co hoi dat|chance|probab|lang kinh|lens|dong luc|pull|"
                       r"mo phong|simulat|monte carlo|phan phoi|nhan duoc|loi|gain|payoff|moi don vi|per unit")


def _defence_numbers(answer):
    """The defence quotes a figure the simulator shows for these weights or the start, besides the weights.

    A figure that is also one of the participant's weights counts only in a clause that speaks of
    the simulator (a score, a rank, a chance, the lens): "Marketing giữ 20%" is a weight, "20% động
    lực nằm ở KPI chung" a lens figure.
    """
    from .prose import figures, plain

    text = _defence(answer)
    if not text:
        return False
    w = _shares(answer)
    if not all(w.values()):
        return False
    sim = _simulated(tuple((d, tuple(sorted(row.items()))) for d, row in w.items()), sample_key())
    own = [v for row in w.values() for v in row.values()]
    for clause in re.split(r"[.;:!?\n]+|,\s(?=\D)", text):
        about_sim = bool(SIM_WORDS.search(plain(clause)))
        for value, percent, half in figures(clause):
            if percent or value > 1:
                weight = any(abs(value - 100 * v) <= half for v in own)
                hit = any(abs(value - 100 * p) <= half + 1.0 for p in sim["percents"])
            else:
                weight = any(abs(value - v) <= half for v in own)
                hit = any(abs(value - d) <= half for d in sim["decimals"])
            if hit and (about_sim or not weight):
                return True
    return any(int(m.group(3)) in sim["ranks"] for m in RANK_RE.finditer(plain(text)))


LINK = (r"\b(chung|cung|ca hai|hai ben|hai bo phan|hop tac|phoi hop|dau vao|dau ra|rang buoc|gan ket|shared?|both|"
        r"together|joint|jointly|cooperat\w*|collaborat\w*|inputs?|feeds?|depends?|pull)\b")


def _defence_cooperation(answer):
    """The defence links the two: revenue, leads, and what binds them (shared, input, both …)."""
    from .prose import plain

    text = plain(_defence(answer))
    return (bool(re.search(r"doanh thu|doanh so|revenue|\bsales\b", text))
            and bool(re.search(r"lead|khach hang tiem nang|prospect", text)) and bool(re.search(LINK, text)))


RUBRIC = Rubric("ex04_weights", (
    Check("revenue-binds-both", 2, _revenue_shared,
          title={"en": "Revenue binds Sales and Marketing", "vi": "Doanh thu ràng buộc cả Kinh doanh và Marketing"}, feedback={
        "en": "Start here: today Sales alone carries revenue, so Marketing has no reason to care whether its leads "
              "ever buy. Give revenue a real weight (at least 10%) in both Sales' and Marketing's rows.",
        "vi": "Bắt đầu từ đây: hiện chỉ Kinh doanh gánh doanh thu nên Marketing không có lý do quan tâm lead của "
              "mình có mua hay không. Hãy cho doanh thu một trọng số thật (ít nhất 10%) ở cả hàng Kinh doanh lẫn Marketing.",
    }),
    Check("rows-sum-to-100", 1, _sums,
          title={"en": "Each department's weights add up to 100%", "vi": "Trọng số của mỗi bộ phận cộng lại bằng 100%"}, feedback={
        "en": "Each department's weights must add up to 100%: use the 'Normalise' button under a row that does not.",
        "vi": "Trọng số của mỗi bộ phận phải cộng lại bằng 100%: bấm nút 'Chuẩn hóa' dưới hàng chưa đủ.",
    }),
    Check("sales-main-weight", 1, _sales_main,
          title={"en": "Revenue is Sales' main weight, not all of it", "vi": "Doanh thu là trọng số chính của Kinh doanh, nhưng không phải tất cả"}, feedback={
        "en": "Revenue should stay Sales' main weight, but not everything (between 50% and 85%, e.g. about 70%): "
              "leave room for new customers and churn.",
        "vi": "Doanh thu vẫn là trọng số chính của Kinh doanh nhưng không phải tất cả (từ 50% đến 85%, ví dụ khoảng "
              "70%): chừa chỗ cho khách hàng mới và tỷ lệ rời bỏ.",
    }),
    Check("marketing-main-weight", 1, _marketing_main,
          title={"en": "Quality leads are Marketing's main weight", "vi": "Lead chất lượng là trọng số chính của Marketing"}, feedback={
        "en": "Marketing's main weight should be quality leads (what Sales needs as input), revenue a smaller share "
              "(10–40%, e.g. about 20%), and website traffic at most 25% — traffic alone rewards busy-work.",
        "vi": "Trọng số chính của Marketing nên là lead chất lượng (đầu vào mà Kinh doanh cần), doanh thu một phần "
              "nhỏ hơn (10–40%, ví dụ khoảng 20%), còn lượt truy cập tối đa 25% — chỉ chạy theo lượt truy cập là "
              "thưởng cho sự bận rộn.",
    }),
    Check("behaviour-lens", 2, _behaviour,
          title={"en": "The behaviour lens shows cooperation", "vi": "Lăng kính hành vi cho thấy hai bộ phận hợp tác"}, feedback={
        "en": "Look at the simulator's behaviour lens: with good weights, Sales' best use of effort is revenue and "
              "Marketing's is quality leads, while Marketing still gains from revenue.",
        "vi": "Xem lăng kính hành vi của bộ mô phỏng: với trọng số tốt, nỗ lực đáng giá nhất của Kinh doanh là doanh "
              "thu, của Marketing là lead chất lượng, và Marketing vẫn được lợi khi doanh thu tăng.",
    }),
    Check("defence-names-your-weights", 1, _defence_weights,
          title={"en": "The defence states your weights", "vi": "Phần bảo vệ nêu đúng trọng số của bạn"}, feedback={
        "en": "Defend your weights in the box under the chart, naming them as they are now: Sales' revenue weight "
              "and Marketing's revenue or quality-lead weight (e.g. 'Sales keeps 70% on revenue').",
        "vi": "Hãy bảo vệ lựa chọn trong ô bên dưới biểu đồ, nêu đúng trọng số hiện tại của bạn: trọng số doanh thu "
              "của Kinh doanh và trọng số doanh thu hoặc lead chất lượng của Marketing (ví dụ 'Kinh doanh giữ 70% "
              "cho doanh thu').",
    }),
    Check("defence-uses-simulator", 1, _defence_numbers,
          title={"en": "The defence quotes the simulator", "vi": "Phần bảo vệ dẫn số liệu của bộ mô phỏng"}, feedback={
        "en": "Quote the simulator on your weights, besides the weights themselves: a department's score or rank, a "
              "chance of reaching target, or a behaviour-lens figure — and compare it with the silo start.",
        "vi": "Hãy dẫn số liệu của bộ mô phỏng với trọng số của bạn, ngoài chính các trọng số: điểm hoặc thứ hạng "
              "của một bộ phận, xác suất đạt mục tiêu, hoặc một con số của lăng kính hành vi — và so với phương án "
              "ban đầu mỗi bộ phận một việc.",
    }),
    Check("defence-explains-cooperation", 1, _defence_cooperation,
          title={"en": "The defence explains how the two cooperate", "vi": "Phần bảo vệ giải thích cách hai bộ phận hợp tác"}, feedback={
        "en": "Explain the link: Marketing's leads are Sales' input, and a shared revenue KPI makes both care about "
              "the same result (say how revenue and leads bind the two).",
        "vi": "Giải thích mối nối: lead của Marketing là đầu vào của Kinh doanh, và KPI doanh thu chung khiến cả hai "
              "cùng quan tâm đến một kết quả (nói doanh thu và lead ràng buộc hai bộ phận thế nào).",
    }),
))
