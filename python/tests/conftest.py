"""Shared fixtures: the CLI path, temporary data written through GDAL (via GeoPandas/Fiona)."""
import os

import pytest


@pytest.fixture(scope="session")
def reserve_cli():
    """The `reserve` CLI built with this module (CTest sets RESERVE_CLI)."""
    path = os.environ.get("RESERVE_CLI")
    if not path or not os.path.exists(path):
        pytest.skip("RESERVE_CLI is not set to the built `reserve` executable")
    return path
