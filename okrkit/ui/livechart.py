"""Altair charts that stay live in a running notebook, offline, updated through one Vega-Lite parameter.

A form that redraws on every slider move (the weight panel) must not send a new chart each time:
vega-embed would parse and lay it out again.  Here the chart (an Altair spec) is drawn once by a
small anywidget, and what changes travels as the value of one parameter of the spec: the kernel
sets :attr:`LiveChart.state`, the browser hands it to the Vega view as that parameter's signal, and
Vega redraws only the marks that depend on it.

Why not ``alt.JupyterChart``: it is made for parameters and selections that the *browser* changes
and reports back.  On every render it resets its parameters to the spec's initial values (what the
kernel set before the chart was shown is lost), and it echoes each value it receives back to the
kernel (with moves in quick succession an echo can bring back an older state).  Here the kernel is the
only writer, and a new view always draws the current state.

Offline: the widget's ES module is vega, vega-lite and vega-embed bundled by vl-convert (the way
Altair builds ``JupyterChart``'s offline module) around the few lines below.  Bundling takes about
two seconds, so it is done once per installed vl-convert (``make setup`` runs
``python -m okrkit.ui.livechart``) and kept in the environment's ``share/okrkit`` (else the user's
cache).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = ["LiveChart", "bundle_path", "live_chart"]

# The widget's front end, bundled by vl-convert (which provides `vegaEmbed`): draw the spec, then apply the
# state; a new state is a signal update and one run of the dataflow, never a new chart.
SNIPPET = r"""
async function render({ model, el }) {
  let view = null;
  let drawing = null;
  const apply = async () => {
    const state = model.get("state");
    if (view && state !== null && state !== undefined) {
      view.signal(model.get("param"), state);
      await view.runAsync();
      if (state && state.rev !== undefined) { el.dataset.rev = String(state.rev); }   // drawn: this state
    }
  };
  const draw = async () => {
    if (view) { view.finalize(); view = null; }
    el.replaceChildren();
    const result = await vegaEmbed(el, model.get("spec"), model.get("embed_options") || {});
    view = result.view;
    await apply();
  };
  model.on("change:spec", () => { drawing = draw(); });
  model.on("change:embed_options", () => { drawing = draw(); });
  model.on("change:state", async () => { if (drawing) { await drawing; } await apply(); });
  drawing = draw();
  await drawing;
  return () => { if (view) { view.finalize(); } };
}
export default { render };
"""


def _version_key() -> str:
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256(SNIPPET.encode()).hexdigest()[:10]
    return f"vlc-{version('vl-convert-python')}-{digest}"


def _places() -> list[Path]:
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return [Path(sys.prefix) / "share" / "okrkit", Path(cache) / "okrkit"]


def bundle_path(*, build: bool = True) -> Path | None:
    """The widget's offline ES module (vega, vega-lite and vega-embed inside), built if missing."""
    name = f"livechart-{_version_key()}.js"
    for place in _places():
        if (place / name).is_file():
            return place / name
    if not build:
        return None
    import vl_convert as vlc

    source = vlc.javascript_bundle(SNIPPET)
    from ..files import atomic_write

    for place in _places():
        try:
            place.mkdir(parents=True, exist_ok=True)
            atomic_write(place / name, source)
            for old in place.glob("livechart-*.js"):   # bundles of an earlier vl-convert or front end
                if old.name != name:
                    old.unlink(missing_ok=True)
            return place / name
        except OSError:
            continue
    raise OSError("no writable place for the chart bundle (tried: " + ", ".join(map(str, _places())) + ")")


_CLASS = None


def LiveChart():  # noqa: N802 - the widget class, made on first use (anywidget and the bundle load then)
    """The anywidget class: ``spec`` (a Vega-Lite dict), ``param`` (the parameter that ``state`` sets),
    ``state`` (its value) and ``embed_options`` (vega-embed's)."""
    global _CLASS
    if _CLASS is None:
        import anywidget
        import traitlets

        _CLASS = type("LiveChart", (anywidget.AnyWidget,), {
            "__module__": __name__,
            "__doc__": "A Vega-Lite chart drawn once; setting ``state`` updates its parameter ``param``.",
            "_esm": bundle_path().read_text(encoding="utf-8"),
            # the chart shrinks with its column (Vega's SVG carries a viewBox), never cut off
            "_css": ".okrkit-live-chart .vega-embed{width:100%}.okrkit-live-chart svg{max-width:100%;height:auto}",
            "spec": traitlets.Dict().tag(sync=True),
            "param": traitlets.Unicode("state").tag(sync=True),
            "state": traitlets.Any(None, allow_none=True).tag(sync=True),
            "embed_options": traitlets.Dict().tag(sync=True),
        })
    return _CLASS


def live_chart(chart, *, state=None, param: str = "state", lang: str | None = None):
    """``chart`` (Altair) as a live widget: SVG renderer (its marks are elements a screen reader or a test can
    find), numbers in ``lang``'s locale, no action menu; ``state`` is the first value of ``param``."""
    from .charts import localized

    widget = LiveChart()(spec=localized(chart, lang).to_dict(), param=param, state=state,
                         embed_options={"renderer": "svg", "actions": False})
    widget.add_class("okrkit-live-chart")
    return widget


if __name__ == "__main__":
    print(f"okrkit: live chart bundle at {bundle_path()}")
