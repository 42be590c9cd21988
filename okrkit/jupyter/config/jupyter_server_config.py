# okrkit's Jupyter server configuration: one server for the trainer (JupyterLab) and the
# participants (Voilà pages of forms at voila/render/<notebook>).  Put this folder first on
# JUPYTER_CONFIG_PATH; okrkit.participant.server_env(lang) does that, and sets OKRKIT_LANG.
#
# - Voilà (a server extension, enabled by its own install) renders with the kit's "okrkit"
#   template, which loads nothing from the network; sources are stripped; tracebacks are not
#   sent to the page.
# - JupyterLab reads the kit's settings overrides for the class language (the Vietnamese
#   language pack for "vi"; no "Jupyter news" toast, no update check) instead of the machine's.
import os
from pathlib import Path

kit = Path(__file__).resolve().parent.parent
lang = (os.environ.get("OKRKIT_LANG") or "en").strip().lower()  # as okrkit.i18n.get_lang
if lang not in ("en", "vi"):
    lang = "en"

# Voilà finds templates on the Jupyter data path; make sure the kit's is on it.
data = str(kit / "data")
paths = [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p]
if data not in paths:
    os.environ["JUPYTER_PATH"] = os.pathsep.join([data, *paths])

c.VoilaConfiguration.template = "okrkit"  # noqa: F821 - `c` is the config object traitlets provides
c.VoilaConfiguration.strip_sources = True  # noqa: F821
c.VoilaConfiguration.show_tracebacks = False  # noqa: F821

c.LabApp.app_settings_dir = str(kit / "lab" / lang)  # noqa: F821
c.LabApp.news_url = None  # noqa: F821
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"  # noqa: F821


def _local_mathjax(page_config, base_url, settings, log, voila_configuration, notebook_path):
    """Voilà's page then typesets with the MathJax 3 in its own bundle, not MathJax 2 from a CDN."""
    page_config["fullMathjaxUrl"] = "null"
    page_config["mathjaxConfig"] = "null"
    return page_config


c.VoilaConfiguration.page_config_hook = _local_mathjax  # noqa: F821
