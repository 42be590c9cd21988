"""Lint's wording rules against a labelled corpus of real-style OKR wordings (vi and en).

tests/data/lint_wordings.yaml holds objectives and key results written the way companies publish
them, each with the findings a careful reader gives it.  Lint must agree with those labels on at
least 97% of the entries of each part (``dev``, ``holdout``) and of each language within it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from okrkit.lint import lint
from okrkit.model import KeyResult, Objective

CORPUS = Path(__file__).parent / "data" / "lint_wordings.yaml"
# The rules that judge the words of one objective or key result (the others judge the set).
WORDING_RULES = frozenset({"objective-metric", "kr-measurable", "kr-activity", "kr-two-targets", "kr-target-text"})
NEEDED = 0.97
NEUTRAL_KRS = (KeyResult("O1.KR1", "Đạt 120 khách hàng mới"), KeyResult("O1.KR2", "Tăng 20% yêu cầu demo"),
               KeyResult("O1.KR3", "Giảm tỷ lệ rời bỏ từ 8% xuống 5%"))


def _corpus() -> dict[str, list[dict]]:
    with CORPUS.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def findings_of(entry: dict) -> set[str]:
    """The wording rules lint fires on one entry, linted as a user lints one objective."""
    if entry["kind"] == "objective":
        report = lint(Objective("O1", entry["text"], key_results=NEUTRAL_KRS, owner="A"))
        where = "O1"
    else:
        fields = {k: entry[k] for k in ("target", "unit", "baseline") if k in entry}
        report = lint(Objective("O1", "Khách hàng chọn chúng ta trước tiên",
                                key_results=(KeyResult("O1.KR1", entry["text"], **fields),), owner="A"))
        where = "O1.KR1"
    return {f.rule for f in report.for_id(where)} & WORDING_RULES


def test_corpus_is_well_formed():
    """Every entry has a text, a kind, a language and known rule ids; the parts are big enough."""
    corpus = _corpus()
    assert set(corpus) == {"dev", "holdout"}
    assert len(corpus["holdout"]) >= 80 and len(corpus["dev"]) + len(corpus["holdout"]) >= 200
    texts = [e["text"] for part in corpus.values() for e in part]
    assert len(texts) == len(set(texts)), "an entry is in the corpus twice"
    for part in corpus.values():
        for e in part:
            assert e["kind"] in ("objective", "kr") and e["lang"] in ("en", "vi"), e
            assert set(e["expect"]) <= WORDING_RULES, e
            if e["kind"] == "objective":
                assert set(e["expect"]) <= {"objective-metric"}, e


@pytest.mark.parametrize("part", ["dev", "holdout"])
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_lint_agrees_with_the_labels(part, lang):
    """Lint gives exactly the labelled findings on at least 97% of a part's entries in one language."""
    entries = [e for e in _corpus()[part] if e["lang"] == lang]
    assert len(entries) >= 40
    wrong = []
    for e in entries:
        got = findings_of(e)
        if got != set(e["expect"]):
            wrong.append(f"  {e['kind']:<9} {e['text']!r}: expected {sorted(e['expect'])}, got {sorted(got)}")
    agreement = 1 - len(wrong) / len(entries)
    assert agreement >= NEEDED, (f"{part}/{lang}: lint agrees on {agreement:.1%} of {len(entries)} entries "
                                 f"(needs {NEEDED:.0%}); disagreements:\n" + "\n".join(wrong))
