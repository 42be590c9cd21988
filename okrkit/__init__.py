"""okrkit: a workshop kit for management by objectives — KPIs, OKRs and the Balanced Scorecard.

``import okrkit as ok`` and ``ok.<TAB>`` shows the course vocabulary.  The core
is pure Python and cheap to import; the Jupyter layer (``okrkit.ui``) and the
grader (``okrkit.grading``) import their heavy dependencies only when used.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

__version__ = "0.1.0"

from .errors import InputError, OkrkitError, ProblemList, RateError, WeightError  # noqa: E402
from .files import load_okrs, save_okrs  # noqa: E402
from .model import KPI, Department, KeyResult, Objective, OKRSet  # noqa: E402
from .scoring import CLAMPED, UNCAPPED, ScoreCard, ScoringPolicy, band, progress, score  # noqa: E402

DATA = Path(__file__).parent / "data"

# Names that live in modules loaded on first use (keeps `import okrkit` fast).
_LAZY = {
    "parse_quantity": "okrkit.quantity:parse_quantity",
    "find_quantities": "okrkit.quantity:find_quantities",
    "lint": "okrkit.lint:lint",
    "LintReport": "okrkit.lint:LintReport",
    "Finding": "okrkit.lint:Finding",
    # sales review (pandas, imported on first use)
    "SalesData": "okrkit.sales:SalesData",
    "Period": "okrkit.sales:Period",
    "period": "okrkit.sales:period",
    "load_sales": "okrkit.sales:load_sales",
    "sample_sales": "okrkit.sales:sample_sales",
    "review": "okrkit.sales:review",
    "plan_vs_actual": "okrkit.sales:plan_vs_actual",
    "customer_orders": "okrkit.sales:customer_orders",
    "customers_without_orders": "okrkit.sales:customers_without_orders",
    "drilldown": "okrkit.sales:drilldown",
    "top_customers": "okrkit.sales:top_customers",
    "cross_sell": "okrkit.sales:cross_sell",
    "stage_growth": "okrkit.sales:stage_growth",
    # weekly check-ins (Plan / Progress / Problems), forecast, calibration
    "load_checkins": "okrkit.checkin:load_checkins",
    "sample_checkins": "okrkit.checkin:sample_checkins",
    "forecast": "okrkit.checkin:forecast",
    "calibration": "okrkit.checkin:calibration",
    "progress_curve": "okrkit.checkin:progress_curve",
    "cascade": "okrkit.cascade:cascade",
    "sample_cascade": "okrkit.cascade:sample_cascade",
    "load_cascade": "okrkit.cascade:load_cascade",
    "Cascade": "okrkit.cascade:Cascade",
    "CascadeResult": "okrkit.cascade:CascadeResult",
    "Goal": "okrkit.cascade:Goal",
    "Scheme": "okrkit.cascade:Scheme",
    "allocate": "okrkit.cascade:allocate",
    "normalize": "okrkit.cascade:normalize",
    "PayoutCurve": "okrkit.payout:PayoutCurve",
    "what_if": "okrkit.simulate:what_if",
    "sensitivity": "okrkit.simulate:sensitivity",
    "monte_carlo": "okrkit.simulate:monte_carlo",
    "incentives": "okrkit.simulate:incentives",
}

__all__ = [
    "CLAMPED", "KPI", "UNCAPPED", "Department", "InputError", "KeyResult", "OKRSet", "Objective", "OkrkitError",
    "ProblemList", "RateError", "ScoreCard", "ScoringPolicy", "WeightError", "band", "load_okrs", "progress",
    "sample_company", "sample_path", "save_okrs", "score",
]
__all__ += list(_LAZY)


def __getattr__(name: str):
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'okrkit' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))


def sample_path(name: str = "company.yaml", sample: str | None = None) -> Path:
    """Path of a file of a bundled sample company (``company.yaml``, ``cascade.yaml``, ``sales``…).

    ``sample`` chooses the company (``"saomai"`` or ``"fmcg"``; default ``$OKRKIT_SAMPLE``, else Sao Mai,
    see :mod:`okrkit.samples`).  A file the company does not have of its own (the sample class, the roster)
    is the kit's shared one.
    """
    from .samples import get

    chosen = get(sample)
    path = chosen.path(name)
    if not path.exists() and (DATA / name).exists() and name.split("/")[0] not in _OWN_FILES:
        path = DATA / name
    if not path.exists():
        available = ", ".join(sorted(p.name for p in chosen.folder.iterdir() if p.is_file()))
        raise InputError(f"no sample file named {name!r}", hint=f"available: {available}")
    return path


# files every sample company has of its own (never borrowed from another company)
_OWN_FILES = ("company.yaml", "cascade.yaml", "checkin_notes.yaml", "sales", "profile.yaml")


def sample_company(sample: str | None = None) -> OKRSet:
    """A bundled sample company's quarter of OKRs (2026-Q1); Sao Mai unless ``sample`` (or the class) says otherwise.

    >>> import okrkit as ok
    >>> ok.sample_company().organization
    'Công ty Phần mềm Sao Mai'
    """
    return load_okrs(sample_path("company.yaml", sample))
