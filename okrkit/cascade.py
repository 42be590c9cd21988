"""Cascade a shared goal into department KPIs: funnel, weight matrix, allocation.

A company goal (quarterly revenue) runs backwards through the sales funnel —
revenue → deals → opportunities → leads → traffic, plus sales headcount — and
every derived number can explain itself.  Departments share KPIs with
different weights (revenue weighs 0.7 for Sales, 0.2 for Marketing, whose main
weight is quality leads), and a department's score is Σ weight × KPI score.

Examples
--------
>>> import okrkit as ok
>>> plan = ok.sample_cascade()
>>> plan.funnel()["leads"].value
4000
>>> print(plan.funnel()["leads"].explain("en"))
Leads = 4,000 leads (owner: Marketing - PR - Partners): ⌈opportunities ÷ lead-to-opportunity rate⌉ = ⌈2,400 ÷ 60%⌉ — counts are rounded up (leads come whole, never as 0.4).
>>> plan.weights().row("Kinh doanh")["revenue"], plan.weights().row("Marketing - PR - Đối tác")["revenue"]
(0.7, 0.2)
>>> ok.allocate(100, shares={"Hà Nội": 1, "TP.HCM": 1, "Đà Nẵng": 1}).values()
{'Hà Nội': 34, 'TP.HCM': 33, 'Đà Nẵng': 33}
"""

from __future__ import annotations

import dataclasses
import html
import math
import numbers
import os
import re
import sys
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import i18n
from .errors import InputError, RateError, WeightError
from .model import KPI, Department
from .payout import PayoutCurve
from .scoring import CLAMPED, ScoringPolicy, band, get_policy, raw_progress

TOL = 1e-6
TOP_FIELDS = ("organization", "period", "goal", "funnel", "kpis", "departments", "normalize",
              "scoring", "schemes", "payout", "simulation")
GOAL_FIELDS = ("id", "name", "value", "unit", "owner")
FUNNEL_FIELDS = ("rates", "amounts", "stages")
STAGE_FIELDS = ("id", "name", "from", "divide_by", "multiply_by", "unit", "owner", "round")
KPI_FIELDS = ("id", "name", "unit", "target", "target_from", "actual", "baseline", "direction",
              "owner", "stage")
DEPT_FIELDS = ("name", "weights")
PAYOUT_FIELDS = ("threshold", "target", "excellence", "threshold_payout", "target_payout",
                 "excellence_payout", "cap", "cliff")
SIM_FIELDS = ("draws", "seed", "distributions", "correlations", "effort")
DIST_FIELDS = ("dist", "mean", "sd", "low", "mode", "high")
DISTS = ("normal", "uniform", "triangular")
DIRECTIONS = ("increase", "decrease")


# ---------------------------------------------------------------- numbers in words

def fmt_number(x: float | None, lang: str | None = None) -> str:
    """A number as a learner reads it: ``4,000`` (en) or ``4.000`` (vi)."""
    if x is None:
        return "—"
    if float(x).is_integer():
        return i18n.number(x, lang, decimals=0)
    return i18n.number(x, lang, max_decimals=2)


def fmt_value(x: float, *, rate: bool = False, lang: str | None = None) -> str:
    if rate:
        pct = x * 100
        return fmt_number(round(pct, 4), lang) + "%"
    return fmt_number(x, lang)


def _ceil(x: float) -> int:
    """Round a count up, forgiving float noise (2400 ÷ 0.6 is 4000, not 4001)."""
    return math.ceil(x - 1e-9 * max(1.0, abs(x)))


# ---------------------------------------------------------------- derived targets

@dataclass(frozen=True)
class Target:
    """One number derived from the goal, able to say why it is what it is.

    ``formula`` is the rule in symbols (``leads = ⌈opportunities ÷ lead_to_opportunity⌉``),
    ``inputs`` the values it used; :meth:`explain` says it in words (en or vi).
    """

    id: str
    name: str
    value: float
    unit: str | None
    owner: str | None
    formula: str
    inputs: dict = field(default_factory=dict, hash=False)
    exact: float | None = None
    rounded: bool = False
    source: str | None = None          # the stage this one is derived from
    divide_by: tuple[str, ...] = ()
    multiply_by: tuple[str, ...] = ()
    rates: tuple[str, ...] = ()        # which inputs are rates (shown as %)
    label: dict = field(default_factory=dict, hash=False, compare=False)   # {lang: name}
    labels: dict = field(default_factory=dict, hash=False, compare=False)  # input id -> {lang: name}

    def title(self, lang: str | None = None) -> str:
        lang = i18n.get_lang(lang)
        return self.label.get(lang) or self.name

    def explain(self, lang: str | None = None) -> str:
        """Why this number: formula with names and values, in ``lang`` (en or vi)."""
        from .glossary import department_name, unit_name

        lang = i18n.get_lang(lang)
        money = (self.unit or "").upper() in ("VND", "ĐỒNG", "VNĐ") and abs(self.value) >= 1_000_000
        head = i18n.t("cascade.explain.head", lang, name=self.title(lang),
                      value=i18n.amount(self.value, lang, unit=self.unit) if money else fmt_number(self.value, lang),
                      unit="" if money else unit_name(self.unit, lang),
                      owner=department_name(self.owner, lang) if self.owner else "—")
        head = " ".join(head.split())
        if self.source is None:
            return head + ": " + i18n.t("cascade.explain.given", lang)

        def name(key):
            return (self.labels.get(key) or {}).get(lang) or key

        def val(key):
            return fmt_value(self.inputs[key], rate=key in self.rates, lang=lang)

        sym = name(self.source) + "".join(f" ÷ {name(k)}" for k in self.divide_by) + \
            "".join(f" × {name(k)}" for k in self.multiply_by)
        num = val(self.source) + "".join(f" ÷ {val(k)}" for k in self.divide_by) + \
            "".join(f" × {val(k)}" for k in self.multiply_by)
        if self.rounded:
            text = f"{head}: ⌈{sym}⌉ = ⌈{num}⌉"
            if self.exact is not None and abs(self.exact - self.value) > 1e-6:
                text += f" = ⌈{fmt_number(round(self.exact, 2), lang)}⌉"
            return text + " — " + i18n.t("cascade.explain.round_up", lang,
                                         unit=unit_name(self.unit, lang) if self.unit else i18n.t("cascade.units", lang))
        return f"{head}: {sym} = {num}"

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "value": self.value, "unit": self.unit,
                "owner": self.owner, "formula": self.formula, "inputs": dict(self.inputs),
                "exact": self.exact, "rounded": self.rounded,
                "explain": {lang: self.explain(lang) for lang in i18n.LANGS}}

    def __repr__(self) -> str:
        return f"Target({self.id}={fmt_number(self.value, 'en')} {self.unit or ''}, owner={self.owner!r})".replace(" ,", ",")


@dataclass(frozen=True)
class Funnel:
    """The funnel's targets, goal first, each stage after the one it comes from."""

    targets: tuple[Target, ...]

    def __getitem__(self, key: str) -> Target:
        for t in self.targets:
            if t.id == key:
                return t
        raise KeyError(key)

    def __iter__(self):
        return iter(self.targets)

    def __len__(self) -> int:
        return len(self.targets)

    def values(self) -> dict[str, float]:
        return {t.id: t.value for t in self.targets}

    def lines(self, lang: str | None = None) -> list[str]:
        return [t.explain(lang) for t in self.targets]

    def to_dict(self) -> dict:
        return {"targets": [t.to_dict() for t in self.targets]}

    def to_frame(self, lang: str | None = None):
        import pandas as pd

        return pd.DataFrame([{"id": t.id, "name": t.title(lang), "value": t.value, "unit": t.unit,
                              "owner": t.owner, "formula": t.formula, "explain": t.explain(lang)}
                             for t in self.targets])

    def __repr__(self) -> str:
        return "\n".join(["Funnel", *("  " + line for line in self.lines())])

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{html.escape(t.title())}</td><td style='text-align:right'>"
                       f"{html.escape(fmt_number(t.value))}</td><td>{html.escape(t.unit or '')}</td>"
                       f"<td>{html.escape(t.owner or '')}</td><td>{html.escape(t.explain())}</td></tr>"
                       for t in self.targets)
        return ("<table class='okrkit-funnel'><thead><tr><th>stage</th><th>target</th><th>unit</th>"
                "<th>owner</th><th>why</th></tr></thead><tbody>" + rows + "</tbody></table>")


# ---------------------------------------------------------------- the plan

@dataclass(frozen=True)
class Goal:
    """The shared goal the funnel starts from (e.g. quarterly revenue)."""

    value: float
    id: str = "revenue"
    name: str | None = None
    unit: str | None = "VND"
    owner: str | None = None


@dataclass(frozen=True)
class Stage:
    """One funnel stage: ``id = from ÷ divide_by… × multiply_by…``, rounded up when a count."""

    id: str
    source: str
    divide_by: tuple[str, ...] = ()
    multiply_by: tuple[str, ...] = ()
    name: str | None = None
    unit: str | None = None
    owner: str | None = None
    round_up: bool = True


@dataclass(frozen=True)
class Scheme:
    """An alternative weighting: overrides per department; the other weights fill the rest.

    ``Scheme("50/40", {"Kinh doanh": {"revenue": 0.5}})`` sets Sales' revenue
    weight to 0.5 and rescales Sales' other weights to share the remaining 0.5
    in their current proportions.
    """

    name: str
    overrides: dict = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class WeightMatrix:
    """Departments × KPIs; each department's row sums to 1. A shared KPI sits in several rows."""

    departments: tuple[str, ...]
    kpis: tuple[str, ...]
    weights: tuple[tuple[float, ...], ...]
    carries: tuple[tuple[bool, ...], ...]
    owners: dict = field(default_factory=dict, hash=False)
    name: str = "base"

    def row(self, department: str) -> dict[str, float]:
        """The department's weights, only for the KPIs it carries."""
        i = self._dept_index(department)
        return {k: w for k, w, c in zip(self.kpis, self.weights[i], self.carries[i]) if c}

    def _dept_index(self, department: str) -> int:
        try:
            return self.departments.index(department)
        except ValueError:
            raise InputError(f"no department named {department!r}", where="departments",
                             hint=f"departments: {', '.join(self.departments)}") from None

    def column(self, kpi: str) -> dict[str, float]:
        j = self.kpis.index(kpi)
        return {d: self.weights[i][j] for i, d in enumerate(self.departments) if self.carries[i][j]}

    def shared(self) -> dict[str, dict[str, float]]:
        """KPIs carried by two or more departments, with each one's weight."""
        return {k: col for k in self.kpis if len(col := self.column(k)) >= 2}

    def to_dict(self) -> dict:
        return {"name": self.name, "departments": list(self.departments), "kpis": list(self.kpis),
                "weights": {d: self.row(d) for d in self.departments}, "owners": dict(self.owners)}

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([list(r) for r in self.weights], index=list(self.departments),
                            columns=list(self.kpis))

    def lines(self, lang: str | None = None, *, names: Mapping[str, str] | None = None) -> list[str]:
        """The matrix as text: KPIs by name (``names``, else the glossary), weights as ``lang`` writes them."""
        from .glossary import department_name, kpi_name

        lang = i18n.get_lang(lang)
        names = names or {}
        depts = [department_name(d, lang) for d in self.departments]
        cols = [names.get(k) or kpi_name(k, lang) for k in self.kpis]
        width = max(len(d) for d in depts)
        wide = max(9, *(min(len(c), 14) for c in cols))
        head = " " * width + "  " + " ".join(f"{c[:wide]:>{wide}}" for c in cols)
        out = [head]
        for d, row, car in zip(depts, self.weights, self.carries):
            cells = " ".join(f"{i18n.number(w, lang, decimals=2):>{wide}}" if c else f"{'·':>{wide}}"
                             for w, c in zip(row, car))
            out.append(f"{d:<{width}}  {cells}")
        return out

    def __repr__(self) -> str:
        return "\n".join([f"WeightMatrix({self.name})", *self.lines()])

    def _repr_html_(self, *, names: Mapping[str, str] | None = None, lang: str | None = None) -> str:
        from .glossary import department_name, kpi_name

        lang = i18n.get_lang(lang)
        names = names or {}
        head = "".join(f"<th>{html.escape(names.get(k) or kpi_name(k, lang))}</th>" for k in self.kpis)
        body = "".join("<tr><th>" + html.escape(department_name(d, lang)) + "</th>" + "".join(
            f"<td style='text-align:right'>{i18n.number(w, lang, decimals=2)}</td>" if c else "<td></td>"
            for w, c in zip(row, car))
            + "</tr>" for d, row, car in zip(self.departments, self.weights, self.carries))
        return f"<table class='okrkit-weights'><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>"


@dataclass(frozen=True)
class Cascade:
    """A shared goal, its funnel, the KPIs, who weighs what, and how to score and pay.

    Build it with :func:`load_cascade`, :func:`sample_cascade` or
    :func:`cascade_from_data`; ask it for :meth:`funnel`, :meth:`weights`,
    :meth:`score`.
    """

    goal: Goal
    kpis: tuple[KPI, ...]
    departments: tuple[Department, ...]
    rates: dict = field(default_factory=dict, hash=False)
    amounts: dict = field(default_factory=dict, hash=False)
    stages: tuple[Stage, ...] = ()
    organization: str | None = None
    period: str | None = None
    policy: ScoringPolicy = CLAMPED
    schemes: tuple[Scheme, ...] = ()
    payout: PayoutCurve | None = None
    normalized: tuple[tuple[str, float], ...] = ()   # (department, original sum) renormalised on request
    simulation: dict = field(default_factory=dict, hash=False)
    param_names: dict = field(default_factory=dict, hash=False, compare=False)
    source: str | None = field(default=None, compare=False)

    # -- funnel
    def funnel(self) -> Funnel:
        """Back-calculate every stage from the goal (counts rounded up), in stage order."""
        return _run_funnel(self)

    # -- KPIs and weights
    def kpi(self, kpi_id: str) -> KPI:
        for k in self.kpis:
            if k.id == kpi_id:
                return k
        raise InputError(f"no KPI with id {kpi_id!r}", where="kpis",
                         hint=f"KPIs: {', '.join(k.id for k in self.kpis)}")

    def weights(self, scheme: str | Scheme | None = None) -> WeightMatrix:
        """The weight matrix, as written or under an alternative ``scheme``."""
        kpis = tuple(k.id for k in self.kpis)
        rows, carries = [], []
        for d in self.departments:
            wm = d.weight_map
            rows.append(tuple(float(wm.get(k, 0.0)) for k in kpis))
            carries.append(tuple(k in wm for k in kpis))
        matrix = WeightMatrix(tuple(d.name for d in self.departments), kpis, tuple(rows), tuple(carries),
                              {k.id: k.owner for k in self.kpis})
        if scheme is None:
            return matrix
        return apply_scheme(matrix, self.scheme(scheme))

    def scheme(self, scheme: str | Scheme) -> Scheme:
        if isinstance(scheme, Scheme):
            return scheme
        for s in self.schemes:
            if s.name == scheme:
                return s
        names = ", ".join(s.name for s in self.schemes) or "(none in this cascade)"
        raise InputError(f"no weight scheme named {scheme!r}", where="schemes", hint=f"schemes: {names}")

    def scheme_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.schemes) or ("base",)

    def raw_scores(self, actuals: Mapping[str, float] | None = None) -> dict[str, float | None]:
        """Each KPI's raw achievement (1.0 = on target), before the scoring policy."""
        actuals = dict(actuals or {})
        ids = [k.id for k in self.kpis]
        for key, value in actuals.items():
            if key not in ids:
                raise InputError(f"no KPI with id {key!r}", where="actuals", hint=f"KPIs: {', '.join(ids)}")
            if value is not None and (isinstance(value, bool) or not isinstance(value, numbers.Real)
                                      or math.isnan(value)):
                raise InputError(f"actual of '{key}' is not a number ({value!r})", where=f"actuals.{key}",
                                 hint="give the measured value, e.g. 3300")
        out = {}
        for k in self.kpis:
            actual = actuals.get(k.id, k.actual)
            out[k.id] = raw_progress(k.direction, baseline=k.baseline, target=k.target, current=actual)
        return out

    def with_actuals(self, actuals: Mapping[str, float]) -> Cascade:
        unknown = [a for a in actuals if a not in {k.id for k in self.kpis}]
        if unknown:
            raise InputError(f"no KPI with id {unknown[0]!r}", where="actuals",
                             hint=f"KPIs: {', '.join(k.id for k in self.kpis)}")
        kpis = tuple(dataclasses.replace(k, actual=actuals.get(k.id, k.actual)) for k in self.kpis)
        return dataclasses.replace(self, kpis=kpis)

    def score(self, *, actuals: Mapping[str, float] | None = None, scheme: str | Scheme | None = None,
              policy: str | ScoringPolicy | None = None) -> CascadeResult:
        """Score every department: Σ weight × KPI score, with the company view."""
        return _score(self, actuals=actuals, scheme=scheme, policy=policy)

    def _repr_html_(self) -> str:
        title = html.escape(" — ".join(x for x in (self.organization, self.period) if x))
        return f"<p><b>{title}</b></p>" + self.funnel()._repr_html_() + self.weights()._repr_html_()

    def __repr__(self) -> str:
        return (f"Cascade({self.organization or ''} {self.period or ''}: goal {self.goal.id}="
                f"{fmt_number(self.goal.value, 'en')} {self.goal.unit or ''}, {len(self.departments)} departments, "
                f"{len(self.kpis)} KPIs, schemes {', '.join(self.scheme_names())})").replace("( ", "(")


def apply_scheme(matrix: WeightMatrix, scheme: Scheme) -> WeightMatrix:
    """The matrix with a scheme's overrides; each department's other weights share what is left."""
    rows = [list(r) for r in matrix.weights]
    carries = [list(c) for c in matrix.carries]
    for dept, over in scheme.overrides.items():
        i = matrix._dept_index(dept)
        where = f"schemes.{scheme.name}.{dept}"
        for k, w in over.items():
            if k not in matrix.kpis:
                raise InputError(f"no KPI with id {k!r}", where=f"{where}.{k}",
                                 hint=f"KPIs: {', '.join(matrix.kpis)}")
            if w is None or w < 0 or math.isnan(w):
                raise WeightError(f"weight {w!r} for '{k}' is not a share", where=f"{where}.{k}",
                                  hint="weights are shares from 0 to 1")
        fixed = sum(over.values())
        if fixed > 1 + TOL:
            raise WeightError(f"scheme weights for '{dept}' sum to {fixed:.2f}, more than 1.00",
                              where=where, hint="lower one of them; the department's other KPIs share what is left")
        idx = {k: matrix.kpis.index(k) for k in over}
        rest = [j for j in range(len(matrix.kpis)) if carries[i][j] and j not in idx.values()]
        rest_sum = sum(rows[i][j] for j in rest)
        left = 1.0 - fixed
        if left > TOL and rest_sum <= 0:
            raise WeightError(f"scheme weights for '{dept}' sum to {fixed:.2f} and no other KPI can take the rest",
                              where=where, hint="make the overrides sum to 1.00")
        for j in rest:
            rows[i][j] = rows[i][j] * left / rest_sum if rest_sum > 0 else 0.0
        for k, j in idx.items():
            rows[i][j] = float(over[k])
            carries[i][j] = True
    return WeightMatrix(matrix.departments, matrix.kpis, tuple(tuple(r) for r in rows),
                        tuple(tuple(c) for c in carries), matrix.owners, scheme.name)


# ---------------------------------------------------------------- weights

def check_weights(weights: Mapping[str, Any], *, department: str = "", file: str | None = None,
                  where: str | None = None, allow_any_sum: bool = False) -> dict[str, float]:
    """Weights as floats, or a :class:`WeightError` for missing, negative or zero-sum ones."""
    where = where or (f"departments.{department}.weights" if department else "weights")
    who = f" for '{department}'" if department else ""
    if not weights:
        raise WeightError(f"no weights{who}", file=file, where=where,
                          hint="give each KPI the department carries a weight, e.g. revenue: 0.7")
    out = {}
    for k, w in weights.items():
        if w is None or (isinstance(w, numbers.Real) and math.isnan(w)):
            raise WeightError(f"weight of '{k}'{who} is missing", file=file, where=f"{where}.{k}",
                              hint="write a share such as 0.2 (use 0 to leave the KPI out)")
        if isinstance(w, bool) or not isinstance(w, numbers.Real):
            raise WeightError(f"weight of '{k}'{who} is not a number ({w!r})", file=file, where=f"{where}.{k}",
                              hint="write a share such as 0.2 (use 0 to leave the KPI out)")
        if w < 0:
            raise WeightError(f"weight of '{k}'{who} is negative ({w:g})", file=file, where=f"{where}.{k}",
                              hint="weights are shares from 0 to 1; use 0 to leave the KPI out")
        out[str(k)] = float(w)
    total = sum(out.values())
    if total <= 0:
        raise WeightError(f"weights{who} sum to 0", file=file, where=where,
                          hint="give at least one KPI a weight above 0")
    if not allow_any_sum and abs(total - 1) > TOL:
        raise WeightError(f"Weights{who} sum to {total:.2f}, not 1.00", file=file, where=where,
                          hint="raise or lower one weight, or call ok.normalize(weights) "
                               "(in a file: normalize: true)")
    return out


def normalize(weights):
    """Weights rescaled to sum to 1 (a dict, a :class:`Department` or a list of them).

    >>> import okrkit as ok
    >>> ok.normalize({"revenue": 7, "leads": 3})
    {'revenue': 0.7, 'leads': 0.3}
    """
    if isinstance(weights, Department):
        return Department(weights.name, tuple(normalize(weights.weight_map).items()))
    if isinstance(weights, (list, tuple)) and all(isinstance(d, Department) for d in weights):
        return type(weights)(normalize(d) for d in weights)
    if not isinstance(weights, Mapping):
        raise WeightError(f"cannot normalise {type(weights).__name__}", where="weights",
                          hint="pass a mapping such as {'revenue': 7, 'leads': 3}")
    checked = check_weights(weights, allow_any_sum=True)
    total = math.fsum(checked.values())
    return {k: w / total for k, w in checked.items()}


# ---------------------------------------------------------------- allocation

@dataclass(frozen=True)
class Allocation:
    """A target split into whole parts that add up to the total exactly (largest remainder)."""

    total: float
    parts: tuple[tuple[str, float], ...]
    shares: tuple[tuple[str, float], ...]
    exact: tuple[tuple[str, float], ...]
    unit: float = 1
    method: str = "shares"

    def values(self) -> dict[str, float]:
        return dict(self.parts)

    def __getitem__(self, name: str) -> float:
        return dict(self.parts)[name]

    def explain(self, lang: str | None = None) -> list[str]:
        """One line per part: its share, its exact quota, and the rounded value."""
        lang = i18n.get_lang(lang)
        ex, sh = dict(self.exact), dict(self.shares)
        return [i18n.t("cascade.alloc.line", lang, name=n, share=fmt_value(round(sh[n], 6), rate=True, lang=lang),
                       total=fmt_number(self.total, lang), exact=fmt_number(round(ex[n], 2), lang),
                       value=fmt_number(v, lang)) for n, v in self.parts] + \
            [i18n.t("cascade.alloc.rule", lang, total=fmt_number(self.total, lang))]

    def to_dict(self) -> dict:
        return {"total": self.total, "method": self.method, "unit": self.unit,
                "parts": [{"name": n, "value": v, "share": dict(self.shares)[n], "exact": dict(self.exact)[n]}
                          for n, v in self.parts]}

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame(self.to_dict()["parts"])

    def __repr__(self) -> str:
        body = ", ".join(f"{n}={fmt_number(v, 'en')}" for n, v in self.parts)
        return f"Allocation({fmt_number(self.total, 'en')} by {self.method}: {body})"

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{html.escape(n)}</td><td style='text-align:right'>{fmt_number(v)}</td>"
                       f"<td style='text-align:right'>{dict(self.shares)[n]:.1%}</td></tr>" for n, v in self.parts)
        return ("<table class='okrkit-allocation'><thead><tr><th>part</th><th>target</th><th>share</th></tr>"
                f"</thead><tbody>{rows}</tbody></table>")


def allocate(total: float, *, shares: Mapping[str, float] | None = None,
             by_actuals: Mapping[str, float] | None = None, unit: float = 1) -> Allocation:
    """Split ``total`` across regions, reps or products; the parts add up to it exactly.

    Give explicit ``shares`` (any positive numbers, normalised) or last period's
    actuals (``by_actuals``).  Each part is a whole number of ``unit`` (1 for
    counts, 1_000_000 for whole millions of VND); the units left after rounding
    down go to the largest remainders.

    >>> import okrkit as ok
    >>> ok.allocate(4000, by_actuals={"Facebook": 1300, "Google": 1100, "Đối tác": 600}).values()
    {'Facebook': 1733, 'Google': 1467, 'Đối tác': 800}
    """
    if (shares is None) == (by_actuals is None):
        raise InputError("give either shares= or by_actuals=", where="allocate",
                         hint="e.g. ok.allocate(4000, shares={'Hà Nội': 0.6, 'TP.HCM': 0.4})")
    given = shares if shares is not None else by_actuals
    method = "shares" if shares is not None else "actuals"
    if not isinstance(given, Mapping) or not given:
        raise InputError(f"{method} must be a non-empty mapping of name → number", where=method,
                         hint="e.g. {'Hà Nội': 0.6, 'TP.HCM': 0.4}")
    if not unit or unit <= 0:
        raise InputError(f"unit {unit!r} must be above 0", where="unit", hint="use 1 for whole counts")
    if isinstance(total, bool) or not isinstance(total, numbers.Real) or not math.isfinite(total) or total < 0:
        raise InputError(f"cannot allocate {total!r}", where="total", hint="give a target of 0 or more, e.g. 4000")
    weights = check_weights(given, where=method, allow_any_sum=True)
    steps = total / unit
    whole_steps = round(steps)
    if abs(steps - whole_steps) > 1e-9 * max(1.0, abs(steps)):
        raise InputError(f"total {fmt_number(total, 'en')} is not a whole number of units of {unit:g}",
                         where="total", hint="round the total first, or use a smaller unit")
    wsum = math.fsum(weights.values())
    norm = {k: w / wsum for k, w in weights.items()}
    exact = {k: whole_steps * s for k, s in norm.items()}
    floors = {k: math.floor(e) for k, e in exact.items()}   # never above the quota: the rest is ≥ 0
    left = whole_steps - sum(floors.values())
    names = list(weights)
    order = sorted(names, key=lambda k: (-(exact[k] - floors[k]), names.index(k)))
    for k in order[:left]:
        floors[k] += 1

    def scaled(n):
        v = n * unit
        return int(v) if float(v).is_integer() else v

    return Allocation(total, tuple((k, scaled(floors[k])) for k in names), tuple(norm.items()),
                      tuple((k, exact[k] * unit) for k in names), unit, method)


# ---------------------------------------------------------------- scoring

@dataclass(frozen=True)
class KPIScore:
    id: str
    name: str
    owner: str | None
    unit: str | None
    target: float | None
    actual: float | None
    raw: float | None
    score: float | None


@dataclass(frozen=True)
class DepartmentScore:
    """A department's score and what each KPI contributes to it."""

    name: str
    score: float | None
    band: str | None
    rank: int | None
    contributions: tuple[tuple[str, float, float | None, float | None], ...]   # (kpi, weight, kpi score, weight × score)
    payout: float | None = None

    def explain(self, lang: str | None = None, *, names: Mapping[str, str] | None = None) -> str:
        """The score as a sum: ``Kinh doanh = 0,70 × 0,85 (Doanh thu) + … = 0,80`` (KPIs by ``names``, else their names in the glossary)."""
        from .glossary import department_name, kpi_name

        lang = i18n.get_lang(lang)
        names = names or {}

        def two(x):
            return "—" if x is None else i18n.number(x, lang, decimals=2)
        parts = " + ".join(f"{two(w)} × {two(s)} ({names.get(k) or kpi_name(k, lang)})"
                           for k, w, s, _c in self.contributions if w > 0)
        name = department_name(self.name, lang)
        if self.score is None:
            return f"{name} = {parts} = — " + i18n.t("cascade.missing_actual", lang)
        text = f"{name} = {parts} = {two(self.score)} ({i18n.t(f'band.{self.band}', lang)})"
        if self.payout is not None:
            text += "; " + i18n.t("cascade.payout", lang, payout=i18n.percent(self.payout, lang))
        return text


@dataclass(frozen=True)
class CascadeResult:
    """The cascade at a glance: funnel targets, weights, KPI and department scores.

    ``departments`` hold each score with its contributions (who contributes
    what); ``company`` is the plain mean of department scores;
    ``normalized`` lists the departments whose weights were renormalised on
    request, with the sum they had.
    """

    organization: str | None
    period: str | None
    funnel: Funnel
    weights: WeightMatrix
    kpis: tuple[KPIScore, ...]
    departments: tuple[DepartmentScore, ...]
    company: float | None
    policy: str
    normalized: tuple[tuple[str, float], ...] = ()
    payout: PayoutCurve | None = None

    def department(self, name: str) -> DepartmentScore:
        for d in self.departments:
            if d.name == name:
                return d
        raise KeyError(name)

    def explain(self, target: str, lang: str | None = None) -> str:
        return self.funnel[target].explain(lang)

    def contributions(self) -> dict[str, dict[str, float]]:
        """Company view: for each KPI, how many score points each department gets from it."""
        out: dict[str, dict[str, float]] = {}
        for d in self.departments:
            for kpi, _w, _s, c in d.contributions:
                if c is not None:
                    out.setdefault(kpi, {})[d.name] = c
        return out

    def kpi_names(self, lang: str | None = None) -> dict[str, str]:
        """``{KPI id: name in lang}`` (what every line and table shows instead of the id)."""
        from .glossary import kpi_name

        return {k.id: kpi_name(k.id, lang, given=k.name) for k in self.kpis}

    def lines(self, lang: str | None = None) -> list[str]:
        from .glossary import department_name, unit_name

        lang = i18n.get_lang(lang)
        names = self.kpi_names(lang)

        def two(x):
            return "—" if x is None else i18n.number(x, lang, decimals=2)
        title = " — ".join(x for x in (self.organization, i18n.period(self.period, lang) if self.period else None)
                           if x)
        out = [title, "", i18n.t("cascade.h.funnel", lang)]
        out += ["  " + t.explain(lang) for t in self.funnel]
        out += ["", i18n.t("cascade.h.weights", lang) + f" ({self.weights.name})"]
        out += ["  " + line for line in self.weights.lines(lang, names=names)]
        for name, total in self.normalized:
            out.append("  " + i18n.t("cascade.normalized", lang, name=department_name(name, lang), total=two(total)))
        out += ["", i18n.t("cascade.h.kpis", lang, policy=policy_text(self.policy, lang))]
        width = max([len(n) for n in names.values()] or [16])
        for k in self.kpis:
            s = f"{two(k.score):>5}"
            out.append(f"  {names[k.id]:<{width}} {s}  {fmt_number(k.actual, lang)} / {fmt_number(k.target, lang)} "
                       f"{unit_name(k.unit, lang)}  [{department_name(k.owner, lang) if k.owner else '-'}]".rstrip())
        out += ["", i18n.t("cascade.h.departments", lang)]
        for d in self.departments:
            s = f"{two(d.score):>5}"
            b = i18n.t(f"band.{d.band}", lang) if d.band else ""
            parts = " + ".join(f"{two(w)} × {names.get(kpi, kpi)}" for kpi, w, _s, _c in d.contributions if w > 0)
            pay = "" if d.payout is None else "  " + i18n.t("cascade.payout", lang, payout=i18n.percent(d.payout, lang))
            out.append(f"  {d.rank or '-'}. {department_name(d.name, lang):<26} {s}  {b:<6} = {parts}{pay}")
        if self.company is not None:
            out.append("  " + i18n.t("cascade.company", lang, score=two(self.company)))
        return out

    def to_dict(self) -> dict:
        return {
            "organization": self.organization, "period": self.period, "policy": self.policy,
            "funnel": [t.to_dict() for t in self.funnel],
            "weights": self.weights.to_dict(),
            "normalized": [{"department": n, "original_sum": s} for n, s in self.normalized],
            "kpis": [dataclasses.asdict(k) for k in self.kpis],
            "departments": [{"name": d.name, "score": d.score, "band": d.band, "rank": d.rank, "payout": d.payout,
                             "contributions": [{"kpi": k, "weight": w, "kpi_score": s, "contribution": c}
                                               for k, w, s, c in d.contributions]} for d in self.departments],
            "company": self.company,
            "payout": None if self.payout is None else self.payout.to_dict(),
        }

    def to_frame(self):
        """One row per (department, KPI): weight, KPI score and contribution."""
        import pandas as pd

        return pd.DataFrame([{"department": d.name, "kpi": k, "weight": w, "kpi_score": s, "contribution": c,
                              "department_score": d.score} for d in self.departments
                             for k, w, s, c in d.contributions])

    def __repr__(self) -> str:
        return "\n".join(["CascadeResult", *self.lines("en")])

    def _repr_html_(self) -> str:
        from .glossary import department_name
        from .scoring import BAND_COLORS

        lang = i18n.get_lang()
        names = self.kpi_names(lang)

        def two(x):
            return "—" if x is None else i18n.number(x, lang, decimals=2)
        colors = {**BAND_COLORS, None: "#999"}
        rows = "".join(
            f"<tr><td>{d.rank or ''}</td><td>{html.escape(department_name(d.name, lang))}</td>"
            f"<td style='background:{colors[d.band]};color:white;text-align:center'>{two(d.score)}</td><td>"
            + html.escape(" + ".join(f"{two(w)} × {names.get(k, k)}" for k, w, _s, _c in d.contributions if w > 0))
            + "</td></tr>" for d in self.departments)
        head = "".join(f"<th>{html.escape(i18n.t(k, lang))}</th>"
                       for k in ("cascade.col.rank", "cascade.col.department", "cascade.col.score", "cascade.col.weights"))
        return (self.funnel._repr_html_() + self.weights._repr_html_(names=names, lang=lang)
                + f"<table class='okrkit-cascade'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def policy_text(policy: str, lang: str | None = None) -> str:
    """A scoring policy's name as ``lang`` says it: ``capped at 1.2, threshold 0.3`` → ``tối đa 1,2; ngưỡng 0,3``."""
    lang = i18n.get_lang(lang)
    words = {"clamped": ("clamped to 0–1", "giới hạn trong 0–1"), "uncapped": ("uncapped", "không giới hạn trên")}
    parts = []
    for part in str(policy).split(", "):
        m = re.fullmatch(r"(capped at|threshold) ([\d.]+)", part)
        if m:
            label = {"capped at": ("capped at", "tối đa"), "threshold": ("threshold", "ngưỡng")}[m[1]]
            parts.append(f"{label[lang == 'vi']} {i18n.number(float(m[2]), lang)}")
        elif part in words:
            parts.append(words[part][lang == "vi"])
        else:
            parts.append(part)
    return ("; " if lang == "vi" else ", ").join(parts)


def ranks(scores: Iterable[float | None]) -> list[int | None]:
    """Competition ranks, 1 = best; equal scores (to 1e-9) share a rank; ``None`` stays unranked."""
    values = list(scores)
    out = []
    for s in values:
        out.append(None if s is None else 1 + sum(1 for o in values if o is not None and o > s + 1e-9))
    return out


def _score(plan: Cascade, *, actuals=None, scheme=None, policy=None) -> CascadeResult:
    pol = plan.policy if policy is None else get_policy(policy)
    matrix = plan.weights(scheme)
    raw = plan.raw_scores(actuals)
    acts = dict(actuals or {})
    kpi_scores = tuple(KPIScore(k.id, k.name, k.owner, k.unit, k.target, acts.get(k.id, k.actual), raw[k.id],
                                None if raw[k.id] is None else pol.apply(raw[k.id])) for k in plan.kpis)
    score_of = {k.id: k.score for k in kpi_scores}
    values, contributions = [], []
    for i in range(len(matrix.departments)):
        contrib = []
        total = 0.0
        complete = True
        for j, kpi in enumerate(matrix.kpis):
            if not matrix.carries[i][j]:
                continue
            w = matrix.weights[i][j]
            s = score_of[kpi]
            c = None if s is None else w * s
            if c is None and w > 0:
                complete = False
            total += c or 0.0
            contrib.append((kpi, w, s, c))
        values.append(total if complete else None)
        contributions.append(tuple(contrib))
    rank = ranks(values)
    depts = tuple(DepartmentScore(d, v, band(v), r, c, None if v is None or plan.payout is None else plan.payout(v))
                  for d, v, r, c in zip(matrix.departments, values, rank, contributions))
    known = [v for v in values if v is not None]
    company = sum(known) / len(known) if known and len(known) == len(values) else None
    return CascadeResult(plan.organization, plan.period, plan.funnel(), matrix, kpi_scores, depts, company,
                         pol.name, plan.normalized, plan.payout)


# ---------------------------------------------------------------- funnel

STAGE_LABELS = {
    "revenue": ("Revenue", "Doanh thu"),
    "deals": ("Deals", "Hợp đồng"),
    "opportunities": ("Opportunities", "Cơ hội bán hàng"),
    "leads": ("Leads", "Lead"),
    "traffic": ("Traffic", "Lượt truy cập"),
    "sales_reps": ("Sales reps", "Nhân viên kinh doanh"),
    "deal_size": ("average deal size", "giá trị hợp đồng trung bình"),
    "win_rate": ("win rate", "tỷ lệ chốt"),
    "lead_to_opportunity": ("lead-to-opportunity rate", "tỷ lệ lead thành cơ hội"),
    "visit_to_lead": ("visit-to-lead rate", "tỷ lệ truy cập thành lead"),
    "deals_per_rep": ("deals per rep per quarter", "hợp đồng mỗi nhân viên mỗi quý"),
    "sales_retention": ("sales retention rate", "tỷ lệ giữ chân nhân viên kinh doanh"),
}


def _labels(key: str, name: str | None, plan_names: Mapping[str, str]) -> dict:
    """A stage's or parameter's name in each language: built-in words first, the file's name in vi."""
    from .glossary import english_of

    given = name or plan_names.get(key)
    en, vi = STAGE_LABELS.get(key, (given or key, given or key))
    if given and given != vi:          # the file names it its own way: its English, when the kit knows it
        en = english_of(given) or given
    return {"en": en, "vi": given or vi}


def _lower_first(text: str) -> str:
    """'Sales reps' → 'sales reps' inside a sentence; 'SQL' stays 'SQL'."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _stage_order(plan: Cascade, *, file: str | None = None) -> list[Stage]:
    """Stages so that each comes after the one it is derived from; a cycle is an error."""
    by_id = {s.id: s for s in plan.stages}
    order: list[Stage] = []
    state: dict[str, int] = {}   # 1 = visiting, 2 = done

    def visit(sid: str, path: list[str]):
        if state.get(sid) == 2:
            return
        if state.get(sid) == 1:
            cycle = path[path.index(sid):] + [sid]
            raise InputError(f"the funnel has a cycle: {' → '.join(cycle)}", file=file, where="funnel.stages",
                             hint="each stage must come from the goal or an earlier stage")
        state[sid] = 1
        src = by_id[sid].source
        if src in by_id:
            visit(src, path + [sid])
        state[sid] = 2
        order.append(by_id[sid])

    for s in plan.stages:
        visit(s.id, [])
    return order


def _run_funnel(plan: Cascade, *, file: str | None = None) -> Funnel:
    g = plan.goal
    goal_label = _labels(g.id, g.name, plan.param_names)
    targets = [Target(g.id, g.name or goal_label["en"], g.value, g.unit, g.owner, f"{g.id} = {fmt_number(g.value, 'en')}",
                      {g.id: g.value}, g.value, False, label=goal_label)]
    values = {g.id: g.value}
    params = {**plan.amounts, **plan.rates}
    for key, r in plan.rates.items():   # checked here too: a plan changed in Python skips the file checks
        if not isinstance(r, numbers.Real) or isinstance(r, bool) or not 0 < r <= 1:
            raise RateError(f"rate {r!r} is outside (0, 1]", file=file, where=f"funnel.rates.{key}",
                            hint="write a rate above 0 and at most 1, such as 0.25")
    for key, a in plan.amounts.items():
        if not isinstance(a, numbers.Real) or isinstance(a, bool) or not a > 0:
            raise InputError(f"amount {a!r} must be a number above 0", file=file, where=f"funnel.amounts.{key}",
                             hint="write an amount such as 20000000 or 28")
    for st in _stage_order(plan, file=file):
        if st.source not in values:
            raise InputError(f"stage '{st.id}' comes from '{st.source}', which is neither the goal nor a stage",
                             file=file, where=f"funnel.stages.{st.id}.from",
                             hint=f"use '{g.id}' or one of: {', '.join(s.id for s in plan.stages)}")
        x = values[st.source]
        inputs = {st.source: x}
        for p in (*st.divide_by, *st.multiply_by):
            if p not in params:
                raise InputError(f"stage '{st.id}' uses '{p}', which is not a rate or an amount", file=file,
                                 where=f"funnel.stages.{st.id}",
                                 hint=f"define it under funnel.rates or funnel.amounts (known: {', '.join(params) or 'none'})")
            inputs[p] = params[p]
        for p in st.divide_by:
            x = x / params[p]
        for p in st.multiply_by:
            x = x * params[p]
        value = _ceil(x) if st.round_up else x
        sym = f"{st.source}" + "".join(f" ÷ {p}" for p in st.divide_by) + "".join(f" × {p}" for p in st.multiply_by)
        formula = f"{st.id} = ⌈{sym}⌉" if st.round_up else f"{st.id} = {sym}"
        labels = {}
        for k in inputs:
            if k == g.id:
                lab = goal_label
            else:
                stage = next((s for s in plan.stages if s.id == k), None)
                lab = _labels(k, stage.name if stage else None, plan.param_names)
            labels[k] = {lang: _lower_first(v) if k in values else v for lang, v in lab.items()}
        label = _labels(st.id, st.name, plan.param_names)
        targets.append(Target(st.id, st.name or label["en"], value, st.unit, st.owner, formula, inputs, x,
                              st.round_up, st.source, st.divide_by, st.multiply_by,
                              tuple(p for p in inputs if p in plan.rates), label, labels))
        values[st.id] = value
    return Funnel(tuple(targets))


# ---------------------------------------------------------------- reading a cascade file

def _checker(file):
    from .files import _Checker  # shared field checks with errors that name the field

    return _Checker(file)


def _rate(c, value, where: str) -> float:
    if isinstance(value, str) and value.strip().endswith("%"):
        number = c.number(value.strip()[:-1], where)
        number = None if number is None else number / 100
    else:
        number = c.number(value, where)
    if number is None:
        raise RateError("rate is missing", file=c.file, where=where, hint="write a rate such as 0.25 or '25%'")
    if not 0 < number <= 1:
        raise RateError(f"rate {number:g} is outside (0, 1]", file=c.file, where=where,
                        hint="write a rate above 0 and at most 1, such as 0.25 or '25%'")
    return number


def _amount(c, value, where: str) -> float:
    number = c.number(value, where)
    if number is None or number <= 0:
        c.fail(where, "must be a number above 0" if number is not None else "is missing",
               "write an amount such as '20 triệu' or 28")
    return number


def _param(c, raw, where: str, reader, names: dict, key: str) -> float:
    if isinstance(raw, dict):
        c.mapping(raw, where, ("value", "name", "unit"))
        if raw.get("name"):
            names[key] = c.text(raw.get("name"), f"{where}.name")
        raw = raw.get("value")
    return reader(c, raw, where)


def _weight_value(c, value, where: str):
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().endswith("%"):
        n = c.number(value.strip()[:-1], where)
        return None if n is None else n / 100
    return c.number(value, where)


def cascade_from_data(data: Any, *, file: str | None = None) -> Cascade:
    """Build a :class:`Cascade` from parsed YAML/JSON data, checking every field."""
    c = _checker(file)
    if data is None:
        c.fail("", "the file is empty", "start from okrkit/data/cascade.yaml (see 'Cascade file format' in the README)")
    c.mapping(data, "", TOP_FIELDS)
    names: dict[str, str] = {}

    # goal
    graw = data.get("goal")
    if graw is None:
        c.fail("goal", "is missing", "write the shared goal, e.g. goal: {id: revenue, value: 12 tỷ, unit: VND}")
    if not isinstance(graw, dict):
        graw = {"value": graw}
    c.mapping(graw, "goal", GOAL_FIELDS)
    gvalue = c.number(graw.get("value"), "goal.value")
    if gvalue is None or gvalue <= 0:
        c.fail("goal.value", "must be a number above 0", "write the goal, e.g. value: 12 tỷ")
    goal = Goal(gvalue, c.text(graw.get("id"), "goal.id") or "revenue", c.text(graw.get("name"), "goal.name"),
                c.text(graw.get("unit"), "goal.unit"), c.text(graw.get("owner"), "goal.owner"))

    # funnel
    fraw = data.get("funnel") or {}
    c.mapping(fraw, "funnel", FUNNEL_FIELDS)
    rates = {str(k): _param(c, v, f"funnel.rates.{k}", _rate, names, str(k))
             for k, v in _as_mapping(c, fraw.get("rates"), "funnel.rates").items()}
    amounts = {str(k): _param(c, v, f"funnel.amounts.{k}", _amount, names, str(k))
               for k, v in _as_mapping(c, fraw.get("amounts"), "funnel.amounts").items()}
    stages = []
    seen = {goal.id}
    for i, sraw in enumerate(_as_list(c, fraw.get("stages"), "funnel.stages")):
        where = f"funnel.stages[{i}]"
        c.mapping(sraw, where, STAGE_FIELDS)
        sid = c.text(sraw.get("id"), f"{where}.id", required=True)
        if sid in seen:
            c.fail(f"{where}.id", f"'{sid}' is used twice", "give every stage its own id")
        seen.add(sid)
        src = c.text(sraw.get("from"), f"{where}.from")
        if not src:
            c.fail(f"{where}.from", "is missing", f"say which stage this one comes from, e.g. from: {goal.id}")
        rnd = c.choice(sraw.get("round"), f"{where}.round", ("up", "none")) or "up"
        stages.append(Stage(sid, src, _names(c, sraw.get("divide_by"), f"{where}.divide_by"),
                            _names(c, sraw.get("multiply_by"), f"{where}.multiply_by"),
                            c.text(sraw.get("name"), f"{where}.name"), c.text(sraw.get("unit"), f"{where}.unit"),
                            c.text(sraw.get("owner"), f"{where}.owner"), rnd == "up"))
    for i, st in enumerate(stages):
        if st.source not in seen:
            c.fail(f"funnel.stages[{i}].from", f"'{st.source}' is neither the goal nor a stage",
                   f"use '{goal.id}' or one of: {', '.join(s.id for s in stages)}")
        for p in (*st.divide_by, *st.multiply_by):
            if p not in rates and p not in amounts:
                c.fail(f"funnel.stages[{i}]", f"'{p}' is not a rate or an amount",
                       f"define it under funnel.rates or funnel.amounts (known: {', '.join([*rates, *amounts]) or 'none'})")

    draft = Cascade(goal, (), (), rates, amounts, tuple(stages), param_names=names)
    funnel_values = _run_funnel(draft, file=file).values()

    # KPIs
    kpis = []
    kraw_list = _as_list(c, data.get("kpis"), "kpis")
    if not kraw_list:
        c.fail("kpis", "is missing", "list the KPIs under `kpis:`, each with id, target (or target_from) and owner")
    for i, kraw in enumerate(kraw_list):
        where = f"kpis[{i}]"
        c.mapping(kraw, where, KPI_FIELDS)
        kid = c.text(kraw.get("id"), f"{where}.id", required=True)
        if any(k.id == kid for k in kpis):
            c.fail(f"{where}.id", f"'{kid}' is used twice", "give every KPI its own id")
        owner = c.text(kraw.get("owner"), f"{where}.owner")
        if not owner:
            c.fail(f"{where}.owner", f"KPI '{kid}' has no owner",
                   "name the one department accountable for it, e.g. owner: Kinh doanh")
        target = c.number(kraw.get("target"), f"{where}.target")
        tfrom = c.text(kraw.get("target_from"), f"{where}.target_from")
        if tfrom:
            if tfrom not in funnel_values:
                c.fail(f"{where}.target_from", f"'{tfrom}' is not the goal or a funnel stage",
                       f"use one of: {', '.join(funnel_values)}")
            if target is not None:
                c.fail(f"{where}", "has both target and target_from", "keep one of them")
            target = funnel_values[tfrom]
        if target is None:
            c.fail(f"{where}.target", f"KPI '{kid}' has no target", "write target: or target_from: <funnel stage>")
        kpis.append(KPI(kid, c.text(kraw.get("name"), f"{where}.name") or kid, c.text(kraw.get("unit"), f"{where}.unit"),
                        target, c.number(kraw.get("actual"), f"{where}.actual"),
                        c.number(kraw.get("baseline"), f"{where}.baseline"),
                        c.choice(kraw.get("direction"), f"{where}.direction", DIRECTIONS) or "increase",
                        owner, c.text(kraw.get("stage"), f"{where}.stage")))
    kpi_ids = [k.id for k in kpis]

    # departments and weights
    normalize_all = data.get("normalize", False)
    if not isinstance(normalize_all, bool):
        c.fail("normalize", f"expected true or false, got {normalize_all!r}",
               "write normalize: true to rescale each department's weights to sum to 1")
    departments, normalized = [], []
    draws = _as_list(c, data.get("departments"), "departments")
    if not draws:
        c.fail("departments", "is missing", "list the departments, each with its KPI weights")
    for i, draw in enumerate(draws):
        where = f"departments[{i}]"
        c.mapping(draw, where, DEPT_FIELDS)
        name = c.text(draw.get("name"), f"{where}.name", required=True)
        wraw = draw.get("weights")
        if not isinstance(wraw, dict) or not wraw:
            raise WeightError(f"no weights for '{name}'", file=file, where=f"{where}.weights",
                              hint="give each KPI the department carries a weight, e.g. revenue: 0.7")
        weights = {}
        for k, v in wraw.items():
            if str(k) not in kpi_ids:
                import difflib

                close = difflib.get_close_matches(str(k), kpi_ids, n=1)
                c.fail(f"{where}.weights.{k}", f"no KPI with id '{k}'",
                       f"did you mean '{close[0]}'?" if close else f"KPIs: {', '.join(kpi_ids)}")
            weights[str(k)] = _weight_value(c, v, f"{where}.weights.{k}")
        checked = check_weights(weights, department=name, file=file, where=f"{where}.weights",
                                allow_any_sum=normalize_all)
        total = math.fsum(checked.values())
        if abs(total - 1) > TOL:
            normalized.append((name, total))
            checked = {k: w / total for k, w in checked.items()}
        departments.append(Department(name, tuple(checked.items())))
    dept_names = [d.name for d in departments]
    if len(set(dept_names)) != len(dept_names):
        dup = next(n for n in dept_names if dept_names.count(n) > 1)
        c.fail("departments", f"department '{dup}' is listed twice", "merge its weights into one entry")

    # scoring policy
    policy = _policy(c, data.get("scoring"))

    # schemes
    schemes = []
    sraw = data.get("schemes") or {}
    if not isinstance(sraw, dict):
        c.fail("schemes", f"expected a mapping of scheme name → overrides, got {type(sraw).__name__}",
               "e.g. schemes: {'50/40': {Kinh doanh: {revenue: 0.5}}}")
    for sname, over in sraw.items():
        where = f"schemes.{sname}"
        over = over or {}
        if not isinstance(over, dict):
            c.fail(where, "expected department: {kpi: weight} overrides", "e.g. Kinh doanh: {revenue: 0.5}")
        clean = {}
        for dept, kw in over.items():
            if dept not in dept_names:
                c.fail(f"{where}.{dept}", f"no department named '{dept}'", f"departments: {', '.join(dept_names)}")
            if not isinstance(kw, dict) or not kw:
                c.fail(f"{where}.{dept}", "expected {kpi: weight} overrides", "e.g. {revenue: 0.5}")
            ws = {}
            for k, v in kw.items():
                if str(k) not in kpi_ids:
                    c.fail(f"{where}.{dept}.{k}", f"no KPI with id '{k}'", f"KPIs: {', '.join(kpi_ids)}")
                w = _weight_value(c, v, f"{where}.{dept}.{k}")
                if w is None:
                    raise WeightError(f"weight of '{k}' for '{dept}' is missing", file=file, where=f"{where}.{dept}.{k}",
                                      hint="write a share such as 0.5")
                if w < 0:
                    raise WeightError(f"weight of '{k}' for '{dept}' is negative ({w:g})", file=file,
                                      where=f"{where}.{dept}.{k}", hint="weights are shares from 0 to 1")
                ws[str(k)] = w
            clean[dept] = ws
        schemes.append(Scheme(str(sname), clean))

    # payout
    payout = None
    praw = data.get("payout")
    if praw is not None:
        c.mapping(praw, "payout", PAYOUT_FIELDS)
        args = {}
        for key in PAYOUT_FIELDS[:-1]:
            v = _weight_value(c, praw.get(key), f"payout.{key}")
            if v is not None:
                args[key] = v
        cliff = praw.get("cliff", False)
        if not isinstance(cliff, bool):
            c.fail("payout.cliff", f"expected true or false, got {cliff!r}", "cliff: true allows a jump at the threshold")
        try:
            payout = PayoutCurve(**args, cliff=cliff)
        except InputError as exc:
            raise InputError(exc.texts or exc.what, file=file, where=exc.where, hint=exc.hints or exc.hint) from None

    simulation = _simulation(c, data.get("simulation"), kpi_ids)

    plan = Cascade(goal, tuple(kpis), tuple(departments), rates, amounts, tuple(stages),
                   c.text(data.get("organization"), "organization"), c.text(data.get("period"), "period"),
                   policy, tuple(schemes), payout, tuple(normalized), simulation, names, file)
    base = plan.weights()
    for s in schemes:   # a scheme that cannot be applied is a file error, found now
        try:
            apply_scheme(base, s)
        except InputError as exc:
            raise type(exc)(exc.texts or exc.what, file=file, where=exc.where, hint=exc.hints or exc.hint) from None
    return plan


def _policy(c, raw) -> ScoringPolicy:
    if raw is None:
        return CLAMPED
    if isinstance(raw, str):
        try:
            return get_policy(raw)
        except InputError as exc:
            c.fail("scoring", exc.texts or exc.what, exc.hints or exc.hint)
    c.mapping(raw, "scoring", ("policy", "cap", "floor", "threshold"))
    base = get_policy(raw.get("policy")) if raw.get("policy") else CLAMPED
    cap = base.cap
    if "cap" in raw:
        cap = None if raw["cap"] in (None, "none") else c.number(raw["cap"], "scoring.cap")
    floor = c.number(raw.get("floor"), "scoring.floor")
    threshold = c.number(raw.get("threshold"), "scoring.threshold")
    floor = base.floor if floor is None else floor
    name = base.name if cap == base.cap else ("uncapped" if cap is None else f"capped at {cap:g}")
    if threshold is not None:
        name += f", threshold {threshold:g}"
    return ScoringPolicy(name, cap, floor, threshold if threshold is not None else base.threshold)


def _simulation(c, raw, kpi_ids) -> dict:
    if raw is None:
        return {}
    c.mapping(raw, "simulation", SIM_FIELDS)
    out: dict = {}
    draws = c.number(raw.get("draws"), "simulation.draws")
    if draws is not None:
        if draws < 1 or not float(draws).is_integer():
            c.fail("simulation.draws", f"{draws:g} is not a whole number of draws", "e.g. draws: 10000")
        out["draws"] = int(draws)
    seed = c.number(raw.get("seed"), "simulation.seed")
    if seed is not None:
        out["seed"] = int(seed)
    dists = {}
    for k, d in _as_mapping(c, raw.get("distributions"), "simulation.distributions").items():
        where = f"simulation.distributions.{k}"
        if str(k) not in kpi_ids:
            c.fail(where, f"no KPI with id '{k}'", f"KPIs: {', '.join(kpi_ids)}")
        c.mapping(d, where, DIST_FIELDS)
        kind = c.choice(d.get("dist"), f"{where}.dist", DISTS) or "normal"
        spec = {"dist": kind}
        for f in DIST_FIELDS[1:]:
            v = c.number(d.get(f), f"{where}.{f}")
            if v is not None:
                spec[f] = v
        need = {"normal": ("mean", "sd"), "uniform": ("low", "high"), "triangular": ("low", "mode", "high")}[kind]
        missing = [f for f in need if f not in spec]
        if missing:
            c.fail(where, f"a {kind} distribution needs {', '.join(need)}", f"add {', '.join(missing)}")
        if kind == "normal" and spec["sd"] < 0:
            c.fail(f"{where}.sd", "a standard deviation cannot be negative", "e.g. sd: 0.1")
        if kind != "normal" and not (spec["low"] <= spec.get("mode", spec["low"]) <= spec["high"]
                                     and spec["low"] < spec["high"]):
            c.fail(where, "needs low ≤ mode ≤ high, with low < high", "e.g. low: 0.7, mode: 0.95, high: 1.2")
        dists[str(k)] = spec
    out["distributions"] = dists
    corrs = []
    for i, item in enumerate(_as_list(c, raw.get("correlations"), "simulation.correlations")):
        where = f"simulation.correlations[{i}]"
        c.mapping(item, where, ("between", "r"))
        pair = item.get("between")
        if not isinstance(pair, list) or len(pair) != 2 or pair[0] == pair[1]:
            c.fail(f"{where}.between", "expected two different KPI ids", "e.g. between: [quality_leads, revenue]")
        for k in pair:
            if str(k) not in kpi_ids:
                c.fail(f"{where}.between", f"no KPI with id '{k}'", f"KPIs: {', '.join(kpi_ids)}")
        r = c.number(item.get("r"), f"{where}.r")
        if r is None or not -1 < r < 1:
            c.fail(f"{where}.r", "a correlation must be between -1 and 1 (exclusive)", "e.g. r: 0.6")
        corrs.append((str(pair[0]), str(pair[1]), r))
    out["correlations"] = tuple(corrs)
    effort = {}
    for k, v in _as_mapping(c, raw.get("effort"), "simulation.effort").items():
        if str(k) not in kpi_ids:
            c.fail(f"simulation.effort.{k}", f"no KPI with id '{k}'", f"KPIs: {', '.join(kpi_ids)}")
        e = c.number(v, f"simulation.effort.{k}")
        if e is None or e <= 0:
            c.fail(f"simulation.effort.{k}", "effort must be above 0", "effort to raise the KPI one point, e.g. 1.5")
        effort[str(k)] = e
    out["effort"] = effort
    return out


def _as_mapping(c, raw, where) -> dict:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        c.fail(where, f"expected a mapping, got {type(raw).__name__}", "write `name: value` lines")
    return raw


def _as_list(c, raw, where) -> list:
    if raw is None:
        return []
    if not isinstance(raw, list):
        c.fail(where, f"expected a list, got {type(raw).__name__}", "write each item as a `- ...` line")
    return raw


def _names(c, raw, where) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,)
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        c.fail(where, "expected a rate or amount name, or a list of them", "e.g. divide_by: [deals_per_rep, sales_retention]")
    return tuple(raw)


# ---------------------------------------------------------------- public entry points

def load_cascade(path: str | os.PathLike) -> Cascade:
    """Load a cascade file (.yaml, .yml or .json); see 'Cascade file format' in the README."""
    from .files import read_structured

    p = Path(path)
    if p.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise InputError(f"unsupported file type {p.suffix or '(none)'!r}", file=str(p),
                         hint="a cascade is a .yaml or .json file")
    return cascade_from_data(read_structured(p), file=str(p))


def sample_cascade(sample: str | None = None) -> Cascade:
    """The bundled cascade of a sample company (2026-Q1; Sao Mai unless ``sample`` or the class says otherwise).

    >>> import okrkit as ok
    >>> ok.sample_cascade().goal.value
    12000000000.0
    """
    from . import sample_path

    return load_cascade(sample_path("cascade.yaml", sample))


def cascade(plan: Any = None, *, to: Iterable[Department] | None = None, kpis: Iterable[KPI] | None = None,
            funnel: Mapping | None = None, actuals: Mapping[str, float] | None = None,
            scheme: str | None = None, policy: str | ScoringPolicy | None = None) -> CascadeResult:
    """Cascade a shared goal to departments and score them.

    ``plan`` is a :class:`Cascade`, a cascade file, parsed data, or ``None``
    (the sample company).  Or give the goal itself — a number or a
    :class:`Goal` — with ``to=`` departments, ``kpis=`` and ``funnel=``
    (the ``funnel`` section of a cascade file).

    >>> import okrkit as ok
    >>> result = ok.cascade(ok.sample_cascade())
    >>> result.department("Kinh doanh").contributions[0][:2]
    ('revenue', 0.7)
    >>> goal = ok.Goal(6e9, unit="VND")
    >>> r = ok.cascade(goal, to=[ok.Department("Kinh doanh", (("revenue", 1.0),))],
    ...                kpis=[ok.KPI("revenue", "Doanh thu", target=6e9, actual=5.4e9, owner="Kinh doanh")],
    ...                funnel={"amounts": {"deal_size": 2e7}, "stages": [{"id": "deals", "from": "revenue",
    ...                        "divide_by": "deal_size"}]})
    >>> r.funnel["deals"].value, round(r.department("Kinh doanh").score, 2)
    (300, 0.9)
    """
    if plan is None:
        built = sample_cascade()
    elif isinstance(plan, Cascade):
        built = plan
    elif isinstance(plan, (str, os.PathLike)):
        built = load_cascade(plan)
    elif isinstance(plan, dict):
        built = cascade_from_data(plan)
    elif isinstance(plan, (int, float, Goal)):
        goal = plan if isinstance(plan, Goal) else Goal(float(plan))
        if to is None or kpis is None:
            raise InputError("a goal alone cannot be cascaded", where="cascade",
                             hint="give to=[departments] and kpis=[KPIs] (and funnel= for the stages)")
        data = {"goal": {k: v for k, v in dataclasses.asdict(goal).items() if v is not None},
                "funnel": dict(funnel or {}),
                "kpis": [{k: v for k, v in dataclasses.asdict(kpi).items() if v is not None} for kpi in kpis],
                "departments": [{"name": d.name, "weights": d.weight_map} for d in to]}
        built = cascade_from_data(data)
    else:
        raise InputError(f"cannot cascade a {type(plan).__name__}", where="cascade",
                         hint="give a cascade file, ok.sample_cascade(), or a goal with to= and kpis=")
    return built.score(actuals=actuals, scheme=scheme, policy=policy)


i18n.register({
    "cascade.explain.head": {"en": "{name} = {value} {unit} (owner: {owner})",
                             "vi": "{name} = {value} {unit} (phụ trách: {owner})"},
    "cascade.explain.given": {"en": "the shared goal, given", "vi": "mục tiêu chung, cho trước"},
    "cascade.units": {"en": "units", "vi": "đơn vị"},
    "cascade.explain.round_up": {"en": "counts are rounded up ({unit} come whole, never as 0.4).",
                                 "vi": "số đếm được làm tròn lên (không có 0,4 {unit})."},
    "cascade.alloc.line": {"en": "{name}: {share} of {total} = {exact} → {value}",
                           "vi": "{name}: {share} của {total} = {exact} → {value}"},
    "cascade.alloc.rule": {"en": "Parts are rounded down, then the units left go to the largest remainders, "
                                 "so they add up to exactly {total}.",
                           "vi": "Các phần được làm tròn xuống, phần dư chia cho các phần lẻ lớn nhất, "
                                 "nên tổng đúng bằng {total}."},
    "cascade.h.funnel": {"en": "Funnel (from the goal backwards)", "vi": "Phễu (tính ngược từ mục tiêu)"},
    "cascade.h.weights": {"en": "Weights (departments × KPIs)", "vi": "Trọng số (bộ phận × KPI)"},
    "cascade.h.kpis": {"en": "KPI scores (policy: {policy})", "vi": "Điểm KPI (cách chấm: {policy})"},
    "cascade.h.departments": {"en": "Department scores (Σ weight × KPI score)",
                              "vi": "Điểm bộ phận (Σ trọng số × điểm KPI)"},
    "cascade.normalized": {"en": "weights of '{name}' summed to {total}; renormalised to 1.00 as asked",
                           "vi": "trọng số của '{name}' có tổng {total}; đã chuẩn hóa về 1,00 theo yêu cầu"},
    "cascade.company": {"en": "Company (mean of departments): {score}",
                        "vi": "Công ty (trung bình các bộ phận): {score}"},
    "cascade.payout": {"en": "bonus {payout}", "vi": "thưởng {payout}"},
    "cascade.col.rank": {"en": "#", "vi": "Hạng"},
    "cascade.col.department": {"en": "Department", "vi": "Bộ phận"},
    "cascade.col.score": {"en": "Score", "vi": "Điểm"},
    "cascade.col.weights": {"en": "Weights", "vi": "Trọng số"},
    "cascade.missing_actual": {"en": "(a weighted KPI has no actual yet)", "vi": "(có KPI chưa có số thực tế)"},
})


class _CallableModule(types.ModuleType):
    """``ok.cascade(...)`` must work even after ``import okrkit.cascade``.

    Importing the submodule sets the package attribute ``okrkit.cascade`` to
    this module, hiding the lazy function of the same name; calling the module
    calls the function, so both spellings read the same in a notebook.
    """

    def __call__(self, *args, **kwargs):
        return cascade(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
