"""The weight panel: one slider per department × KPI weight, and what the weights do.

Move a slider (the change is taken when it is released) and the panel

* checks each department's row: a row that does not sum to 100% gets a visible
  warning and a one-click *Normalise* button (scores meanwhile use the row
  rescaled to 100%);
* redraws the chart of department scores and ranks on the sample actuals and,
  with the Monte Carlo view on, the spread (10th–90th percentile) and the
  chance of reaching target over the cached draws — re-weighted in one matrix
  product, never re-drawn;
* updates the comparison with the cascade's weight schemes;
* saves the weights (and the written defence) to the answers file.

The chart is an Altair chart drawn once (:mod:`okrkit.ui.livechart`, offline): a move sets its
``state`` parameter (scores, spread, rank colours and labels in the panel's language) and Vega
redraws the marks; the ranks are also listed as text beside it.  The scheme comparison and the
lens follow 80 ms after the sliders rest.  ``benchmarks/bench_slider.py`` measures slider → chart
against a no-op widget round trip (target: p95 under 100 ms).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata

import ipywidgets as W

from .. import i18n
from .forms import AnswerForm, esc, style_widget
from .headless import headless_when_grading

i18n.register({
    "ui.weights.title": {"en": "Weights: departments × KPIs", "vi": "Trọng số: bộ phận × KPI"},
    "ui.weights.sum": {"en": "Sum: {total}%", "vi": "Tổng: {total}%"},
    "ui.weights.bad_sum": {"en": "Sum is {total}%, not 100% — scores use this row rescaled to 100%.",
                           "vi": "Tổng là {total}%, không phải 100% — điểm đang tính theo hàng này quy về 100%."},
    "ui.weights.empty_row": {"en": "All weights are 0: this department has no score.",
                             "vi": "Mọi trọng số đều bằng 0: bộ phận này không có điểm."},
    "ui.weights.normalise": {"en": "Normalise to 100%", "vi": "Chuẩn hóa về 100%"},
    "ui.weights.mc": {"en": "Monte Carlo view ({n} simulated quarters)",
                      "vi": "Mô phỏng Monte Carlo ({n} quý giả lập)"},
    "ui.weights.chart": {"en": "Department scores on the sample actuals", "vi": "Điểm các bộ phận theo số liệu mẫu"},
    "ui.weights.rank": {"en": "#{rank}", "vi": "hạng {rank}"},
    "ui.weights.spread": {"en": "bar: score on actuals · line: 10th–90th percentile · % = chance of ≥ 1.0",
                          "vi": "cột: điểm theo thực tế · vạch: khoảng phân vị 10–90 · % = xác suất đạt ≥ 1,0"},
    "ui.weights.schemes": {"en": "Weight schemes compared (score / rank)", "vi": "So sánh các phương án trọng số (điểm / hạng)"},
    "ui.weights.yours": {"en": "your weights", "vi": "trọng số của bạn"},
    "ui.weights.department": {"en": "Department", "vi": "Bộ phận"},
    "ui.weights.score": {"en": "Score, rank, chance of ≥ 1.0", "vi": "Điểm, hạng, xác suất đạt ≥ 1,0"},
    "ui.weights.defence": {"en": "Why these weights? (how do they make Marketing and Sales cooperate?)",
                           "vi": "Vì sao chọn các trọng số này? (chúng giúp Marketing và Kinh doanh hợp tác thế nào?)"},
    "ui.weights.shared": {"en": "shared KPI", "vi": "KPI chung"},
    "ui.weights.lens": {"en": "Behaviour lens: where each department's effort pays most",
                        "vi": "Lăng kính hành vi: công sức của mỗi bộ phận đáng bỏ vào đâu nhất"},
    "ui.weights.best": {"en": "best effort on", "vi": "nên dồn sức vào"},
    "ui.weights.pull": {"en": "pull toward shared KPIs", "vi": "lực kéo về KPI chung"},
    "ui.weights.start": {"en": "starting weights", "vi": "trọng số ban đầu"},
    "ui.weights.gain": {"en": "{gain} points per unit of effort", "vi": "{gain} điểm mỗi đơn vị nỗ lực"},
    "ui.weights.pull_share": {"en": "{share} of the pull on shared KPIs", "vi": "{share} động lực nằm ở KPI chung"},
})


def slug(text: str) -> str:
    """``'Marketing - PR - Đối tác'`` → ``'marketing-pr-doi-tac'`` (for CSS classes)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


# ---------------------------------------------------------------- numbers (no widgets)
class WeightModel:
    """The numbers behind the panel: KPI scores on actuals, cached Monte Carlo draws, schemes."""

    def __init__(self, plan, *, draws: int | None = None):
        import numpy as np

        self.plan = plan
        matrix = plan.weights()
        self.departments = list(matrix.departments)
        self.kpis = list(matrix.kpis)
        self.carries = np.array(matrix.carries, dtype=bool)
        self.base = np.array(matrix.weights, dtype=float)
        names = {k.id: k.name for k in plan.kpis}
        self.kpi_names = [names.get(k, k) for k in self.kpis]
        policy = plan.policy
        raw = plan.raw_scores()
        self.actual = np.array([policy.apply(raw[k]) if raw[k] is not None else 0.0 for k in self.kpis])
        self.cap = policy.cap
        self.floor = policy.floor
        sim = getattr(plan, "simulation", {}) or {}
        n = int(draws or sim.get("draws") or 5000)
        self.draws = self._draw(sim, n)  # (n, k) KPI scores after the policy
        self._draws_t = np.ascontiguousarray(self.draws.T, dtype=np.float32)  # (k, n) for fast re-weighting
        self.schemes = []
        for name in plan.scheme_names():
            try:
                w = np.array(plan.weights(None if name == "base" else name).weights, dtype=float)
            except Exception:  # noqa: BLE001, S112  -- never raise into the output area
                continue
            self.schemes.append((name, w, self.scores(w)))  # the schemes do not move: score them once

    def _draw(self, sim: dict, n: int):
        """KPI scores in ``n`` simulated quarters (Gaussian copula for the correlations)."""
        import numpy as np

        try:
            from ..simulate import kpi_draws  # the simulator's own draws, when it offers them

            raw = np.asarray(kpi_draws(self.plan, draws=n), dtype=float)
            if raw.shape == (n, len(self.kpis)):
                return self._apply_policy(raw)
        except Exception:  # noqa: BLE001, S110  -- never raise into the output area
            pass
        rng = np.random.default_rng(sim.get("seed", 2026))
        k = len(self.kpis)
        corr = np.eye(k)
        index = {kid: j for j, kid in enumerate(self.kpis)}
        for a, b, r in sim.get("correlations", ()):
            if a in index and b in index:
                corr[index[a], index[b]] = corr[index[b], index[a]] = r
        vals, vecs = np.linalg.eigh(corr)
        root = vecs @ np.diag(np.sqrt(np.clip(vals, 1e-9, None)))
        z = rng.standard_normal((n, k)) @ root.T
        z = z / np.sqrt((root ** 2).sum(axis=1))  # unit variance after clipping
        erf = np.frompyfunc(math.erf, 1, 1)
        u = None
        raw = np.empty((n, k))
        dists = sim.get("distributions", {})
        for kid, j in index.items():
            spec = dists.get(kid)
            if spec is None:
                raw[:, j] = self.actual[j]
                continue
            if spec["dist"] == "normal":
                raw[:, j] = spec["mean"] + spec["sd"] * z[:, j]
                continue
            if u is None:
                u = (0.5 * (1.0 + erf(z / math.sqrt(2.0)).astype(float)))
            uj = np.clip(u[:, j], 1e-12, 1 - 1e-12)
            lo, hi = spec["low"], spec["high"]
            if spec["dist"] == "uniform":
                raw[:, j] = lo + (hi - lo) * uj
            else:
                mode = spec["mode"]
                cut = (mode - lo) / (hi - lo)
                left = lo + np.sqrt(uj * (hi - lo) * (mode - lo))
                right = hi - np.sqrt((1 - uj) * (hi - lo) * (hi - mode))
                raw[:, j] = np.where(uj < cut, left, right)
        return self._apply_policy(raw)

    def _apply_policy(self, raw):
        import numpy as np

        return np.clip(raw, self.floor, np.inf if self.cap is None else self.cap)

    def _lens_setup(self):
        """Effort and cap per KPI, and which KPIs are shared, as :func:`okrkit.simulate.incentives` sees them.

        Asked on the plan's own weights only: the plan's alternative schemes need not
        apply to it (the silo start of ex04 cannot take the sample's "50/40" override).
        """
        import numpy as np

        from ..simulate import incentives

        items = incentives(self.plan, schemes={"base": {}}).items
        effort = {x.kpi: x.effort for x in items}
        capped = {x.kpi: x.capped for x in items}
        shared = {x.kpi for x in items if x.shared}
        return (np.array([effort.get(k, 1.0) for k in self.kpis]),
                np.array([not capped.get(k, False) for k in self.kpis], dtype=float),
                np.array([k in shared for k in self.kpis]))

    def lens(self, weights):
        """Per department: the KPI where effort pays most, what it pays, and the share of the pull on shared KPIs.

        The same rule as :func:`okrkit.simulate.incentives` (gain = weight ÷ effort, nothing
        once a KPI is at the cap; rows rescaled to 100% as the scores are), vectorised for a
        slider move.  Returns ``[(kpi id or None, gain, pull), ...]``.
        """
        import numpy as np

        if getattr(self, "_lens", None) is None:
            self._lens = self._lens_setup()
        effort, open_, shared = self._lens
        gain = self.normalised(weights) * open_ / effort
        gain = np.where(self.carries, gain, -np.inf)
        out = []
        for i in range(len(self.departments)):
            row = gain[i]
            j = int(np.argmax(row))
            best = self.kpis[j] if row[j] > 0 else None
            pos = np.where(np.isfinite(row), row, 0.0)
            total = pos.sum()
            out.append((best, float(row[j]) if best else 0.0,
                        float(pos[shared].sum() / total) if total > 0 else 0.0))
        return out

    @staticmethod
    def normalised(weights):
        import numpy as np

        sums = weights.sum(axis=1, keepdims=True)
        return np.divide(weights, sums, out=np.zeros_like(weights), where=sums > 0)

    def scores(self, weights):
        """Department scores on the actuals (rows rescaled to 1); NaN for an all-zero row."""
        import numpy as np

        w = self.normalised(weights)
        out = w @ self.actual
        out[weights.sum(axis=1) <= 0] = np.nan
        return out

    def monte_carlo(self, weights):
        """Per department: 10th and 90th percentile, chance of a score ≥ 1.0, chance of ranking first.

        One (departments × KPIs) @ (KPIs × draws) product in float32 on the cached
        draws, then a partial sort: a few milliseconds for 20,000 draws.
        """
        import numpy as np

        w = self.normalised(weights).astype(np.float32)
        s = w @ self._draws_t  # (d, n)
        n = s.shape[1]
        k10, k90 = int(0.1 * (n - 1)), int(0.9 * (n - 1))
        part = np.partition(s, [k10, k90], axis=1)
        reach = np.count_nonzero(s >= 1.0 - 1e-6, axis=1) / n
        first = np.bincount(s.argmax(axis=0), minlength=len(self.departments)) / n
        return part[:, k10].astype(float), part[:, k90].astype(float), reach, first


def ranks(scores) -> list[int | None]:
    vals = [None if (s is None or math.isnan(s)) else float(s) for s in scores]
    return [None if s is None else 1 + sum(1 for o in vals if o is not None and o > s + 1e-9) for s in vals]


# ---------------------------------------------------------------- numbers, as the panel writes them
@functools.lru_cache(maxsize=8192)
def _formatted(value: float, lang: str, decimals: int, percent: bool) -> str:
    return i18n.percent(value, lang) if percent else i18n.number(value, lang, decimals=decimals)


def fmt(value, lang: str, decimals: int = 2, *, percent: bool = False) -> str:
    """``i18n.number`` (Babel) of ``value`` rounded to what is shown, remembered: a slider move rewrites some
    forty numbers, most of them the same as the move before."""
    if value is None or value != value:
        return "–"
    shown = round(float(value), 2 if percent else decimals)
    return _formatted(shown, lang, decimals, percent)


def _kernel_loop():
    """The running event loop of the Jupyter kernel this code runs in, else ``None``."""
    import asyncio

    try:
        from IPython import get_ipython
    except ImportError:
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


# ---------------------------------------------------------------- the chart (Altair, live)
RANK_COLOURS = ("#2e7d32", "#558b2f", "#9e9d24")
OTHER_COLOUR = "#78909c"
TICKS = (0.0, 0.4, 0.7, 1.0, 1.2)


def chart_state(departments, scores, *, mc=None, rev: int = 0, lang: str = "en") -> dict:
    """What the chart shows, as the value of its ``state`` parameter: per department the score (``None``:
    no score, drawn as no bar), the 10th–90th percentile, the colour of its rank and its label in ``lang``."""
    rk = ranks(scores)
    state = {"score": [], "lo": [], "hi": [], "colour": [], "label": [], "rev": rev}
    for i, score in enumerate(scores):
        known = not (score is None or math.isnan(score))
        label = "—"
        if known:
            label = f"{fmt(score, lang)} · {i18n.t('ui.weights.rank', lang, rank=rk[i])}"
            if mc is not None:
                label += f" · {fmt(mc[2][i], lang, percent=True)}"
        state["score"].append(round(float(score), 4) if known else None)
        state["lo"].append(round(float(mc[0][i]), 4) if known and mc is not None else None)
        state["hi"].append(round(float(mc[1][i]), 4) if known and mc is not None else None)
        state["colour"].append(RANK_COLOURS[rk[i] - 1] if known and rk[i] <= len(RANK_COLOURS) else OTHER_COLOUR)
        state["label"].append(label)
    return state


def score_chart(departments, state: dict, *, lang: str = "en", width: int = 260):
    """Department scores with ranks (and the Monte Carlo spread) as an Altair chart whose numbers come from the
    ``state`` parameter: the kernel changes that one value and Vega redraws the marks, the chart stays."""
    import altair as alt

    rows = [{"i": i, "department": d} for i, d in enumerate(departments)]
    param = alt.param(name="state", value=state)
    base = alt.Chart(alt.InlineData(values=rows)).transform_calculate(
        score="state.score[datum.i]", lo="state.lo[datum.i]", hi="state.hi[datum.i]",
        colour="state.colour[datum.i]", label="state.label[datum.i]")
    dept = i18n.t("ui.weights.department", lang)
    y = alt.Y("department:N", sort=list(departments), title=None, axis=alt.Axis(labelLimit=190, labelFontSize=12))
    x = alt.X("score:Q", scale=alt.Scale(domain=[0, 1.2], clamp=True), title=None,
              axis=alt.Axis(values=list(TICKS), format=".1f", grid=True, gridDash=[3, 3]))
    tooltip = [alt.Tooltip("department:N", title=dept), alt.Tooltip("label:N", title=i18n.t("ui.weights.score", lang))]
    bars = base.mark_bar(height=20).encode(y=y, x=x, color=alt.Color("colour:N", scale=None), tooltip=tooltip)
    spread = base.mark_rule(color="#263238", strokeWidth=2).encode(y=y, x="lo:Q", x2="hi:Q")
    target = alt.Chart(alt.InlineData(values=[{"t": 1.0}])).mark_rule(color="#999").encode(x="t:Q")
    text = base.mark_text(align="left", dx=6, fontSize=12).encode(y=y, x=alt.value(width), text="label:N")
    return (alt.layer(bars, spread, target, text).add_params(param)
            .properties(width=width, height=30 * len(departments), padding={"right": 125}))


# ---------------------------------------------------------------- the panel
class WeightPanel(AnswerForm):
    """Sliders for every department × KPI weight, a live chart of scores and ranks, scheme comparison."""

    css_class = "okrkit-weight-panel"
    save_in_background = True  # a slider may move again before the disk has synced

    def __init__(self, exercise: str, *, answers_path=None, lang=None, cascade=None, grading: bool = False,
                 monte_carlo: bool = True, draws: int | None = None):
        super().__init__(exercise, answers_path=answers_path, lang=lang, grading=grading,
                         layout=W.Layout(width="100%", max_width="1100px"))
        import numpy as np

        self._np = np
        if cascade is None:
            from ..cascade import sample_cascade

            cascade = sample_cascade()
        elif not hasattr(cascade, "weights"):
            from ..cascade import cascade_from_data, load_cascade

            cascade = cascade_from_data(cascade) if isinstance(cascade, dict) else load_cascade(cascade)
        self.plan = cascade
        self.model = WeightModel(cascade, draws=draws)
        m = self.model
        self.rev = 0
        self.refresh_ms: list[float] = []  # kernel-side time of each redraw (benchmarks/bench_slider.py)
        self.sliders: dict[tuple[int, int], W.IntSlider] = {}
        self.sum_labels: list[W.HTML] = []
        self.names: list[tuple[W.HTML, int, bool]] = []  # (label, KPI index, shared?)
        self.normalise_buttons: list[W.Button] = []
        saved = self.loaded.get("weights") if isinstance(self.loaded.get("weights"), dict) else {}
        shared = {k for k in range(len(m.kpis)) if m.carries[:, k].sum() >= 2}
        cards = []
        self._filling = True
        try:
            for i, dept in enumerate(m.departments):
                rows = [W.HTML(f"<b>{esc(dept)}</b>")]
                row_saved = saved.get(dept) if isinstance(saved.get(dept), dict) else {}
                for j, kpi in enumerate(m.kpis):
                    if not m.carries[i, j]:
                        continue
                    value = row_saved.get(kpi, m.base[i, j])
                    try:
                        pct = round(float(value) * 100)
                    except (TypeError, ValueError):
                        pct = round(m.base[i, j] * 100)
                    s = W.IntSlider(value=max(0, min(100, pct)), min=0, max=100, step=1, continuous_update=False,
                                    readout=True, readout_format="d", layout=W.Layout(width="100%"))
                    s.tooltip = m.kpi_names[j]
                    # the KPI's full name above its slider (a slider description is cut at its width)
                    name = W.HTML(layout=W.Layout(width="100%", margin="4px 0 -4px 0"))
                    name.add_class("okrkit-weight-name")
                    self.names.append((name, j, j in shared))
                    s.add_class(f"okrkit-weight-slider-{slug(dept)}-{slug(kpi)}")
                    s.add_class("okrkit-weight-slider")
                    s.observe(self.committed(), names="value")
                    self.sliders[(i, j)] = s
                    rows += [name, s]
                total = W.HTML()
                total.add_class(f"okrkit-weight-sum-{slug(dept)}")
                button = W.Button(icon="balance-scale", layout=W.Layout(width="auto", display="none"))
                button.add_class(f"okrkit-normalise-{slug(dept)}")
                self.label(button, "description", "ui.weights.normalise")
                button.on_click(lambda _b, i=i: self.safely(self.normalise, i))
                self.sum_labels.append(total)
                self.normalise_buttons.append(button)
                rows += [total, button]
                card = W.VBox(rows, layout=W.Layout(width="100%", border="1px solid #e0e0e0", padding="4px",
                                                     margin="2px 0"))
                card.add_class(f"okrkit-weight-dept-{slug(dept)}")
                cards.append(card)
            self.mc_toggle = W.Checkbox(value=bool(self.loaded.get("monte_carlo", monte_carlo)), indent=False,
                                        layout=W.Layout(width="auto"))
            self.mc_toggle.add_class("okrkit-mc-toggle")
            self.label(self.mc_toggle, "description", "ui.weights.mc",
                       n=lambda lang: i18n.number(len(m.draws), lang))
            self.mc_toggle.observe(self.committed(), names="value")
            self.defence = W.Textarea(value=str(self.loaded.get("defence") or ""), continuous_update=False, rows=3,
                                      layout=W.Layout(width="100%"))
            self.defence.add_class("okrkit-weight-defence")
            self.typing(self.defence)  # saved as typed
        finally:
            self._filling = False
        self.relabel()
        grid = W.VBox(cards, layout=W.Layout(flex="1 1 300px", min_width="260px", max_width="520px"))
        self.chart_title = self.label(W.HTML(), "value", "ui.weights.chart")
        from .livechart import live_chart

        self.live = live_chart(self._score_chart(), lang=self.lang)   # drawn once; a move changes its `state`
        self.live.add_class("okrkit-weight-live")
        self.chart_notes = W.HTML()   # the legend and the ranks (as a list a screen reader reads)
        self.chart = W.VBox([self.live, self.chart_notes], layout=W.Layout(width="100%"))
        self.chart.add_class("okrkit-weight-chart")
        self.schemes = W.HTML()
        self.schemes.add_class("okrkit-scheme-compare")
        self.lens_view = W.HTML()
        self.lens_view.add_class("okrkit-lens-view")
        title = self.label(W.HTML(), "value", "ui.weights.title")
        defence_label = self.label(W.Label(), "value", "ui.weights.defence")
        # sliders on the left, what they do on the right (kept in view while scrolling the sliders);
        # below ~700 px the two columns wrap into one
        view = W.VBox([self.mc_toggle, self.chart_title, self.chart],
                      layout=W.Layout(flex="1 1 380px", min_width="300px"))
        view.add_class("okrkit-weight-view")
        body = W.HBox([grid, view], layout=W.Layout(flex_flow="row wrap", width="100%", align_items="flex-start"))
        body.add_class("okrkit-wrap")
        self.children = [style_widget(), self.header, self.trouble, title, body, self.schemes, self.lens_view,
                         defence_label, self.defence]
        self.update_views()

    # -- state
    def relabel(self) -> None:
        """The KPI name above each slider, with a "shared KPI" tag in the current language."""
        tag = f" <span class='okrkit-tag'>{esc(self.t('ui.weights.shared'))}</span>"
        for name, j, shared in self.names:
            name.value = f"<span>{esc(self.model.kpi_names[j])}</span>{tag if shared else ''}"

    def set_lang(self, lang: str) -> None:
        self.lang = i18n.get_lang(lang)
        if self.lang_toggle.value == self.lang:
            self.relabel()
            from .charts import localized

            self.live.spec = localized(self._score_chart(), self.lang).to_dict()   # axis and tooltips in the language
        super().set_lang(lang)

    def matrix(self):
        """The weights as shares (departments × KPIs) read from the sliders."""
        w = self._np.zeros_like(self.model.base)
        for (i, j), s in self.sliders.items():
            w[i, j] = s.value / 100.0
        return w

    @property
    def answer(self) -> dict:
        w = self.matrix()
        m = self.model
        return {"weights": {d: {k: round(float(w[i, j]), 4) for j, k in enumerate(m.kpis) if m.carries[i, j]}
                            for i, d in enumerate(m.departments)},
                "monte_carlo": bool(self.mc_toggle.value),
                "defence": self.defence.value.strip()}

    def normalise(self, i: int) -> None:
        """Rescale department ``i``'s row to 100% (largest remainders, so it is exactly 100)."""
        cells = [(j, s) for (r, j), s in self.sliders.items() if r == i]
        total = sum(s.value for _, s in cells)
        if total <= 0:
            return
        exact = [s.value * 100 / total for _, s in cells]
        floors = [math.floor(e) for e in exact]
        left = 100 - sum(floors)
        order = sorted(range(len(cells)), key=lambda n: exact[n] - floors[n], reverse=True)
        for n in order[:left]:
            floors[n] += 1
        self._filling = True
        try:
            for (_, s), v in zip(cells, floors):
                s.value = v
        finally:
            self._filling = False
        self.save()
        self.update_views()

    # -- drawing
    def refresh(self) -> None:
        """Redraw chart, row sums, scheme comparison and behaviour lens; each part fails on its own."""
        import time

        start = time.perf_counter()
        w = self.matrix()
        scores = self.model.scores(w)
        self.rev += 1
        self.part(self.chart_notes, lambda: self._chart_html(w, scores))
        self._sums()
        self.refresh_ms.append((time.perf_counter() - start) * 1000)
        # the scheme comparison and the lens below the chart follow once the sliders rest (80 ms): moves in
        # quick succession then cost the kernel only the chart, and the chart answers the next move at once
        self._soon(lambda: (self.part(self.schemes, lambda: self._schemes_html(scores)),
                            self.part(self.lens_view, lambda: self._lens_html(w))))

    def _soon(self, fn, delay: float = 0.08) -> None:
        """``fn`` after ``delay`` on the kernel's event loop, replacing one still waiting.  Only in a Jupyter
        kernel (whose loop runs between messages); anywhere else (a script, a test, ``exec``) at once."""
        waiting = getattr(self, "_waiting", None)
        if waiting is not None:
            waiting[0].cancel()
            self._waiting = None
        loop = _kernel_loop()
        if loop is None:
            fn()
            return
        handle = loop.call_later(delay, self._run_waiting)
        self._waiting = (handle, fn)

    def _run_waiting(self) -> None:
        waiting, self._waiting = getattr(self, "_waiting", None), None
        if waiting is not None:
            self.safely(waiting[1])

    def flush(self) -> None:
        """Draw what waits for the sliders to rest, then write every pending save."""
        waiting = getattr(self, "_waiting", None)
        if waiting is not None:
            waiting[0].cancel()
            self._run_waiting()
        super().flush()

    def num(self, value, decimals: int = 2) -> str:
        return fmt(value, self.lang, decimals)

    def _chart_html(self, w, scores) -> str:
        m = self.model
        mc = m.monte_carlo(w) if self.mc_toggle.value else None
        legend = (f"<div style='color:#666;font-size:0.85em'>{esc(self.t('ui.weights.spread'))}</div>"
                  if mc is not None else "")
        rk = ranks(scores)
        order = sorted(range(len(m.departments)), key=lambda i: (rk[i] is None, rk[i] or 0))
        rank_list = "<ol class='okrkit-ranks okrkit-rank-list'>" + "".join(
            f"<li data-dept='{esc(slug(m.departments[i]))}' data-rank='{rk[i]}'>{esc(m.departments[i])}: "
            f"{self.num(scores[i])}</li>" for i in order) + "</ol>"
        self.live.state = chart_state(m.departments, scores, mc=mc, rev=self.rev, lang=self.lang)
        return f"<div class='okrkit-weight-notes' data-rev='{self.rev}'>{legend}{rank_list}</div>"

    def _score_chart(self):
        m = self.model
        state = chart_state(m.departments, [float("nan")] * len(m.departments), rev=self.rev, lang=self.lang)
        return score_chart(m.departments, state, lang=self.lang)

    def _sums(self) -> None:
        for i, label in enumerate(self.sum_labels):
            total = round(sum(s.value for (r, _), s in self.sliders.items() if r == i))
            if total == 100:
                label.value = f"<span class='okrkit-ok'>{esc(self.t('ui.weights.sum', total=total))}</span>"
                self.normalise_buttons[i].layout.display = "none"
            else:
                key = "ui.weights.empty_row" if total == 0 else "ui.weights.bad_sum"
                label.value = f"<span class='okrkit-warn'>⚠ {esc(self.t(key, total=total))}</span>"
                self.normalise_buttons[i].layout.display = "none" if total == 0 else "flex"

    def _lens_html(self, weights) -> str:
        """The behaviour lens on the starting weights and on the participant's (see :meth:`WeightModel.lens`)."""
        m = self.model
        columns = [(self.t("ui.weights.start"), m.lens(m.base)), (self.t("ui.weights.yours"), m.lens(weights))]
        names = dict(zip(m.kpis, m.kpi_names))

        def cell(best, gain, pull):
            if not best:
                return "<td>—</td>"
            return (f"<td data-best='{esc(best)}'><b>{esc(names.get(best, best))}</b><br>"
                    f"<span style='color:#555'>{esc(self.t('ui.weights.gain', gain=self.num(gain)))} · "
                    f"{esc(self.t('ui.weights.pull_share', share=fmt(pull, self.lang, percent=True)))}</span></td>")
        body = []
        for i, d in enumerate(m.departments):
            cells = "".join(cell(*lens[i]) for _, lens in columns)
            body.append(f"<tr data-dept='{esc(slug(d))}' data-best='{esc(columns[1][1][i][0] or '')}'>"
                        f"<td>{esc(d)}</td>{cells}</tr>")
        head = "".join(f"<th>{esc(self.t('ui.weights.best'))} · {esc(name)}</th>" for name, _ in columns)
        return (f"<div class='okrkit-lens'><b>{esc(self.t('ui.weights.lens'))}</b><table class='okrkit-table'><thead>"
                f"<tr><th>{esc(self.t('ui.weights.department'))}</th>{head}</tr></thead>"
                f"<tbody>{''.join(body)}</tbody></table></div>")

    def _schemes_html(self, yours) -> str:
        m = self.model
        columns = [(self.t("ui.weights.yours"), yours)] + [(name, scores) for name, _w, scores in m.schemes]
        head = "".join(f"<th>{esc(name)}</th>" for name, _ in columns)
        ranked = [ranks(s) for _, s in columns]
        body = []
        for i, dept in enumerate(m.departments):
            cells = "".join(
                f"<td>{self.num(s[i])} / {esc(self.t('ui.weights.rank', rank=r[i])) if r[i] else '—'}</td>"
                for (_, s), r in zip(columns, ranked))
            body.append(f"<tr><td>{esc(dept)}</td>{cells}</tr>")
        return (f"<b>{esc(self.t('ui.weights.schemes'))}</b><table class='okrkit-table'><thead><tr>"
                f"<th>{esc(self.t('ui.weights.department'))}</th>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


@headless_when_grading
def weight_panel(exercise: str, *, answers_path=None, lang: str | None = None, cascade=None,
                 grading: bool = False, monte_carlo: bool = True) -> WeightPanel:
    """A weight panel for ``exercise`` on ``cascade`` (default: ``ok.sample_cascade()``)."""
    return WeightPanel(exercise, answers_path=answers_path, lang=lang, cascade=cascade, grading=grading,
                       monte_carlo=monte_carlo)
