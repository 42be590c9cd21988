"""Weight simulation: what-if schemes, sensitivity, Monte Carlo and the behaviour lens.

Every function takes a cascade (:class:`~okrkit.cascade.Cascade`, a cascade
file, or ``None`` for the sample company) and scores every department under
several weight schemes at once, as NumPy arrays: departments × KPIs weights
times KPI scores, for one set of actuals or for many random draws.

``import okrkit`` does not import this module (nor NumPy); it loads on first use.

Examples
--------
>>> import okrkit as ok
>>> w = ok.what_if(ok.sample_cascade(), schemes=["70/20", "90/0"])
>>> w.rank("90/0", "Kinh doanh") < w.rank("70/20", "Kinh doanh")
True
>>> mc = ok.monte_carlo(ok.sample_cascade(), draws=2000, seed=1)
>>> mc.summary("70/20", "Kinh doanh")["p_target"] < 0.5
True
"""

from __future__ import annotations

import dataclasses
import html
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import i18n
from .cascade import Cascade, Scheme, apply_scheme, load_cascade, sample_cascade
from .errors import InputError
from .glossary import department_name, kpi_name
from .scoring import ScoringPolicy, band, get_policy

BAND_EDGES = (0.35, 0.65)   # band() reads scores to one decimal: 0.35 → 0.4 (yellow), 0.65 → 0.7 (green)
DEFAULT_SD = 0.1


# ---------------------------------------------------------------- shared set-up

def _plan(plan: Any) -> Cascade:
    if plan is None:
        return sample_cascade()
    if isinstance(plan, Cascade):
        return plan
    if isinstance(plan, (str, os.PathLike)):
        return load_cascade(plan)
    raise InputError(f"cannot simulate a {type(plan).__name__}", where="cascade",
                     hint="give ok.sample_cascade(), a Cascade or a cascade file")


def _schemes(plan: Cascade, schemes) -> list[Scheme]:
    if schemes is None:
        return list(plan.schemes) or [Scheme("base")]
    if isinstance(schemes, (str, Scheme)):
        schemes = [schemes]
    if isinstance(schemes, Mapping):
        return [Scheme(str(k), dict(v or {})) for k, v in schemes.items()]
    out = [plan.scheme(s) if not (isinstance(s, str) and s == "base" and not plan.schemes) else Scheme("base")
           for s in schemes]
    if not out:
        raise InputError("no weight schemes to compare", where="schemes", hint="name at least one scheme")
    return out


def weight_array(plan: Cascade, schemes: list[Scheme]):
    """Weights as an array (schemes × departments × KPIs), with the matrices it came from."""
    base = plan.weights()
    matrices = [apply_scheme(base, s) for s in schemes]
    return np.array([m.weights for m in matrices], dtype=float), matrices


def apply_policy(raw, policy: ScoringPolicy):
    """:meth:`ScoringPolicy.apply` on an array of raw scores."""
    out = np.maximum(policy.floor, raw)
    if policy.cap is not None:
        out = np.minimum(policy.cap, out)
    if policy.threshold is not None:
        out = np.where(raw < policy.threshold, policy.floor, out)
    return out


def _raw_vector(plan: Cascade, actuals, weights) -> np.ndarray:
    raw = plan.raw_scores(actuals)
    used = weights.sum(axis=(0, 1)) > 0
    missing = [k.id for k, u in zip(plan.kpis, used) if u and raw[k.id] is None]
    if missing:
        raise InputError(f"KPI '{missing[0]}' has no actual", where=f"kpis.{missing[0]}.actual",
                         hint="give every weighted KPI an actual (in the file, or actuals={...})")
    return np.array([0.0 if raw[k.id] is None else raw[k.id] for k in plan.kpis])


def _ranks(scores: np.ndarray) -> np.ndarray:
    """Competition ranks along the last axis (1 = best)."""
    return 1 + (scores[..., None, :] > scores[..., :, None] + 1e-9).sum(axis=-1)


def _band_names(scores: Iterable[float], lang: str | None) -> list[str]:
    return [i18n.t(f"band.{band(float(s))}", lang) for s in scores]


# ---------------------------------------------------------------- what-if

@dataclass(frozen=True)
class WhatIfResult:
    """Every department re-scored on the same actuals under each weight scheme."""

    schemes: tuple[str, ...]
    departments: tuple[str, ...]
    scores: tuple[tuple[float, ...], ...]     # schemes × departments
    ranks: tuple[tuple[int, ...], ...]
    payouts: tuple[tuple[float, ...], ...] | None = None
    weights: tuple = field(default=(), compare=False, repr=False)

    def _ij(self, scheme: str, department: str) -> tuple[int, int]:
        if scheme not in self.schemes:
            raise InputError(f"no scheme {scheme!r} in this comparison", where="scheme",
                             hint=f"schemes: {', '.join(self.schemes)}")
        if department not in self.departments:
            raise InputError(f"no department {department!r}", where="department",
                             hint=f"departments: {', '.join(self.departments)}")
        return self.schemes.index(scheme), self.departments.index(department)

    def score(self, scheme: str, department: str) -> float:
        i, j = self._ij(scheme, department)
        return self.scores[i][j]

    def rank(self, scheme: str, department: str) -> int:
        i, j = self._ij(scheme, department)
        return self.ranks[i][j]

    def band(self, scheme: str, department: str) -> str:
        return band(self.score(scheme, department))

    def rows(self) -> list[dict]:
        out = []
        for i, s in enumerate(self.schemes):
            for j, d in enumerate(self.departments):
                out.append({"scheme": s, "department": d, "score": self.scores[i][j], "rank": self.ranks[i][j],
                            "band": band(self.scores[i][j]),
                            "delta": self.scores[i][j] - self.scores[0][j],
                            "rank_change": self.ranks[0][j] - self.ranks[i][j],
                            "payout": None if self.payouts is None else self.payouts[i][j]})
        return out

    def to_dict(self) -> dict:
        return {"schemes": list(self.schemes), "departments": list(self.departments), "rows": self.rows(),
                "weights": [m.to_dict() for m in self.weights]}

    def to_frame(self, *, wide: bool = False):
        """One row per (scheme, department): score, rank, band, change against the first scheme.

        ``wide=True`` puts the schemes side by side: one row per department,
        a score and a rank column per scheme.
        """
        import pandas as pd

        frame = pd.DataFrame(self.rows())
        if not wide:
            return frame
        out = frame.pivot(index="department", columns="scheme", values=["score", "rank"])
        out.columns = [f"{what} {scheme}" for what, scheme in out.columns]
        order = [f"{what} {s}" for s in self.schemes for what in ("score", "rank")]
        return out.loc[list(self.departments), order]

    def lines(self, lang: str | None = None) -> list[str]:
        lang = i18n.get_lang(lang)
        width = max(len(department_name(d, lang)) for d in self.departments)
        head = f"{i18n.t('sim.department', lang):<{width}}  " + "  ".join(f"{s:>14}" for s in self.schemes)
        out = [i18n.t("sim.h.whatif", lang, first=self.schemes[0]), head]
        for j, d in enumerate(self.departments):
            cells = []
            for i in range(len(self.schemes)):
                change = self.scores[i][j] - self.scores[0][j]
                delta = "" if i == 0 else ("+" if change >= 0 else "") + i18n.number(change, lang, decimals=2)
                cells.append(f"{i18n.number(self.scores[i][j], lang, decimals=2)} #{self.ranks[i][j]} {delta:>5}")
            out.append(f"{department_name(d, lang):<{width}}  " + "  ".join(f"{c:>14}" for c in cells))
        return out

    def __repr__(self) -> str:
        return "\n".join(["WhatIfResult", *self.lines("en")])

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(s)}</th>" for s in self.schemes)
        body = ""
        for j, d in enumerate(self.departments):
            cells = "".join(f"<td style='text-align:right'>{self.scores[i][j]:.2f} (#{self.ranks[i][j]})</td>"
                            for i in range(len(self.schemes)))
            body += f"<tr><th>{html.escape(d)}</th>{cells}</tr>"
        return f"<table class='okrkit-whatif'><thead><tr><th></th>{head}</tr></thead><tbody>{body}</tbody></table>"


def what_if(plan: Any = None, *, schemes=None, actuals: Mapping[str, float] | None = None,
            policy: str | ScoringPolicy | None = None) -> WhatIfResult:
    """Re-score every department on the same actuals under alternative weight schemes.

    ``schemes``: names from the cascade (default: all of them), :class:`Scheme`
    objects, or a mapping ``{name: {department: {kpi: weight}}}``.
    """
    plan = _plan(plan)
    pol = plan.policy if policy is None else get_policy(policy)
    sch = _schemes(plan, schemes)
    W, matrices = weight_array(plan, sch)
    s = apply_policy(_raw_vector(plan, actuals, W), pol)
    scores = W @ s                                   # schemes × departments
    rk = _ranks(scores)
    pay = None if plan.payout is None else plan.payout(scores)
    return WhatIfResult(tuple(x.name for x in sch), tuple(matrices[0].departments),
                        tuple(map(tuple, scores.tolist())), tuple(map(tuple, rk.tolist())),
                        None if pay is None else tuple(map(tuple, pay.tolist())), tuple(matrices))


# ---------------------------------------------------------------- sensitivity

@dataclass(frozen=True)
class Sensitivity:
    """How one department's score moves with one KPI's weight (the others share the rest).

    The score is linear in the weight ``w``: ``score(w) = others + w × (kpi_score − others)``,
    where ``others`` is the weighted mean score of the department's other KPIs.
    """

    department: str
    kpi: str
    weight: float
    kpi_score: float
    others: float
    score: float
    per_point: float                                      # score change per weight point (0.01)
    band_flips: tuple[tuple[float, str], ...] = ()        # (weight, band beyond it)
    rank_flips: tuple[tuple[float, str, int], ...] = ()   # (weight, department passed, new rank)

    def at(self, weight: float) -> float:
        return self.others + weight * (self.kpi_score - self.others)

    def to_dict(self) -> dict:
        return {"department": self.department, "kpi": self.kpi, "weight": self.weight,
                "kpi_score": self.kpi_score, "others": self.others, "score": self.score,
                "per_point": self.per_point,
                "band_flips": [{"weight": w, "band": b} for w, b in self.band_flips],
                "rank_flips": [{"weight": w, "passes": d, "rank": r} for w, d, r in self.rank_flips]}


@dataclass(frozen=True)
class SensitivityResult:
    """Sensitivity of every department to every weight it carries, under one scheme."""

    scheme: str
    items: tuple[Sensitivity, ...]
    step: float = 0.1
    names: Mapping[str, str] = field(default_factory=dict, compare=False)   # KPI id → the cascade's name

    def for_department(self, department: str) -> tuple[Sensitivity, ...]:
        return tuple(x for x in self.items if x.department == department)

    def get(self, department: str, kpi: str) -> Sensitivity:
        for x in self.items:
            if x.department == department and x.kpi == kpi:
                return x
        raise KeyError((department, kpi))

    def tornado(self, department: str | None = None) -> list[dict]:
        """Rows for a tornado chart: score with the weight ``step`` lower and higher."""
        out = []
        for x in self.items if department is None else self.for_department(department):
            lo, hi = max(0.0, x.weight - self.step), min(1.0, x.weight + self.step)
            out.append({"department": x.department, "kpi": x.kpi, "weight": x.weight, "score": x.score,
                        "low": x.at(lo), "high": x.at(hi), "low_weight": lo, "high_weight": hi,
                        "swing": abs(x.at(hi) - x.at(lo))})
        return sorted(out, key=lambda r: -r["swing"])

    def lines(self, lang: str | None = None) -> list[str]:
        lang = i18n.get_lang(lang)
        out = [i18n.t("sim.h.sensitivity", lang, scheme=self.scheme)]
        for x in self.items:
            per = ("+" if x.per_point >= 0 else "") + i18n.number(x.per_point * 10, lang, decimals=3)
            line = (f"  {department_name(x.department, lang):<26} {kpi_name(x.kpi, lang, given=self.names.get(x.kpi)):<28}"
                    f" {i18n.t('term.weight', lang)} {i18n.number(x.weight, lang, decimals=2)}  "
                    + i18n.t("sim.per_ten", lang, change=per))
            if x.band_flips:
                w, b = min(x.band_flips, key=lambda f: abs(f[0] - x.weight))
                line += "  " + i18n.t("sim.band_flip", lang, weight=i18n.number(w, lang, decimals=2),
                                      band=i18n.t(f"band.{b}", lang))
            if x.rank_flips:
                w, d, r = min(x.rank_flips, key=lambda f: abs(f[0] - x.weight))
                line += "  " + i18n.t("sim.rank_flip", lang, weight=i18n.number(w, lang, decimals=2),
                                      other=department_name(d, lang), rank=r)
            out.append(line)
        return out

    def to_dict(self) -> dict:
        return {"scheme": self.scheme, "step": self.step, "items": [x.to_dict() for x in self.items]}

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([{k: v for k, v in x.to_dict().items() if k not in ("band_flips", "rank_flips")}
                             | {"nearest_band_flip": min((w for w, _ in x.band_flips),
                                                         key=lambda w: abs(w - x.weight), default=None),
                                "nearest_rank_flip": min((w for w, _, _ in x.rank_flips),
                                                         key=lambda w: abs(w - x.weight), default=None)}
                             for x in self.items])

    def __repr__(self) -> str:
        return "\n".join(["SensitivityResult", *self.lines("en")])

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{html.escape(x.department)}</td><td>{html.escape(x.kpi)}</td>"
                       f"<td style='text-align:right'>{x.weight:.2f}</td>"
                       f"<td style='text-align:right'>{x.per_point * 100:+.3f}</td></tr>" for x in self.items)
        return ("<table class='okrkit-sensitivity'><thead><tr><th>department</th><th>KPI</th><th>weight</th>"
                f"<th>score per 100 points</th></tr></thead><tbody>{rows}</tbody></table>")


def sensitivity(plan: Any = None, *, scheme: str | None = None, actuals: Mapping[str, float] | None = None,
                policy: str | ScoringPolicy | None = None, step: float = 0.1) -> SensitivityResult:
    """How much each department's score moves per weight point, and where its band or rank flips.

    Moving one KPI's weight to ``w`` rescales the department's other weights to
    share ``1 − w`` in their current proportions, so the score is a straight
    line in ``w``; flips are where that line crosses a band edge or another
    department's score (the other departments keep their weights).
    """
    plan = _plan(plan)
    pol = plan.policy if policy is None else get_policy(policy)
    sch = _schemes(plan, scheme if scheme is not None else (plan.schemes[0].name if plan.schemes else "base"))[0]
    W, matrices = weight_array(plan, [sch])
    m = matrices[0]
    s = apply_policy(_raw_vector(plan, actuals, W), pol)
    dept_scores = W[0] @ s
    items = []
    for i, dept in enumerate(m.departments):
        carried = [j for j, c in enumerate(m.carries[i]) if c]
        for j in carried:
            others = [o for o in carried if o != j]
            if not others:
                continue
            ow = W[0, i, others]
            R = float(ow @ s[others] / ow.sum()) if ow.sum() > 0 else float(s[others].mean())
            w0, sk = float(W[0, i, j]), float(s[j])
            slope = sk - R
            current = float(dept_scores[i])
            band_flips, rank_flips = [], []
            if abs(slope) > 1e-12:
                for edge in BAND_EDGES:
                    w = (edge - R) / slope
                    if 0 <= w <= 1 and abs(w - w0) > 1e-9:
                        beyond = R + (w + (1e-6 if w > w0 else -1e-6)) * slope
                        if band(beyond) != band(current):
                            band_flips.append((w, band(beyond)))
                for e, other in enumerate(m.departments):
                    if e == i:
                        continue
                    w = (float(dept_scores[e]) - R) / slope
                    if 0 <= w <= 1 and abs(w - w0) > 1e-9:
                        beyond = R + (w + (1e-6 if w > w0 else -1e-6)) * slope
                        new = dept_scores.copy()
                        new[i] = beyond
                        rank_flips.append((w, other, int(_ranks(new)[i])))
            items.append(Sensitivity(dept, m.kpis[j], w0, sk, R, current, slope / 100,
                                     tuple(sorted(band_flips)), tuple(sorted(rank_flips))))
    return SensitivityResult(sch.name, tuple(items), step, {k.id: k.name for k in plan.kpis})


# ---------------------------------------------------------------- Monte Carlo

def _phi(z):
    """Standard normal CDF, vectorised (Abramowitz–Stegun 7.1.26, error < 1.5e-7)."""
    x = np.abs(z) / math.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    erf = 1.0 - poly * np.exp(-x * x)
    return 0.5 * (1.0 + np.sign(z) * erf)


def correlation_matrix(plan: Cascade) -> np.ndarray:
    """KPIs × KPIs correlation matrix from the cascade's ``simulation.correlations``."""
    ids = [k.id for k in plan.kpis]
    C = np.eye(len(ids))
    for a, b, r in plan.simulation.get("correlations", ()):
        i, j = ids.index(a), ids.index(b)
        C[i, j] = C[j, i] = r
    return C


def distributions(plan: Cascade) -> list[dict]:
    """Each KPI's distribution of raw score; a KPI without one is normal around its actual's score."""
    raw = plan.raw_scores()
    given = plan.simulation.get("distributions", {})
    out = []
    for k in plan.kpis:
        if k.id in given:
            out.append(dict(given[k.id]))
        else:
            mean = raw[k.id] if raw[k.id] is not None else 1.0
            out.append({"dist": "normal", "mean": mean, "sd": DEFAULT_SD})
    return out


def draw_raw(plan: Cascade, draws: int, seed: int | None) -> np.ndarray:
    """Raw KPI scores, draws × KPIs, from a Gaussian copula (linked KPIs move together)."""
    C = correlation_matrix(plan)
    try:
        L = np.linalg.cholesky(C)
    except np.linalg.LinAlgError:
        raise InputError("the correlations contradict each other (the matrix is not positive definite)",
                         where="simulation.correlations",
                         hint="lower the strongest correlations, or remove one of a triangle of links") from None
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((draws, len(plan.kpis))) @ L.T
    X = np.empty_like(Z)
    for j, d in enumerate(distributions(plan)):
        z = Z[:, j]
        if d["dist"] == "normal":
            X[:, j] = d["mean"] + d["sd"] * z
            continue
        u = _phi(z)
        lo, hi = d["low"], d["high"]
        if d["dist"] == "uniform":
            X[:, j] = lo + (hi - lo) * u
        else:
            mode = d["mode"]
            c = (mode - lo) / (hi - lo)
            left = lo + np.sqrt(u * (hi - lo) * (mode - lo))
            right = hi - np.sqrt((1 - u) * (hi - lo) * (hi - mode))
            X[:, j] = np.where(u < c, left, right)
    return X


def kpi_draws(plan: Any = None, *, draws: int | None = None, seed: int | None = None) -> np.ndarray:
    """Raw KPI scores for ``draws`` simulated quarters (draws × KPIs, in the cascade's KPI order).

    The same draws :func:`monte_carlo` scores, for widgets that score them themselves.
    """
    plan = _plan(plan)
    n = int(draws if draws is not None else plan.simulation.get("draws", 10_000))
    return draw_raw(plan, n, seed if seed is not None else plan.simulation.get("seed", 0))


@dataclass(frozen=True)
class MonteCarloResult:
    """Distributions of department scores and payouts under each scheme, on the same draws.

    ``scores`` and ``payouts`` are arrays (draws × schemes × departments); the
    summaries hold mean, percentiles, the probability of reaching the target
    score (``p_target``), the payout threshold (``p_threshold``) and green.
    """

    schemes: tuple[str, ...]
    departments: tuple[str, ...]
    draws: int
    seed: int | None
    target: float
    threshold: float | None
    percentiles: tuple[float, ...]
    scores: Any = field(repr=False, compare=False)
    payouts: Any = field(default=None, repr=False, compare=False)

    def summary(self, scheme: str, department: str) -> dict:
        i, j = self.schemes.index(scheme), self.departments.index(department)
        return _summary(self.scores[:, i, j], None if self.payouts is None else self.payouts[:, i, j],
                        self.target, self.threshold, self.percentiles)

    def rows(self) -> list[dict]:
        return [{"scheme": s, "department": d, **self.summary(s, d)}
                for s in self.schemes for d in self.departments]

    def histogram(self, *, bins: int = 30, payouts: bool = False) -> list[dict]:
        """Share of draws per score bin, per scheme and department (few rows: chart-ready)."""
        data = self.payouts if payouts else self.scores
        if data is None:
            raise InputError("this cascade has no payout curve", where="payout", hint="add a payout: section")
        lo, hi = float(data.min()), float(data.max())
        if hi - lo < 1e-12:
            hi = lo + 1e-6
        edges = np.linspace(lo, hi, bins + 1)
        out = []
        for i, s in enumerate(self.schemes):
            for j, d in enumerate(self.departments):
                counts, _ = np.histogram(data[:, i, j], bins=edges)
                share = counts / counts.sum()
                out += [{"scheme": s, "department": d, "start": float(a), "end": float(b), "share": float(c)}
                        for a, b, c in zip(edges[:-1], edges[1:], share)]
        return out

    def lines(self, lang: str | None = None) -> list[str]:
        lang = i18n.get_lang(lang)
        p = self.percentiles
        out = [i18n.t("sim.h.montecarlo", lang, draws=i18n.number(self.draws, lang), seed=self.seed,
                      target=i18n.number(self.target, lang)),
               f"  {'':<8} {'':<26} {i18n.t('sim.col.mean', lang):>5} "
               + " ".join(f"{'p' + format(q, 'g'):>5}" for q in p)
               + f" {i18n.t('sim.col.p_target', lang):>9} {i18n.t('sim.col.p_green', lang):>8} "
               f"{i18n.t('sim.col.payout', lang):>7}"]
        def two(x):
            return i18n.number(x, lang, decimals=2)
        for r in self.rows():
            pct = " ".join(f"{two(r['percentiles'][format(q, 'g')]):>5}" for q in p)
            pay = "" if r["payout_mean"] is None else f"{i18n.percent(r['payout_mean'], lang):>7}"
            out.append(f"  {r['scheme']:<8} {department_name(r['department'], lang):<26} {two(r['mean']):>5} {pct} "
                       f"{i18n.percent(r['p_target'], lang):>9} {i18n.percent(r['p_green'], lang):>8} {pay}")
        return out

    def to_dict(self) -> dict:
        return {"schemes": list(self.schemes), "departments": list(self.departments), "draws": self.draws,
                "seed": self.seed, "target": self.target, "threshold": self.threshold, "rows": self.rows()}

    def to_frame(self):
        import pandas as pd

        rows = []
        for r in self.rows():
            flat = {k: v for k, v in r.items() if k not in ("percentiles", "payout_percentiles")}
            flat |= {f"p{k}": v for k, v in r["percentiles"].items()}
            rows.append(flat)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return "\n".join(["MonteCarloResult", *self.lines("en")])

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{html.escape(r['scheme'])}</td><td>{html.escape(r['department'])}</td>"
                       f"<td style='text-align:right'>{r['mean']:.2f}</td>"
                       f"<td style='text-align:right'>{r['p_target']:.0%}</td></tr>" for r in self.rows())
        return ("<table class='okrkit-montecarlo'><thead><tr><th>scheme</th><th>department</th><th>mean score</th>"
                f"<th>P(target)</th></tr></thead><tbody>{rows}</tbody></table>")


def _summary(scores, payouts, target, threshold, percentiles) -> dict:
    q = np.percentile(scores, percentiles)
    out = {"mean": float(scores.mean()), "sd": float(scores.std()),
           "percentiles": {format(p, "g"): float(v) for p, v in zip(percentiles, q)},
           "p_target": float((scores >= target - 1e-9).mean()),
           "p_threshold": None if threshold is None else float((scores >= threshold - 1e-9).mean()),
           "p_green": float((scores >= BAND_EDGES[1] - 1e-9).mean()),
           "payout_mean": None, "payout_percentiles": None}
    if payouts is not None:
        out["payout_mean"] = float(payouts.mean())
        out["payout_percentiles"] = {format(p, "g"): float(v) for p, v in
                                     zip(percentiles, np.percentile(payouts, percentiles))}
    return out


def monte_carlo(plan: Any = None, *, schemes=None, draws: int | None = None, seed: int | None = None,
                policy: str | ScoringPolicy | None = None, percentiles=(5, 50, 95),
                raw: Any = None) -> MonteCarloResult:
    """Draw KPI achievements, score every scheme on the same draws, summarise scores and payouts.

    ``draws`` and ``seed`` default to the cascade's ``simulation`` section
    (else 10,000 and 0): the same seed gives the same result.  ``raw`` may give
    the draws directly (draws × KPIs raw scores), e.g. to compare with a loop.
    """
    plan = _plan(plan)
    pol = plan.policy if policy is None else get_policy(policy)
    sch = _schemes(plan, schemes)
    n = int(draws if draws is not None else plan.simulation.get("draws", 10_000))
    if n < 1:
        raise InputError(f"draws must be at least 1, got {n}", where="draws", hint="e.g. --draws 10000")
    seed = seed if seed is not None else plan.simulation.get("seed", 0)
    W, matrices = weight_array(plan, sch)
    X = draw_raw(plan, n, seed) if raw is None else np.asarray(raw, dtype=float)
    S = apply_policy(X, pol)
    nS, nD, nK = W.shape
    scores = (S @ W.reshape(nS * nD, nK).T).reshape(len(S), nS, nD)
    payouts = None if plan.payout is None else plan.payout(scores)
    target = plan.payout.target if plan.payout is not None else 1.0
    threshold = plan.payout.threshold if plan.payout is not None else None
    return MonteCarloResult(tuple(s.name for s in sch), tuple(matrices[0].departments), len(S), seed,
                            target, threshold, tuple(percentiles), scores, payouts)


# ---------------------------------------------------------------- behaviour lens

@dataclass(frozen=True)
class Incentive:
    scheme: str
    department: str
    kpi: str
    weight: float
    effort: float
    gain: float          # department score points per unit of effort on this KPI
    capped: bool
    shared: bool
    best: bool


@dataclass(frozen=True)
class IncentiveResult:
    """The incentive each scheme creates: which KPI pays a department most per unit of effort.

    ``pull_on_shared(scheme, department)`` is the share of the department's
    incentive that lies on KPIs it shares with other departments — the pull
    to cooperate rather than argue over blame.
    """

    items: tuple[Incentive, ...]
    schemes: tuple[str, ...]
    departments: tuple[str, ...]
    names: Mapping[str, str] = field(default_factory=dict, compare=False)   # KPI id → the cascade's name

    def best(self, scheme: str, department: str) -> Incentive | None:
        for x in self.items:
            if x.scheme == scheme and x.department == department and x.best:
                return x
        return None

    def pull_on_shared(self, scheme: str, department: str) -> float:
        mine = [x for x in self.items if x.scheme == scheme and x.department == department]
        total = sum(x.gain for x in mine)
        return 0.0 if total <= 0 else sum(x.gain for x in mine if x.shared) / total

    def lines(self, lang: str | None = None) -> list[str]:
        lang = i18n.get_lang(lang)
        out = [i18n.t("sim.h.incentives", lang)]
        for s in self.schemes:
            for d in self.departments:
                b = self.best(s, d)
                if b is None:
                    continue
                out.append("  " + i18n.t("sim.incentive", lang, scheme=s, department=department_name(d, lang),
                                         kpi=kpi_name(b.kpi, lang, given=self.names.get(b.kpi)),
                                         gain=i18n.number(b.gain, lang, decimals=3),
                                         shared=i18n.percent(self.pull_on_shared(s, d), lang)))
            zero = [x for x in self.items if x.scheme == s and x.shared and x.weight == 0]
            for x in zero:
                out.append("  " + i18n.t("sim.no_pull", lang, scheme=s, department=department_name(x.department, lang),
                                         kpi=kpi_name(x.kpi, lang, given=self.names.get(x.kpi))))
        return out

    def to_dict(self) -> dict:
        return {"schemes": list(self.schemes), "items": [dataclasses.asdict(x) for x in self.items],
                "pull_on_shared": {s: {d: self.pull_on_shared(s, d) for d in self.departments}
                                   for s in self.schemes}}

    def to_frame(self):
        import pandas as pd

        return pd.DataFrame([dataclasses.asdict(x) for x in self.items])

    def __repr__(self) -> str:
        return "\n".join(["IncentiveResult", *self.lines("en")])

    def _repr_html_(self) -> str:
        rows = "".join(f"<tr><td>{html.escape(x.scheme)}</td><td>{html.escape(x.department)}</td>"
                       f"<td>{'<b>' if x.best else ''}{html.escape(x.kpi)}{'</b>' if x.best else ''}</td>"
                       f"<td style='text-align:right'>{x.gain:.3f}</td></tr>" for x in self.items)
        return ("<table class='okrkit-incentives'><thead><tr><th>scheme</th><th>department</th><th>KPI</th>"
                f"<th>score per effort</th></tr></thead><tbody>{rows}</tbody></table>")


def incentives(plan: Any = None, *, schemes=None, actuals: Mapping[str, float] | None = None,
               effort: Mapping[str, float] | None = None,
               policy: str | ScoringPolicy | None = None) -> IncentiveResult:
    """For each scheme, which KPI gives each department the most score per unit of effort.

    Raising a KPI's score by one point adds ``weight`` points to the department
    (nothing once the KPI is at the policy's cap); ``effort`` (from the
    cascade's ``simulation.effort``, else 1 for every KPI) is what that point costs.
    """
    plan = _plan(plan)
    pol = plan.policy if policy is None else get_policy(policy)
    sch = _schemes(plan, schemes)
    W, matrices = weight_array(plan, sch)
    raw = _raw_vector(plan, actuals, W)
    eff = dict(plan.simulation.get("effort", {}))
    eff.update(effort or {})
    bad = [k for k, v in eff.items() if not v or v <= 0]
    if bad:
        raise InputError(f"effort for '{bad[0]}' must be above 0", where="effort", hint="e.g. effort={'revenue': 3}")
    kpis = [k.id for k in plan.kpis]
    e = np.array([float(eff.get(k, 1.0)) for k in kpis])
    capped = np.zeros(len(kpis), bool) if pol.cap is None else raw >= pol.cap - 1e-12
    gain = W * np.where(capped, 0.0, 1.0) / e                  # schemes × departments × KPIs
    items = []
    for si, m in enumerate(matrices):
        shared = {k for k, col in m.shared().items()}
        for di, d in enumerate(m.departments):
            carried = [j for j, c in enumerate(m.carries[di]) if c]
            top = max(carried, key=lambda j: gain[si, di, j]) if carried else None
            for j in carried:
                items.append(Incentive(sch[si].name, d, kpis[j], float(W[si, di, j]), float(e[j]),
                                       float(gain[si, di, j]), bool(capped[j]), kpis[j] in shared,
                                       bool(j == top and gain[si, di, j] > 0)))
    return IncentiveResult(tuple(items), tuple(s.name for s in sch), tuple(matrices[0].departments),
                           {k.id: k.name for k in plan.kpis})


i18n.register({
    "sim.department": {"en": "department", "vi": "bộ phận"},
    "sim.per_ten": {"en": "{change} per 10 weight points", "vi": "{change} mỗi 10 điểm trọng số"},
    "sim.h.whatif": {"en": "What-if: score #rank and change against '{first}'",
                     "vi": "Giả định: điểm #hạng và thay đổi so với '{first}'"},
    "sim.h.sensitivity": {"en": "Sensitivity under '{scheme}' (score change per 10 weight points; nearest flips)",
                          "vi": "Độ nhạy theo '{scheme}' (điểm thay đổi mỗi 10 điểm trọng số; điểm đổi gần nhất)"},
    "sim.band_flip": {"en": "band turns {band} at weight {weight}", "vi": "chuyển sang {band} ở trọng số {weight}"},
    "sim.rank_flip": {"en": "swaps places with {other} (rank {rank}) at weight {weight}",
                      "vi": "đổi chỗ với {other} (hạng {rank}) ở trọng số {weight}"},
    "sim.h.montecarlo": {"en": "Monte Carlo: {draws} draws, seed {seed}; target score {target}",
                         "vi": "Monte Carlo: {draws} lần rút, mã ngẫu nhiên {seed}; điểm cần đạt {target}"},
    "sim.col.mean": {"en": "mean", "vi": "TB"},
    "sim.col.p_target": {"en": "P(target)", "vi": "P(đạt)"},
    "sim.col.p_green": {"en": "P(green)", "vi": "P(xanh)"},
    "sim.col.payout": {"en": "payout", "vi": "thưởng"},
    "sim.h.incentives": {"en": "Behaviour lens: the KPI that pays most score per unit of effort",
                         "vi": "Lăng kính hành vi: KPI mang lại nhiều điểm nhất trên mỗi đơn vị nỗ lực"},
    "sim.incentive": {"en": "{scheme}: {department} → {kpi} ({gain} per effort; {shared} of its pull is on shared KPIs)",
                      "vi": "{scheme}: {department} → {kpi} ({gain} mỗi đơn vị nỗ lực; {shared} động lực nằm ở KPI chung)"},
    "sim.no_pull": {"en": "{scheme}: {department} carries {kpi} with weight 0 — no reason to help with it",
                    "vi": "{scheme}: {department} mang KPI {kpi} với trọng số 0 — không có lý do để góp sức"},
})
