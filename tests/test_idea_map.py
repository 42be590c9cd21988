"""docs/idea_map.yaml: every idea of the source articles is taught in a lesson and (at least 90%) graded by a real check.

A quote must be text of the named notebook's cells (whitespace aside); a check must be a check of the
exercise's ``RUBRIC`` (imported, found by its id — not a word found in the file), worth points, and passed by the
exercise's reference answer.
"""

from __future__ import annotations

import ast
import importlib.util
import json
from importlib import import_module
from pathlib import Path

import pytest
import yaml

from okrkit.grading.sample_class import reference_value
from okrkit.rubrics import IDS

ROOT = Path(__file__).resolve().parents[1]
MAP = yaml.safe_load((ROOT / "docs" / "idea_map.yaml").read_text(encoding="utf-8"))
IDEAS = MAP["ideas"]


def flat(text: str) -> str:
    return " ".join(text.split())


def notebook_text(path: str) -> list[str]:
    nb = json.loads((ROOT / path).read_text(encoding="utf-8"))
    return [flat("".join(cell["source"])) for cell in nb["cells"]]


def rubric_checks(exercise: str) -> dict:
    return {c.id: c for c in import_module(f"okrkit.rubrics.{exercise}").RUBRIC.checks}


def reference(exercise: str) -> dict:
    """REFERENCE (for the current sample company) in the solution notebook's cell tagged `solution`."""
    nb = json.loads((ROOT / "solutions" / f"{exercise}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if "solution" in cell.get("metadata", {}).get("tags", []):
            for node in ast.parse("".join(cell["source"])).body:
                if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "REFERENCE":
                    return reference_value(node.value)
    raise AssertionError(f"no REFERENCE in solutions/{exercise}.ipynb")


def test_ids_sources_and_statements():
    """Ideas have their own id, a known article with a title and a publisher, and a statement in en and vi."""
    ids = [i["id"] for i in IDEAS]
    assert len(ids) == len(set(ids))
    for key, src in MAP["sources"].items():
        assert src["title"].strip() and src["publisher"].strip(), key
    for i in IDEAS:
        assert i["source"] in MAP["sources"], i["id"]
        assert i["en"].strip() and i["vi"].strip() and i["en"] != i["vi"], i["id"]
    assert {i["source"] for i in IDEAS} == set(MAP["sources"])  # every article contributes


@pytest.mark.parametrize("idea", IDEAS, ids=[i["id"] for i in IDEAS])
def test_the_lesson_quote_is_in_that_notebook(idea):
    """The quoted text is really in one of the lesson notebook's cells."""
    lesson = idea.get("lesson") or {}
    assert lesson.get("notebook", "").startswith("notebooks/"), idea["id"]
    quote = flat(lesson["quote"])
    assert len(quote) >= 10, idea["id"]
    assert any(quote in cell for cell in notebook_text(lesson["notebook"])), (idea["id"], lesson)


@pytest.mark.parametrize("idea", [i for i in IDEAS if i.get("checks")], ids=[i["id"] for i in IDEAS if i.get("checks")])
def test_the_check_exists_counts_and_the_reference_passes_it(idea):
    """Each named check is a check of that exercise's rubric, worth points, which the reference answer passes."""
    for ref in idea["checks"]:
        assert ref["exercise"] in IDS, (idea["id"], ref)
        checks = rubric_checks(ref["exercise"])
        assert ref["check"] in checks, (idea["id"], ref, sorted(checks))
        assert checks[ref["check"]].points > 0
        result = import_module(f"okrkit.rubrics.{ref['exercise']}").RUBRIC.grade(reference(ref["exercise"]))
        assert next(c for c in result.checks if c.id == ref["check"]).passed, (idea["id"], ref)


def test_coverage():
    """Every idea is taught in a lesson; at least 90% are graded; the ungraded ones say why."""
    taught = [i for i in IDEAS if (i.get("lesson") or {}).get("quote")]
    graded = [i for i in IDEAS if i.get("checks")]
    assert len(taught) == len(IDEAS)
    assert len(graded) >= 0.9 * len(IDEAS), f"{len(graded)}/{len(IDEAS)} ideas graded"
    own = [i for i in IDEAS if not i.get("extends")]  # the articles' own ideas, without the kit's tools built on them
    assert sum(1 for i in own if i.get("checks")) >= 0.9 * len(own)
    for i in IDEAS:
        if not i.get("checks"):
            assert (i.get("gap") or "").strip(), i["id"]


def test_the_markdown_is_generated_from_the_yaml():
    """docs/idea_map.md is what scripts/idea_map.py makes of the YAML (run it after editing the map)."""
    spec = importlib.util.spec_from_file_location("idea_map", ROOT / "scripts" / "idea_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (ROOT / "docs" / "idea_map.md").read_text(encoding="utf-8") == module.render(MAP)
