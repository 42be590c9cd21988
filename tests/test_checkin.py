"""Tests for okrkit.checkin: weekly PPP check-ins, forecast, off-track flags and calibration."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import okrkit as ok
from okrkit.checkin import checkins_from_frame, load_checkins, summarize
from okrkit.errors import ProblemList
from okrkit.model import KeyResult, Objective, OKRSet

OKRS = OKRSet((
    Objective("O1", "Bán nhiều hơn", type="committed", key_results=(
        KeyResult("O1.KR1", "Doanh thu 1 tỷ", kind="increase", baseline=0, target=1e9),
        KeyResult("O1.KR2", "Ra mắt app", kind="milestone"),
    )),
    Objective("O2", "Thương hiệu", type="aspirational", key_results=(
        KeyResult("O2.KR1", "100 bài viết", kind="increase", baseline=0, target=100),
    )),
), period="2026-Q1", organization="Test")


def frame(rows):
    return pd.DataFrame(rows, columns=["kr_id", "date", "value", "confidence", "plan", "progress", "problems"])


def test_sample_checkins_load():
    """The sample's 13 weeks load whole; every KR id is one of the sample company's."""
    log = ok.sample_checkins()
    assert log.start.isoformat() == "2026-01-01" and log.end.isoformat() == "2026-03-31"
    assert log.frame.groupby("kr_id").size().max() == 13
    assert log.table.rows_in == log.table.rows_used == len(log)


def test_forecast_from_trend_and_off_track_flags():
    """A straight trend is extrapolated to the quarter's end; off-track uses 1.0 committed, 0.7 aspirational."""
    days = pd.date_range("2026-01-02", periods=8, freq="7D")
    rows = [("O1.KR1", d, 1e9 * 0.06 * i, 6, "", "", "") for i, d in enumerate(days, start=1)]
    rows += [("O2.KR1", d, 7.0 * i, 8, "", "", "Thiếu người") for i, d in enumerate(days, start=1)]
    log = checkins_from_frame(frame(rows), OKRS)
    f = ok.forecast(log).set_index("kr_id")
    left_weeks = (pd.Timestamp("2026-03-31") - days[-1]).days / 7
    assert math.isclose(f.loc["O1.KR1", "trend_per_week"], 0.06, rel_tol=1e-6)
    assert math.isclose(f.loc["O1.KR1", "forecast"], 0.48 + 0.06 * left_weeks, rel_tol=1e-6)
    assert bool(f.loc["O1.KR1", "off_track"])                 # committed: ~0.84 < 1.0
    assert not bool(f.loc["O2.KR1", "off_track"])             # aspirational: ~0.98 ≥ 0.7
    assert f.loc["O1.KR2", "checkins"] == 0 and pd.isna(f.loc["O1.KR2", "forecast"])
    # as_of cuts the log: after 3 weeks the aspirational KR is forecast on its early pace
    early = ok.forecast(log, as_of="2026-01-16").set_index("kr_id")
    assert early.loc["O2.KR1", "value"] == 21.0
    assert f.loc["O2.KR1", "problems"] == "Thiếu người"


def test_calibration_scores_confidence_against_results():
    """Confident and right gives a low Brier score; confident and wrong a high one."""
    days = pd.date_range("2026-01-02", periods=13, freq="7D")
    rows = [("O1.KR1", d, 1e9 * i / 13, 9, "", "", "") for i, d in enumerate(days, start=1)]     # met, confident
    rows += [("O2.KR1", d, 2.0 * i, 9, "", "", "") for i, d in enumerate(days, start=1)]          # missed, confident
    log = checkins_from_frame(frame(rows), OKRS)
    cal = ok.calibration(log)
    by = cal.by_kr.set_index("kr_id")
    assert bool(by.loc["O1.KR1", "met"]) and not bool(by.loc["O2.KR1", "met"])
    assert math.isclose(by.loc["O1.KR1", "brier"], 0.01) and math.isclose(by.loc["O2.KR1", "brier"], 0.81)
    assert math.isclose(cal.brier, 0.41)
    assert cal.overconfident > 0 and "over-confident" in cal.lines("en")[1]
    assert "Brier" in cal.lines("vi")[0]
    s = summarize(log, lang="vi")
    assert s.calibration is not None and "checkin_forecast" in s.tables()


def test_bad_checkin_file_lists_every_problem(tmp_path):
    """Unknown KR, confidence out of 0–10, a bad week, text as a value and a duplicate week are all listed."""
    p = tmp_path / "checkins.csv"
    p.write_text("kr_id,week,value,confidence,plan,progress,problems\n"
                 "C1.KR1,2026-01-09,\"9,1 tỷ\",7,a,b,\n"
                 "C9.KR9,2026-01-09,5,7,a,b,\n"
                 "C1.KR2,2026-01-09,10,12,a,b,\n"
                 "C1.KR2,tuần sau,10,5,a,b,\n"
                 "C1.KR3,2026-W02,nhiều,5,a,b,\n"
                 "C1.KR1,09/01/2026,9100000000,7,a,b,\n", encoding="utf-8")
    with pytest.raises(ProblemList) as err:
        load_checkins(p)
    lines = err.value.lines()
    assert len(lines) == 5
    assert any(f"{p}: row 3, column kr_id: unknown key result 'C9.KR9'" in x for x in lines)
    assert any("row 4, column confidence: 12 is above 10" in x for x in lines)
    assert any("row 5, column week: 'tuần sau' is not a day or a week" in x for x in lines)
    assert any("row 6, column value: 'nhiều' is not a number" in x for x in lines)
    assert any("row 7, column week: a second check-in for C1.KR1 on 2026-01-09" in x for x in lines)


def test_progress_curve_weeks():
    """The curve numbers weeks of the quarter from 1 and scores progress from baseline to target."""
    log = ok.sample_checkins()
    c = ok.progress_curve(log)
    assert c["week_no"].min() == 1 and c["week_no"].max() == 13
    kr = c[c["kr_id"] == "C1.KR1"].iloc[-1]
    assert math.isclose(kr["progress_score"], (10.2e9 - 9e9) / (12e9 - 9e9))
