"""Where the official standard files are (the DCAT-AP shapes, the OCDS schemas): /work/shared/standards's README."""

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Beside the checkout (CI puts it there); a worktree of the checkout finds the one beside the main checkout.
CANDIDATES = (ROOT.parent / "shared" / "standards", Path("/work/shared/standards"))


def standards_dir() -> Path:
    """Return the folder of the standard files; skip the test without it, or fail it when CI requires them."""
    for candidate in CANDIDATES:
        if candidate.is_dir():
            return candidate
    message = (
        "the official standard files are absent: put them at ../shared/standards beside the checkout "
        "(DCAT-AP 3.0.1 SHACL from SEMICeu/DCAT-AP, OCDS 1.1.5 schemas from open-contracting/standard)"
    )
    if os.environ.get("PRONGSAI_REQUIRE_SERVICES") == "1":
        pytest.fail(f"PRONGSAI_REQUIRE_SERVICES=1 but {message}")
    pytest.skip(message)
