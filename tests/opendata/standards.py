"""Where the official standard files are (DCAT-AP shapes, OCDS schemas and codelists): one place for every test.

They sit in `shared/standards` beside the checkout (its README.md says where each comes from). A
worktree of the checkout is one folder deeper, so the shared machine's /work/shared/standards is
tried as well. A test that needs them and finds neither skips, or fails when
PRONGSAI_REQUIRE_SERVICES=1 (CI must have them).
"""

import os
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[2]
_CANDIDATES = (_ROOT / ".." / "shared" / "standards", Path("/work/shared/standards"))


def standards_dir() -> Path:
    """Return the folder of the official standard files; skip (or fail under PRONGSAI_REQUIRE_SERVICES=1) without it."""
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate.resolve()
    message = (
        "The official standard files are missing: put shared/standards beside the checkout "
        "(DCAT-AP 3.0.1 shapes from SEMICeu/DCAT-AP, OCDS 1.1.5 schemas from open-contracting/standard, "
        "the OCDS bids extension v1.1.5 from open-contracting-extensions/ocds_bid_extension)"
    )
    if os.environ.get("PRONGSAI_REQUIRE_SERVICES") == "1":
        pytest.fail(message)
    pytest.skip(message)
