"""The browser-test machinery without a browser: a missing Chromium is a clear failure, notebooks are valid."""

from __future__ import annotations

import pytest
from browser import labdriver


def test_missing_chromium_is_a_clear_error(monkeypatch, tmp_path):
    """Without /usr/bin/chromium the browser tests fail with how to install it (they are never skipped)."""
    monkeypatch.setattr(labdriver, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(RuntimeError, match="apt-get install chromium"):
        labdriver.require_chromium()


def test_generated_notebook_has_parameters_and_kernelspec():
    """The test notebooks carry a python3 kernelspec and a cell tagged 'parameters'."""
    import nbformat

    nb = nbformat.from_dict(labdriver.code_notebook(["x = 1", "x"], tags={0: ["parameters"]}))
    nbformat.validate(nb)
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert nb.cells[0].metadata["tags"] == ["parameters"]
