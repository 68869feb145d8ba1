"""notebooks/explore.ipynb runs top to bottom with the python3 kernel, and is stored clean."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "explore.ipynb"


def test_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.slow
def test_notebook_runs_top_to_bottom(tmp_path):
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    # Run from a copy of the folder layout so the notebook's ../out stays out of the repo.
    work = tmp_path / "notebooks"
    work.mkdir()
    (tmp_path / "seeds").symlink_to(NOTEBOOK.parent.parent / "seeds")
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    )
    client.execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "Incidents:" in html  # Incidents._repr_html_
    assert "<iframe" in html  # the inline map
    assert (tmp_path / "out" / "clashes.geojson").is_file()
    assert (tmp_path / "out" / "clashes.gpkg").is_file()
