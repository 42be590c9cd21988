"""The bundled sample class: a dozen fictional participants' hand-ins, for the demo and the tests.

Built from the real exercises (``exercises/*.ipynb``) and reference answers
(``solutions/*.ipynb``) plus the spec in ``okrkit/data/sample_class/class.json``:
strong, average and weak answers in Vietnamese and English, and the failures a
trainer meets — a notebook that raises, an endless loop, a kernel that dies, a
truncated notebook file, an invalid answers file, missing exercises, a notebook
that tries to raise its own score from inside the kernel, an objective holding
HTML/script, and a participant folder whose name tries to leave the output
folder.  :func:`expected` says which status each participant × exercise should get.
"""

from __future__ import annotations

import ast
import copy
import json
import pprint
from pathlib import Path

from ..answers import FORMAT, MIMETYPE

SPEC = Path(__file__).resolve().parent.parent / "data" / "sample_class" / "class.json"
ROOT = Path(__file__).resolve().parent.parent.parent
SAVED_AT = "2026-03-20T09:00:00.000+07:00"
CASE_STATUS = {"raises": "error", "endless-loop": "timeout", "kernel-dies": "error",
               "truncated-notebook": "error", "invalid-answers": "invalid-answers", "missing": "missing",
               "tamper": "graded", "html-in-objective": "graded"}
SCRIPT = "<script>alert(1)</script>"


def spec() -> dict:
    return json.loads(SPEC.read_text(encoding="utf-8"))


def _exercises_dir(name: str) -> Path:
    folder = ROOT / name
    if not folder.is_dir():
        from ..errors import InputError

        raise InputError(f"the kit's {name}/ folder is not here", file=str(folder),
                         hint="run from a source checkout of okrkit (the sample class is built from its notebooks)")
    return folder


def _read_nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _nb_text(nb: dict) -> str:
    return json.dumps(nb, ensure_ascii=False, indent=1) + "\n"


def _src(cell: dict) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def _code(source: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": f"c{abs(hash(source)) % 10**8:08d}",
            "metadata": {}, "outputs": [], "source": source}


def exercise_ids() -> tuple[str, ...]:
    from .run import class_exercises

    return class_exercises()


def reference_value(node: ast.expr, sample: str | None = None):
    """The value of a solution cell's ``REFERENCE = ...``: a literal, or a literal per sample company
    (``{"saomai": {...}, "fmcg": {...}}[ok.samples.resolve(None)]``), read for ``sample`` (else the current one)."""
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Dict):
        from ..samples import resolve

        return ast.literal_eval(node.value)[resolve(sample)]
    return ast.literal_eval(node)


def references() -> dict[str, object]:
    """Each exercise's reference answer: ``REFERENCE`` in the ``solution`` cell of ``solutions/<exercise>.ipynb``."""
    out: dict[str, object] = {}
    for ex in exercise_ids():
        nb = _read_nb(_exercises_dir("solutions") / f"{ex}.ipynb")
        for cell in nb["cells"]:
            if "solution" in cell.get("metadata", {}).get("tags", []):
                for node in ast.parse(_src(cell)).body:
                    if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "REFERENCE":
                        out[ex] = reference_value(node.value)
        if ex not in out:
            from ..errors import InputError

            raise InputError(f"solutions/{ex}.ipynb has no REFERENCE in a cell tagged 'solution'",
                             file=str(_exercises_dir("solutions") / f"{ex}.ipynb"),
                             hint="add the reference answer as REFERENCE = {...} in a cell tagged solution")
    return out


def _merge(base, patch):
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = _merge(base.get(k), v) if isinstance(v, dict) and isinstance(base.get(k), dict) else v
        return out
    return patch


def answer_for(ex: str, level: str, lang: str, refs: dict, sp: dict):
    """The participant's answer dict (what their form saved in ``answers/<exercise>.json``)."""
    if ex in ("ex01_sales_okr", "ex02_marketing_okrs"):
        strong = sp["okrs_en"][ex] if lang == "en" else refs[ex]
        if level == "strong":
            return copy.deepcopy(strong)
        if level == "weak":
            weak = copy.deepcopy(sp["weak_okrs"][lang])
            if ex == "ex02_marketing_okrs":
                for o in weak["objectives"]:
                    o["owner"] = "Marketing - PR - Đối tác"
            return weak
        avg = copy.deepcopy(strong)
        first = avg["objectives"][0]
        last = first["key_results"][-1]
        for k in ("baseline", "target", "unit"):
            last.pop(k, None)
        first["key_results"].append(dict(sp["average_kr"][lang]))
        return avg
    ref = refs[ex]
    if level == "strong":
        return copy.deepcopy(ref)
    return _merge(copy.deepcopy(ref), sp["patches"].get(ex, {}).get(level, {}))


def notebook_for(ex: str) -> dict:
    """The participant's notebook for ``ex``: a copy of the exercise (every exercise is answered on its form)."""
    return _read_nb(_exercises_dir("exercises") / f"{ex}.ipynb")


def _insert_before_record(nb: dict, source: str) -> None:
    cells = nb["cells"]
    at = next((i for i, c in enumerate(cells) if "ui.record(" in _src(c)), len(cells))
    cells.insert(at, _code(source))


TAMPER = f'''# Thử "nâng điểm" từ bên trong kernel / trying to raise my own score from inside the kernel
import os, pathlib, sys
import okrkit.rubric as _rubric

# 1. monkeypatch the rubric so every check passes
_real_grade = _rubric.Rubric.grade
def _always_full(self, answer, *, lang=None):
    result = _real_grade(self, answer, lang=lang)
    return _rubric.RubricResult(self.exercise, result.max_score, result.max_score, result.checks, result.lang)
_rubric.Rubric.grade = _always_full

# 2. write a rubric that accepts anything where an importer might look (the working folder)
shadow = pathlib.Path("okrkit/rubrics")
shadow.mkdir(parents=True, exist_ok=True)
(shadow.parent / "__init__.py").write_text("")
(shadow / "__init__.py").write_text("")
(shadow / f"{{exercise}}.py").write_text("from okrkit.rubric import Rubric\\nRUBRIC = Rubric('x', ())\\n")
sys.path.insert(0, os.getcwd())

# 3. print and display fake scores
from IPython.display import display
print("SCORE: 100 / 100")
display({{"application/vnd.okrkit.score+json": {{"exercise": exercise, "score": 100, "max": 100}},
         "text/plain": "Score 100/100"}}, raw=True)
display({{"{MIMETYPE}": {{"format": "{FORMAT}", "exercise": exercise, "answer": {{}}, "score": 100}},
         "text/plain": "fake record with a score field"}}, raw=True)
'''


def write(dest, *, participants: list[str] | None = None) -> dict[tuple[str, str], str]:
    """Write the sample class into ``dest`` (one folder per participant); return :func:`expected`."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    sp = spec()
    refs = references()
    exercises = exercise_ids()
    for person in sp["participants"]:
        if participants and person["name"] not in participants:
            continue
        folder = dest / person["name"]
        (folder / "answers").mkdir(parents=True, exist_ok=True)
        cases = person.get("cases", {})
        for ex in exercises:
            case = cases.get(ex)
            if case == "missing":
                continue
            level, lang = person["level"], person["lang"]
            nb = notebook_for(ex)
            answer = answer_for(ex, level, lang, refs, sp)
            if case == "raises":
                _insert_before_record(nb, 'doanh_thu = int("15 tỷ")  # đổi đơn vị sai / a unit mix-up')
            elif case == "endless-loop":
                _insert_before_record(nb, "while True:  # chờ một điều kiện không bao giờ đúng\n    pass")
            elif case == "kernel-dies":
                _insert_before_record(nb, "import os\nos._exit(1)")
            elif case == "tamper":
                strong = answer_for(ex, "strong", lang, refs, sp)
                _insert_before_record(nb, TAMPER)
                for cell in nb["cells"]:
                    if "ui.record(" in _src(cell):
                        cell["source"] = f"ui.record(exercise, {pprint.pformat(strong, width=100)})"
            elif case == "html-in-objective" and isinstance(answer, dict) and answer.get("objectives"):
                obj = answer["objectives"][0]
                obj["text"] = f"{SCRIPT} {obj['text']}"
                obj["key_results"][0]["text"] = "<img src=x onerror=alert(1)> " + obj["key_results"][0]["text"]
            text = _nb_text(nb)
            if case == "truncated-notebook":
                text = text[: len(text) * 2 // 5]
            (folder / f"{ex}.ipynb").write_text(text, encoding="utf-8")
            if answer is not None:
                payload = json.dumps({"format": FORMAT, "exercise": ex, "saved_at": SAVED_AT, "answer": answer},
                                     ensure_ascii=False, indent=2)
                if case == "invalid-answers":
                    payload = payload[: len(payload) // 2]
                (folder / "answers" / f"{ex}.json").write_text(payload, encoding="utf-8")
    return expected(participants)


def expected(participants: list[str] | None = None) -> dict[tuple[str, str], str]:
    """``{(participant, exercise): status}`` the grader should report for the sample class."""
    out = {}
    for person in spec()["participants"]:
        if participants and person["name"] not in participants:
            continue
        for ex in exercise_ids():
            out[(person["name"], ex)] = CASE_STATUS.get(person.get("cases", {}).get(ex), "graded")
    return out


def honest_answer(name: str, exercise: str):
    """The answer a participant saved (what an honest grade is computed from)."""
    sp = spec()
    person = next(p for p in sp["participants"] if p["name"] == name)
    return answer_for(exercise, person["level"], person["lang"], references(), sp)


def write_honest(dest, count: int) -> list[str]:
    """A class of ``count`` honest participants (strong, average and weak answers, both languages), all 8 exercises.

    Made for measuring grading speed: every notebook runs to the end, as most of a real class's do.
    """
    dest = Path(dest)
    sp = spec()
    refs = references()
    exercises = exercise_ids()
    notebooks = {ex: _nb_text(notebook_for(ex)) for ex in exercises}
    kinds = [(level, lang) for level in ("strong", "average", "weak") for lang in ("vi", "en")]
    names = []
    for i in range(count):
        level, lang = kinds[i % len(kinds)]
        name = f"Học viên {i + 1:03d}"
        folder = dest / name
        (folder / "answers").mkdir(parents=True, exist_ok=True)
        for ex in exercises:
            (folder / f"{ex}.ipynb").write_text(notebooks[ex], encoding="utf-8")
            answer = answer_for(ex, level, lang, refs, sp)
            payload = {"format": FORMAT, "exercise": ex, "saved_at": SAVED_AT, "answer": answer}
            (folder / "answers" / f"{ex}.json").write_text(json.dumps(payload, ensure_ascii=False, indent=2),
                                                           encoding="utf-8")
        names.append(name)
    return names
