"""The example notebook runs headless from top to bottom (nbclient + ipykernel from Debian) and
shows what it promises: the verdict table, zone areas, the map and the ledger."""
import json
import os
import sys

import ipykernel  # noqa: F401  (the kernel nbclient starts; a missing one fails, never skips)
import nbclient
import nbformat
import pytest

NOTEBOOK = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples",
                        "sample_case.ipynb")


@pytest.fixture
def kernel_env(tmp_path, monkeypatch):
    """A `python3` kernel that is this interpreter. Debian's kernelspec already points at
    /usr/bin/python3; when it does not (or is absent) a temporary kernelspec is made."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        argv0 = KernelSpecManager().get_kernel_spec("python3").argv[0]
    except NoSuchKernel:
        argv0 = None
    if argv0 is None or os.path.realpath(argv0) != os.path.realpath(sys.executable):
        spec_dir = tmp_path / "kernels" / "python3"
        spec_dir.mkdir(parents=True)
        (spec_dir / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Python 3", "language": "python"}))
        monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    return True


def test_sample_notebook_runs_and_shows_results(sample, kernel_env):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=600,
                                     resources={"metadata": {"path": os.path.dirname(NOTEBOOK)}})
    client.execute()  # raises CellExecutionError on any failing cell
    html = []
    plain = []
    images = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            html.append(data.get("text/html", ""))
            plain.append(data.get("text/plain", "") + out.get("text", ""))
            images += [k for k in data if k.startswith("image/")]
    html_text = "\n".join(html)
    plain_text = "\n".join(plain)
    # The verdict table with the sample's designed failures.
    assert "no-slimming" in html_text and ">fail<" in html_text
    assert "core-buffer-share" in html_text
    # Zone areas of the proposal, geodesic, to 0.01 ha (expected.json, pyproj on GRS80).
    core_ha = sample["expected"]["proposal"]["zones"]["core"]["geodesic_ha"]
    assert f"{core_ha:.2f}" in plain_text or f"{core_ha:,.2f}" in html_text
    assert "report.json" in plain_text and "map.pdf" in plain_text
    # The map shows inline as an image; the ledger as a table with the ledger's columns.
    assert "image/png" in images
    assert "问题编号 (problem id)" in html_text
    assert "freed" in html_text or "调出保护区" in html_text
