"""The Jupyter layer: exercise forms (widgets) and their feedback.

Every form loads its answers file when built (pre-filling its fields), saves on
each committed change (atomically, keeping earlier versions) and never raises
into the output area.  ``okrkit`` (the core) never imports this package.

>>> from okrkit import ui
>>> sorted(n for n in ui.__all__ if n.endswith("form"))
['cascade_form', 'checkin_form', 'choice_form', 'quarter_score_form', 'sales_review_form']
"""

from __future__ import annotations

__all__ = [
    "AnswerForm",
    "CascadeForm",
    "CascadeTable",
    "CheckButton",
    "CheckinForm",
    "ChoiceForm",
    "OKRBuilder",
    "QuarterScoreForm",
    "SalesReviewForm",
    "WeightPanel",
    "cascade_form",
    "cascade_table",
    "check",
    "check_button",
    "checkin_form",
    "choice_form",
    "enable_offline_charts",
    "okr_builder",
    "quarter_score_form",
    "record",
    "sales_review_form",
    "weight_panel",
]

# Imported eagerly: three modules share their function's name (``cascade_table``,
# ``checkin_form``, ``record``), and importing a submodule lazily would rebind the
# package attribute to the module.
from .builder import OKRBuilder, okr_builder
from .cascade_table import CascadeForm, CascadeTable, cascade_form, cascade_table
from .checkin_form import CheckinForm, checkin_form
from .choice import ChoiceForm, choice_form
from .feedback import CheckButton, check, check_button
from .forms import AnswerForm
from .quarter_form import QuarterScoreForm, quarter_score_form
from .record import enable_offline_charts, record
from .review_form import SalesReviewForm, sales_review_form
from .weights import WeightPanel, weight_panel
