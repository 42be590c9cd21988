"""okrkit assign: solutions/ → exercises/ with solutions removed, outputs cleared, ids stable, nothing leaked."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, tree_hashes

from okrkit.assign import HOWTO_ID, LAB_ONLY_TAG, assign, exercise_text, make_exercise, render, strip_source
from okrkit.errors import InputError
from okrkit.rubrics import ALL_IDS, IDS

SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
PARAMETERS = ("exercise", "answers_path", "grading", "lang")


def notebook(*cells, **meta):
    nb = nbformat.v4.new_notebook(cells=list(cells))
    nb.metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
                   **meta}
    return nb


def cell(source, *, tags=(), kind="code", cid=None, **extra):
    c = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
    if cid:
        c.id = cid
    if tags:
        c.metadata["tags"] = list(tags)
    for k, v in extra.items():
        c[k] = v
    return c


@pytest.fixture
def kit(tmp_path):
    """A copy of the kit's solutions/ and exercises/ in a temporary folder."""
    shutil.copytree(SOLUTIONS, tmp_path / "solutions")
    shutil.copytree(EXERCISES, tmp_path / "exercises")
    return tmp_path


def test_exercises_are_up_to_date(run_cli):
    """`okrkit assign --check` passes on the committed kit: exercises/ matches solutions/."""
    result = run_cli("assign", "--check", cwd=ROOT)
    assert result.returncode == 0, result.stderr


def test_check_names_stale_files_and_writes_nothing(kit, run_cli):
    """After a solution changes, --check exits 1, names the stale exercise and modifies nothing."""
    path = kit / "solutions" / "ex08_score_quarter.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\n\nMột dòng mới. *A new line.*"
    nbformat.write(nb, path)
    before = tree_hashes(kit / "exercises")
    result = run_cli("assign", "--check", cwd=kit)
    assert result.returncode == 1
    assert "ex08_score_quarter.ipynb" in result.stderr and "ex01_sales_okr" not in result.stderr
    assert tree_hashes(kit / "exercises") == before
    assert run_cli("assign", cwd=kit).returncode == 0
    assert run_cli("assign", "--check", cwd=kit).returncode == 0


def test_check_reports_missing_and_orphan_exercises(kit):
    """A missing exercise is stale; an exercise without a solution is reported as an orphan."""
    (kit / "exercises" / "ex02_marketing_okrs.ipynb").unlink()
    shutil.copy(kit / "exercises" / "ex01_sales_okr.ipynb", kit / "exercises" / "ex99_old.ipynb")
    result = assign(kit / "solutions", kit / "exercises", check=True)
    assert not result.ok
    assert [Path(p).name for p in result.stale] == ["ex02_marketing_okrs.ipynb"]
    assert [Path(p).name for p in result.orphans] == ["ex99_old.ipynb"]
    assert not (kit / "exercises" / "ex02_marketing_okrs.ipynb").exists()


def test_assign_is_deterministic(kit):
    """The same solutions give byte-identical exercises, and an up-to-date file is not rewritten."""
    first = tree_hashes(kit / "exercises")
    shutil.rmtree(kit / "exercises")
    assert len(assign(kit / "solutions", kit / "exercises").written) == len(ALL_IDS)
    assert tree_hashes(kit / "exercises") == first
    again = assign(kit / "solutions", kit / "exercises")
    assert again.written == () and len(again.unchanged) == len(ALL_IDS)


@pytest.mark.parametrize("name", IDS)
def test_no_solution_leaks_into_the_exercise(name):
    """No cell tagged `solution`, no solution marker and no reference answer reaches the participants."""
    solution = nbformat.read(SOLUTIONS / f"{name}.ipynb", as_version=4)
    text = (EXERCISES / f"{name}.ipynb").read_text(encoding="utf-8")
    exercise = nbformat.reads(text, as_version=4)
    assert all("solution" not in c.metadata.get("tags", []) for c in exercise.cells)
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text and "REFERENCE" not in text
    hidden = [c for c in solution.cells if "solution" in c.metadata.get("tags", [])]
    marked = [c for c in solution.cells if "# BEGIN SOLUTION" in c.source]
    assert hidden or marked, "every solution notebook holds a reference answer"
    for c in hidden:
        assert c.id not in {e.id for e in exercise.cells}
    for c in marked:
        region = c.source.split("# BEGIN SOLUTION", 1)[1].split("# END SOLUTION", 1)[0]
        prompt = strip_source(c.source).splitlines()
        given = {line.strip() for line in prompt}
        shown = {line.strip() for e in exercise.cells for line in e.source.splitlines()}
        for line in filter(None, (s.strip() for s in region.splitlines())):
            assert line in given or line not in shown, line


@pytest.mark.parametrize("name", IDS)
def test_exercise_keeps_ids_parameters_and_order(name):
    """Cell ids are those of the solution (minus hidden cells), in the same order; the parameters cell is intact."""
    solution = nbformat.read(SOLUTIONS / f"{name}.ipynb", as_version=4)
    exercise = nbformat.read(EXERCISES / f"{name}.ipynb", as_version=4)
    kept = [c for c in solution.cells if "solution" not in c.metadata.get("tags", [])]
    assert [c.id for c in exercise.cells] == [HOWTO_ID] + [c.id for c in kept]
    params = [c for c in exercise.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(params) == 1
    assert params[0].source == next(c for c in kept if c.id == params[0].id).source


@pytest.mark.parametrize("folder", ["solutions", "exercises"])
@pytest.mark.parametrize("name", ALL_IDS)
def test_notebook_hygiene(folder, name):
    """Committed without outputs, with kernel metadata, ids, and a parameters cell with the four parameters."""
    path = ROOT / folder / f"{name}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"] == {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                         "language": "python"}
    assert nb.metadata["language_info"]["name"] == "python"
    ids = [c.id for c in nb.cells]
    assert all(ids) and len(set(ids)) == len(ids)
    for c in nb.cells:
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None, c.id
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert "parameters" in code[0].metadata.get("tags", []), "the parameters cell is the first code cell"
    tree = ast.parse(code[0].source)
    values = {n.targets[0].id: ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)}
    assert values == {"exercise": name, "answers_path": f"answers/{name}.json", "grading": False, "lang": "vi"}
    assert code[-1].source.startswith("ui.record(exercise, "), "the last cell records the answer"
    imports = " ".join(c.source for c in code if "import" in c.source)
    assert "altair" not in imports and "papermill" not in imports


@pytest.mark.parametrize("name", IDS)
def test_exercise_opens_ready_for_a_participant(name):
    """Code cells collapsed, the first line says what to press (JupyterLab only), the page titled in Vietnamese."""
    nb = nbformat.read(EXERCISES / f"{name}.ipynb", as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.metadata["tags"] == [LAB_ONLY_TAG]
    assert first.source.splitlines()[0].startswith("**Bấm ▶▶ trên thanh công cụ**")
    assert "không cần viết mã" in first.source
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code and all(c.metadata["jupyter"]["source_hidden"] is True for c in code)
    assert all("jupyter" not in c.metadata for c in nb.cells if c.cell_type == "markdown")
    assert nb.metadata["title"].startswith(f"Bài tập {IDS.index(name) + 1} · ")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_assign_for_a_class_language(kit, run_cli, lang):
    """`okrkit assign --lang` sets the notebooks' lang default, the first line and the page title in that language."""
    out = kit / f"class-{lang}"
    result = run_cli("assign", "--lang", lang, "--exercises", str(out), cwd=kit)
    assert result.returncode == 0, result.stderr
    for name in IDS:
        nb = nbformat.read(out / f"{name}.ipynb", as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        tree = ast.parse(code[0].source)
        values = {n.targets[0].id: ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)}
        assert values["lang"] == lang and values["exercise"] == name
        howto = nb.cells[0].source
        assert howto.startswith("**Press ▶▶" if lang == "en" else "**Bấm ▶▶")
        assert nb.metadata["title"].startswith("Exercise " if lang == "en" else "Bài tập ")
    assert run_cli("assign", "--check", cwd=kit).returncode == 0, "the kit's own exercises/ are left as they were"


def test_unknown_class_language_is_one_clear_error(kit, run_cli):
    """`--lang fr` is refused by the command line in one line, with exit status 2."""
    result = run_cli("assign", "--lang", "fr", cwd=kit)
    assert result.returncode == 2 and "--lang" in result.stderr


# ---------------------------------------------------------------- the steps, on small notebooks

def test_solution_cells_removed_and_outputs_cleared():
    """Cells tagged solution go; outputs, counts and run-time metadata are cleared; other tags stay."""
    out = nbformat.v4.new_output("stream", text="hello")
    nb = notebook(
        cell('exercise = "x"', tags=("parameters",), cid="p", execution_count=3, outputs=[out]),
        cell("secret = 42", tags=("solution", "hide"), cid="s"),
        cell("## Lời giải", kind="markdown", tags=("solution",), cid="m"),
        cell("print(1)", cid="c", execution_count=4, outputs=[out]),
        papermill={"parameters": {}},
    )
    nb.cells[3].metadata["execution"] = {"iopub.status.busy": "2026-01-01"}
    ex = make_exercise(nb, "t.ipynb")
    assert [c.id for c in ex.cells] == [HOWTO_ID, "p", "c"]
    assert ex.cells[1].metadata["tags"] == ["parameters"]
    assert all(c.outputs == [] and c.execution_count is None for c in ex.cells if c.cell_type == "code")
    assert "execution" not in ex.cells[2].metadata and "papermill" not in ex.metadata
    assert nb.cells[0].outputs, "the solution notebook itself is not changed"


def test_region_becomes_its_prompt_or_a_default_that_runs():
    """A region is replaced by its commented prompt (uncommented), or by `...` with a bilingual note."""
    with_prompt = "x = 1\n# BEGIN SOLUTION\nanswer = {'a': x}\n# END SOLUTION\n# BEGIN PROMPT\n# answer = {}\n# END PROMPT\nanswer"
    assert strip_source(with_prompt) == "x = 1\nanswer = {}\nanswer"
    indented = "def f():\n    # BEGIN SOLUTION\n    return 42\n    # END SOLUTION"
    result = strip_source(indented)
    assert "42" not in result and result.splitlines()[-1] == "    ..."
    compile(result, "<cell>", "exec")
    exec(compile(strip_source(with_prompt), "<cell>", "exec"), {})  # noqa: S102 - our own two-line cell


@pytest.mark.parametrize("source", [
    "# BEGIN SOLUTION\nx = 1",
    "x = 1\n# END SOLUTION",
    "# BEGIN PROMPT\n# x = 1\n# END PROMPT",
    "# BEGIN SOLUTION\nx = 1\n# END SOLUTION\n# BEGIN PROMPT\n# x = 0",
], ids=["unclosed", "end-without-begin", "prompt-alone", "unclosed-prompt"])
def test_unbalanced_markers_are_refused(source):
    """A broken region is an error naming the cell, never a leak."""
    nb = notebook(cell(source, cid="a"))
    with pytest.raises(InputError) as err:
        make_exercise(nb, "broken.ipynb")
    assert "broken.ipynb, cell 1" in err.value.line()


def test_marker_in_markdown_is_refused():
    """Solution markers in a markdown cell are refused: tag the cell `solution` instead."""
    nb = notebook(cell("# BEGIN SOLUTION\nThe answer is 42\n# END SOLUTION", kind="markdown", cid="m"))
    with pytest.raises(InputError, match="markers would reach"):
        make_exercise(nb, "md.ipynb")


def test_missing_cell_ids_get_stable_ones(tmp_path):
    """An old notebook without cell ids gets the same ids every time it is assigned."""
    nb = notebook(cell("x = 1"), cell("y = 2"))
    for c in nb.cells:
        del c["id"]
    nb.nbformat_minor = 4
    path = tmp_path / "old.ipynb"
    path.write_text(nbformat.writes(nb, version=4), encoding="utf-8")
    first, second = exercise_text(path), exercise_text(path)
    assert first == second
    ids = [c.id for c in nbformat.reads(first, as_version=4).cells]
    assert ids[0] == HOWTO_ID and len(set(ids)) == 3 and all(ids)


def test_render_matches_nbformat_write(tmp_path):
    """Exercises are written exactly as nbformat writes them (so Jupyter's re-save is a no-op)."""
    nb = make_exercise(nbformat.read(SOLUTIONS / "ex01_sales_okr.ipynb", as_version=4), "ex01_sales_okr.ipynb")
    nbformat.write(nb, tmp_path / "x.ipynb")
    assert (tmp_path / "x.ipynb").read_text(encoding="utf-8") == render(nb)


def test_clean_clears_a_solution_run_in_jupyter(kit, run_cli):
    """A solution saved with outputs is cleared by --clean, and its exercise is unchanged."""
    path = kit / "solutions" / "ex08_score_quarter.ipynb"
    clean = path.read_bytes()
    nb = nbformat.read(path, as_version=4)
    for c in nb.cells:
        if c.cell_type == "code":
            c.execution_count = 7
            c.outputs = [nbformat.v4.new_output("stream", text="0.49")]
    nb.metadata["widgets"] = {"state": {}}
    nbformat.write(nb, path)
    before = tree_hashes(kit / "exercises")
    assert run_cli("assign", "--check", cwd=kit).returncode == 0, "outputs alone do not make exercises stale"
    result = run_cli("assign", "--clean", cwd=kit)
    assert result.returncode == 0 and "cleared outputs in solutions/ex08_score_quarter.ipynb" in result.stdout
    assert path.read_bytes() == clean
    assert tree_hashes(kit / "exercises") == before


def test_missing_solutions_folder_is_one_clear_error(tmp_path, run_cli):
    """Running assign where there is no solutions/ folder is one line and exit status 2."""
    result = run_cli("assign", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "solutions" in result.stderr
