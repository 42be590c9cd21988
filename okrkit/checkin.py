"""Weekly check-ins: Plan / Progress / Problems, confidence, forecast and calibration.

Each week, the owner of a key result writes its current value, a confidence
from 0 (no chance) to 10 (certain) and three short texts: the **Plan** for the
week, the **Progress** since last week and the **Problems** in the way (PPP).
From those rows this module draws the progress curve of every KR, forecasts
its end-of-quarter score from the recent trend, flags the KRs that are off
track (forecast below 0.7 for an aspirational objective, below 1.0 for a
committed one) and, once the quarter is over, measures how well the
confidence predicted the result (calibration).

Examples
--------
>>> import okrkit as ok
>>> log = ok.sample_checkins()
>>> f = ok.forecast(log, as_of="2026-02-20")
>>> sorted(f.columns[:3])
['kr', 'kr_id', 'objective_id']
>>> bool(f["off_track"].any())
True
"""

from __future__ import annotations

import html
import math
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from . import i18n
from .errors import InputError
from .model import OKRSet
from .scoring import EXPECTED, kind_of, raw_progress
from .tables import Column, Problems, Schema, read_frame

CHECKINS = Schema("checkins", (
    Column("kr_id", "id", en="key result id, as in the OKR file", vi="mã kết quả then chốt (như trong file OKR)",
           example="M1.KR1", headers=("kr", "mã kr", "key_result")),
    Column("week", "text", en="day of the check-in (2026-02-06 or 06/02/2026) or ISO week (2026-W06)",
           vi="ngày check-in (2026-02-06 hoặc 06/02/2026) hoặc tuần ISO (2026-W06)", example="2026-02-06",
           headers=("date", "ngày", "tuần")),
    Column("value", "number", en="current value of the key result", vi="giá trị hiện tại của KR", example="3.300",
           headers=("current", "giá trị", "hiện tại")),
    Column("confidence", "number", en="confidence 0 (no chance) to 10 (certain)",
           vi="độ tự tin từ 0 (không thể) đến 10 (chắc chắn)", example=7, min=0, max=10,
           headers=("độ tự tin", "tự tin")),
    Column("plan", "text", required=False, en="Plan: what will be done this week", vi="Kế hoạch tuần này",
           example="Chạy 2 chiến dịch quảng cáo Facebook", headers=("kế hoạch",)),
    Column("progress", "text", required=False, en="Progress: what was done since last week",
           vi="Tiến độ: đã làm được gì từ tuần trước", example="Thêm 180 lead chất lượng, chi phí 240.000đ/lead",
           headers=("tiến độ", "tiến triển")),
    Column("problems", "text", required=False, en="Problems: what is in the way", vi="Vấn đề: điều gì đang cản trở",
           example="Landing page chậm trên di động", headers=("vấn đề", "vướng mắc", "problem")),
    Column("objective_id", "id", required=False, en="objective id (information only)", vi="mã mục tiêu (tham khảo)",
           example="M1", headers=("objective", "mục tiêu")),
), key=("kr_id", "week"), en="one row per key result per week", vi="mỗi dòng một KR một tuần",
    sheet_names=("check-in", "checkin", "check_ins"))


@dataclass(frozen=True, eq=False)
class CheckinLog:
    """Check-ins of a quarter, joined to the OKRs they report on.

    ``frame`` columns: ``objective_id``, ``kr_id``, ``date``, ``value``,
    ``confidence``, ``plan``, ``progress``, ``problems``; sorted by KR and date.
    """

    frame: Any
    okrs: OKRSet
    start: date
    end: date
    source: str | None = None
    table: Any = None

    def __len__(self) -> int:
        return len(self.frame)

    def __repr__(self) -> str:
        return (f"CheckinLog({len(self.frame)} check-ins, {self.frame['kr_id'].nunique()} key results, "
                f"{self.start}..{self.end})")


def quarter_of(okrs: OKRSet, dates=()) -> tuple[date, date]:
    """The first and last day of the OKR set's period (``2026-Q1``), else of the check-in dates' quarter."""
    from .sales import Period

    if okrs.period:
        try:
            p = Period.parse(okrs.period)
            return p.start, p.end
        except InputError:
            pass
    d = min(dates) if len(dates) else date.today()
    p = Period.quarter(d.year, (d.month - 1) // 3 + 1)
    return p.start, p.end


_ISO_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)


def _week_day(text: str) -> date | None:
    m = _ISO_WEEK.fullmatch(text.strip())
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 5)   # the week's Friday
        except ValueError:
            return None
    return None


def load_checkins(path: str | os.PathLike, okrs: OKRSet | str | os.PathLike | None = None, *,
                  sheet: str | None = None) -> CheckinLog:
    """Read a check-in table (CSV/XLSX) and check it whole against the OKRs.

    A KR id the OKR file does not have, a confidence outside 0–10, a week that
    is not a date, two rows for one KR in one week: every problem is raised at
    once as a :class:`~okrkit.errors.ProblemList`.  ``okrs`` defaults to the
    sample company.
    """
    import numpy as np
    import pandas as pd

    from .tables import parse_dates

    okrs = _okrs(okrs)
    problems = Problems()
    t = read_frame(path, CHECKINS, sheet=sheet, problems=problems)
    if t is None:
        problems.raise_if_any()
    df = t.all_rows.copy()      # every row: a row with a bad value may also have a bad week or KR id
    good = df.index.isin(t.frame.index)
    days = np.full(len(df), np.datetime64("NaT"), dtype="datetime64[D]")
    texts = df["week"].to_numpy(dtype=object)
    iso = np.array([_week_day(x) if isinstance(x, str) else None for x in texts], dtype=object)
    has_iso = np.array([d is not None for d in iso])
    if has_iso.any():
        days[has_iso] = np.array([np.datetime64(d) for d in iso[has_iso]])
    rest = ~has_iso & np.array([x is not None for x in texts])
    parsed, bad = parse_dates(texts[rest])
    days[rest] = parsed
    bad_rows = np.zeros(len(df), dtype=bool)
    bad_rows[np.flatnonzero(rest)[bad]] = True
    for row, value in zip(df.index[bad_rows], texts[bad_rows]):
        problems.add(t.problem({"en": f"'{value}' is not a day or a week", "vi": f"'{value}' không phải ngày hay tuần"},
                               row=int(row), column="week",
                               hint={"en": "write the day of the check-in (2026-02-06 or 06/02/2026) or the ISO week (2026-W06)",
                                     "vi": "ghi ngày check-in (06/02/2026 hoặc 2026-02-06) hoặc tuần ISO (2026-W06)"}),
                     group=(t.sheet, "week", "date"))
    known = {kr.id: obj for obj, kr in okrs.key_results()}
    unknown = ~df["kr_id"].isin(list(known)).to_numpy() & df["kr_id"].notna().to_numpy()
    for row, value in zip(df.index[unknown], df["kr_id"][unknown]):
        close = [k for k in known if k.lower() == str(value).lower()]
        example = next(iter(known), "O1.KR1")
        src = okrs.source or "the OKR file"
        hint = ({"en": f"did you mean '{close[0]}'?", "vi": f"có phải là '{close[0]}'?"} if close else
                {"en": f"use a key result id from {src} (e.g. {example})",
                 "vi": f"dùng mã kết quả then chốt có trong {okrs.source or 'file OKR'} (ví dụ {example})"})
        problems.add(t.problem({"en": f"unknown key result '{value}'", "vi": f"không có kết quả then chốt '{value}'"},
                               row=int(row), column="kr_id", hint=hint), group=(t.sheet, "kr_id", "unknown"))
    df["date"] = pd.to_datetime(days)
    ok = ~bad_rows & ~unknown & good
    df = df.loc[ok]
    dup = df.duplicated(["kr_id", "date"], keep="first")
    for row, kr_id, d in zip(df.index[dup], df["kr_id"][dup], df["date"][dup]):
        problems.add(t.problem({"en": f"a second check-in for {kr_id} on {d.date()}",
                                "vi": f"check-in thứ hai của {kr_id} ngày {d.strftime('%d/%m/%Y')}"}, row=int(row),
                               column="week", hint={"en": "keep one check-in per key result per week",
                                                    "vi": "mỗi kết quả then chốt chỉ một check-in mỗi tuần"}),
                     group=(t.sheet, "week", "duplicate"))
    problems.raise_if_any()
    return _log(df, okrs, source=str(path), table=t)


def _text(x) -> str | None:
    """Text of a cell, ``None`` when empty or missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    s = str(x).strip()
    return s or None


def _okrs(okrs) -> OKRSet:
    if okrs is None:
        from . import sample_company

        return sample_company()
    if isinstance(okrs, OKRSet):
        return okrs
    from .files import load_okrs

    return load_okrs(okrs)


def _log(df, okrs: OKRSet, *, source=None, table=None) -> CheckinLog:
    obj_of = {kr.id: obj.id for obj, kr in okrs.key_results()}
    df = df.assign(objective_id=df["kr_id"].map(obj_of))
    df = df[["objective_id", "kr_id", "date", "value", "confidence", "plan", "progress", "problems"]]
    df = df.sort_values(["kr_id", "date"], kind="stable")
    start, end = quarter_of(okrs, [d.date() for d in df["date"]])
    return CheckinLog(df, okrs, start, end, source, table)


def checkins_from_frame(df, okrs: OKRSet | None = None) -> CheckinLog:
    """A :class:`CheckinLog` from a DataFrame with the check-in columns (no file)."""
    import pandas as pd

    okrs = _okrs(okrs)
    df = df.copy()
    if "date" not in df:
        df["date"] = df["week"]
    df["date"] = pd.to_datetime(df["date"])
    for c in ("plan", "progress", "problems"):
        if c not in df:
            df[c] = None
    return _log(df, okrs)


def sample_checkins(sample: str | None = None) -> CheckinLog:
    """A sample company's 13 weekly check-ins for 2026-Q1 (``okrkit/data/sales/checkins.csv``; ``sample`` as for
    :func:`okrkit.sample_company`)."""
    from . import sample_company, sample_path

    return load_checkins(sample_path("sales/checkins.csv", sample), sample_company(sample))


# ---------------------------------------------------------------- curve and forecast

def _kr_table(okrs: OKRSet):
    import pandas as pd

    rows = []
    for obj, kr in okrs.key_results():
        rows.append({"objective_id": obj.id, "kr_id": kr.id, "kr": kr.text, "owner": obj.owner, "type": obj.type,
                     "kind": kind_of(kr), "baseline": kr.baseline, "target": kr.target,
                     "expected": EXPECTED.get(obj.type, 1.0)})
    return pd.DataFrame(rows).set_index("kr_id", drop=False)


def _progress(values, kinds, baselines, targets):
    import numpy as np

    out = np.full(len(values), np.nan)
    for i, (v, k, b, t) in enumerate(zip(values, kinds, baselines, targets)):
        b = None if b is None or (isinstance(b, float) and math.isnan(b)) else b
        t = None if t is None or (isinstance(t, float) and math.isnan(t)) else t
        v = None if v is None or (isinstance(v, float) and math.isnan(v)) else v
        r = raw_progress(k, baseline=b, target=t, current=v)
        out[i] = np.nan if r is None else max(0.0, r)
    return out


def progress_curve(log: CheckinLog):
    """Tidy table of every check-in with its progress (0 = baseline, 1 = target) and week of the quarter."""
    import numpy as np

    krs = _kr_table(log.okrs)
    df = log.frame.copy()
    info = krs.loc[df["kr_id"]]
    df["progress_score"] = _progress(df["value"].to_numpy(), info["kind"].to_numpy(), info["baseline"].to_numpy(),
                                     info["target"].to_numpy())
    days = (df["date"] - np.datetime64(log.start)).dt.days.to_numpy()
    df["week_no"] = days // 7 + 1
    df["type"] = info["type"].to_numpy()
    return df.reset_index(drop=True)


def forecast(log: CheckinLog, *, as_of: Any = None, window: int = 6):
    """End-of-quarter forecast of every key result from its recent trend, with off-track flags.

    Progress at the latest check-in on or before ``as_of`` (default: the last)
    plus the least-squares slope of the last ``window`` check-ins times the days
    left.  Milestones and stay-above/below KRs keep their latest status.
    ``off_track`` is forecast < 0.7 for aspirational objectives, < 1.0 for
    committed ones.  KRs without check-ins are listed with ``checkins = 0``.
    """
    import numpy as np
    import pandas as pd

    from .tables import parse_dates

    cutoff = log.frame["date"].max().date() if len(log.frame) else log.end
    if as_of is not None:
        if isinstance(as_of, date):
            cutoff = as_of
        else:
            d, bad = parse_dates(np.array([as_of], dtype=object))
            if bad[0] or np.isnat(d[0]):
                raise InputError(f"'{as_of}' is not a date", where="as_of", hint="write 2026-02-20 or 20/02/2026")
            cutoff = d[0].astype(object)
    curve = progress_curve(log)
    curve = curve.loc[curve["date"] <= pd.Timestamp(cutoff)]
    krs = _kr_table(log.okrs)
    end_day = pd.Timestamp(log.end)
    # split once by KR (not one boolean mask over the whole log per KR)
    scored = {k: g for k, g in curve.loc[curve["progress_score"].notna()].groupby("kr_id", sort=False)}
    counts = curve["kr_id"].value_counts()
    upto = log.frame.loc[log.frame["date"] <= pd.Timestamp(cutoff)]
    latest_of = {k: g.iloc[-1] for k, g in upto.groupby("kr_id", sort=False)}
    rows = []
    for kr_id, info in krs.iterrows():
        g = scored.get(kr_id)
        base = {"objective_id": info["objective_id"], "kr_id": kr_id, "kr": info["kr"], "owner": info["owner"],
                "type": info["type"], "kind": info["kind"], "expected": info["expected"]}
        if g is None or g.empty:
            rows.append({**base, "checkins": int(counts.get(kr_id, 0)), "last_check_in": pd.NaT,
                         "value": np.nan, "progress_now": np.nan, "trend_per_week": np.nan, "forecast": np.nan,
                         "off_track": None, "confidence": np.nan, "problems": None})
            continue
        last = g.iloc[-1]
        now = float(last["progress_score"])
        tail = g.tail(window)
        slope = 0.0
        if info["kind"] in ("increase", "decrease") and len(tail) >= 2:
            x = (tail["date"] - tail["date"].iloc[0]).dt.days.to_numpy(dtype=float)
            y = tail["progress_score"].to_numpy(dtype=float)
            if x[-1] > 0:
                slope = float(np.polyfit(x, y, 1)[0])
        left = max(0, (end_day - last["date"]).days)
        fc = max(0.0, now + slope * left)
        latest = latest_of[kr_id]
        rows.append({**base, "checkins": len(g), "last_check_in": last["date"], "value": last["value"],
                     "progress_now": now, "trend_per_week": slope * 7, "forecast": fc,
                     "off_track": bool(fc < info["expected"] - 1e-9), "confidence": latest["confidence"],
                     "problems": _text(latest["problems"])})
    out = pd.DataFrame(rows)
    out.attrs.update(as_of=str(cutoff), end=str(log.end))
    return out


# ---------------------------------------------------------------- calibration

@dataclass(frozen=True, eq=False)
class Calibration:
    """How well weekly confidence predicted the final result.

    ``by_kr``: per KR the mean confidence (0–1), the final score, whether it
    met its expectation (1.0 committed, 0.7 aspirational) and its Brier score;
    ``bins``: per confidence band the number of check-ins, the mean predicted
    chance and the share that met; ``brier``: mean squared gap between
    confidence ÷ 10 and the outcome (0 is perfect, 0.25 is a coin toss).
    """

    by_kr: Any
    bins: Any
    brier: float | None
    overconfident: float | None

    def lines(self, lang: str | None = None) -> list[str]:
        lang = i18n.get_lang(lang)
        if self.brier is None:
            return [i18n.t("checkin.calib.none", lang)]
        out = [i18n.t("checkin.calib.brier", lang, brier=i18n.number(self.brier, lang, decimals=2))]
        if self.overconfident is not None:
            key = "checkin.calib.over" if self.overconfident > 0.05 else (
                "checkin.calib.under" if self.overconfident < -0.05 else "checkin.calib.fair")
            out.append(i18n.t(key, lang, gap=i18n.percent(abs(self.overconfident), lang)))
        return out

    def to_dict(self) -> dict:
        return {"brier": self.brier, "overconfident": self.overconfident,
                "by_kr": self.by_kr.to_dict(orient="records"), "bins": self.bins.to_dict(orient="records")}

    def __repr__(self) -> str:
        return "\n".join(["Calibration", *self.lines("en")])

    def _repr_html_(self) -> str:
        return "<br>".join(html.escape(x) for x in self.lines())


def calibration(log: CheckinLog, *, final: dict | None = None) -> Calibration:
    """After the quarter: compare every check-in's confidence with whether its KR met expectation.

    ``final`` maps KR id → final value; by default the last check-in's value,
    else the OKR file's ``current``.
    """
    import pandas as pd

    krs = _kr_table(log.okrs)
    current = {kr.id: kr.current for _, kr in log.okrs.key_results()}
    last = log.frame.groupby("kr_id")["value"].last().to_dict()
    finals = {k: (final or {}).get(k, last.get(k, current.get(k))) for k in krs.index}
    fin = pd.Series(finals, dtype="float64")
    score = pd.Series(_progress(fin.to_numpy(), krs.loc[fin.index, "kind"].to_numpy(),
                                krs.loc[fin.index, "baseline"].to_numpy(), krs.loc[fin.index, "target"].to_numpy()),
                      index=fin.index)
    met = score >= krs.loc[score.index, "expected"] - 1e-9
    df = log.frame.loc[log.frame["confidence"].notna() & log.frame["kr_id"].map(score).notna()].copy()
    if df.empty:
        empty = pd.DataFrame(columns=["kr_id", "mean_confidence", "final_score", "met", "brier"])
        return Calibration(empty, pd.DataFrame(columns=["band", "checkins", "predicted", "met_share"]), None, None)
    df["p"] = df["confidence"] / 10.0
    df["met"] = df["kr_id"].map(met).astype(float)
    df["sq"] = (df["p"] - df["met"]) ** 2
    by = df.groupby("kr_id", sort=False).agg(mean_confidence=("p", "mean"), brier=("sq", "mean"), checkins=("p", "size"))
    by["final_score"] = score.reindex(by.index)
    by["met"] = met.reindex(by.index).astype(bool)
    by = by.reset_index()[["kr_id", "checkins", "mean_confidence", "final_score", "met", "brier"]]
    by.insert(0, "objective_id", by["kr_id"].map(krs["objective_id"]))
    bands = pd.cut(df["confidence"], bins=[-0.01, 3.5, 6.5, 10.0], labels=["0–3", "4–6", "7–10"])
    bins = df.groupby(bands, observed=False).agg(checkins=("p", "size"), predicted=("p", "mean"),
                                                 met_share=("met", "mean")).reset_index()
    bins = bins.rename(columns={"confidence": "band"})
    bins["band"] = bins["band"].astype(str)
    brier = float(df["sq"].mean())
    over = float(df["p"].mean() - df["met"].mean())
    return Calibration(by, bins, brier, over)


# ---------------------------------------------------------------- summary

@dataclass(frozen=True, eq=False)
class CheckinSummary:
    """Check-ins at a glance: forecast with off-track flags, the curve, and calibration."""

    forecast: Any
    curve: Any
    calibration: Calibration | None
    as_of: str
    lang: str = "en"

    def off_track(self):
        return self.forecast.loc[self.forecast["off_track"].fillna(False).astype(bool)]

    def tables(self) -> dict:
        out = {"checkin_forecast": self.forecast, "checkin_curve": self.curve}
        if self.calibration is not None:
            out["calibration_by_kr"] = self.calibration.by_kr
            out["calibration_bins"] = self.calibration.bins
        return out

    def lines(self, lang: str | None = None, *, max_lines: int = 10) -> list[str]:
        """Summary lines: the off-track KRs furthest below expectation first (at most ``max_lines``)."""
        lang = i18n.get_lang(lang or self.lang)
        f = self.forecast
        scored = f["forecast"].notna()
        off = self.off_track()
        out = [i18n.t("checkin.head", lang, as_of=_as_of(self.as_of, lang)),
               i18n.t("checkin.count", lang, krs=int(scored.sum()), off=len(off))]
        worst = off.assign(_gap=off["forecast"] - off["expected"]).sort_values("_gap", kind="stable")
        for r in worst.head(max_lines).itertuples():
            out.append(i18n.t("checkin.off", lang, kr=r.kr_id, text=r.kr, forecast=i18n.number(r.forecast, lang, decimals=2),
                              expected=i18n.number(r.expected, lang, decimals=1), problems=_text(r.problems) or "—"))
        if len(off) > max_lines:
            out.append(i18n.t("checkin.more", lang, n=len(off) - max_lines))
        if self.calibration is not None:
            out += self.calibration.lines(lang)
        return out

    def to_dict(self) -> dict:
        f = self.forecast
        return {"as_of": self.as_of, "key_results": int(f["forecast"].notna().sum()),
                "off_track": [str(k) for k in self.off_track()["kr_id"]],
                "calibration": None if self.calibration is None else
                {"brier": self.calibration.brier, "overconfident": self.calibration.overconfident}}

    def __repr__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        lines = self.lines()
        return (f"<div class='okrkit-checkins'><b>{html.escape(lines[0])}</b><ul>"
                + "".join(f"<li>{html.escape(x)}</li>" for x in lines[1:]) + "</ul></div>")


def summarize(log: CheckinLog, *, as_of: Any = None, final: dict | None = None, lang: str | None = None) -> CheckinSummary:
    """Forecast as of ``as_of`` (default: the last check-in) and, when the quarter is over, calibration."""
    import pandas as pd

    f = forecast(log, as_of=as_of)
    last = log.frame["date"].max()
    over = not pd.isna(last) and last.date() >= log.end - timedelta(days=7)
    cal = calibration(log, final=final) if (final is not None or over) else None
    return CheckinSummary(f, progress_curve(log), cal, f.attrs["as_of"], lang=i18n.get_lang(lang))


i18n.register({
    "checkin.head": {"en": "Check-ins as of {as_of}", "vi": "Check-in tính đến {as_of}"},
    "checkin.count": {"en": "{krs} key results forecast; {off} off track",
                      "vi": "Dự báo {krs} kết quả then chốt; {off} KR chệch hướng"},
    "checkin.off": {"en": "{kr} ({text}): forecast {forecast} < {expected} — problems: {problems}",
                    "vi": "{kr} ({text}): dự báo {forecast} < {expected} — vấn đề: {problems}"},
    "checkin.more": {"en": "… and {n} more off-track key results (see the forecast table)",
                     "vi": "… và {n} KR chệch hướng khác (xem bảng dự báo)"},
    "checkin.calib.none": {"en": "No calibration yet (no final results)", "vi": "Chưa có hiệu chỉnh (chưa có kết quả cuối kỳ)"},
    "checkin.calib.brier": {"en": "Calibration: Brier score {brier} (0 is perfect, 0.25 a coin toss)",
                            "vi": "Hiệu chỉnh độ tự tin: điểm Brier {brier} (0 là hoàn hảo, 0,25 như tung đồng xu)"},
    "checkin.calib.over": {"en": "Confidence ran {gap} above the results: the team was over-confident",
                           "vi": "Độ tự tin cao hơn kết quả {gap}: đội đã quá tự tin"},
    "checkin.calib.under": {"en": "Confidence ran {gap} below the results: the team was cautious",
                            "vi": "Độ tự tin thấp hơn kết quả {gap}: đội đã thận trọng"},
    "checkin.calib.fair": {"en": "Confidence matched the results within {gap}",
                           "vi": "Độ tự tin khớp với kết quả (chênh {gap})"},
})



def _as_of(value, lang: str) -> str:
    """The check-in's date or week as the language writes it (``2026-W08`` → ``Tuần 8/2026``)."""
    text = str(value)
    if len(text) >= 10 and text[4] == "-" and text[7] == "-":
        try:
            return i18n.date(text, lang)
        except ValueError:
            return text
    return i18n.period(text, lang)
