"""Refuse Office files whose ZIP archive would expand beyond the caps, before anything opens them.

DOCX and XLSX are ZIP packages. The central directory declares each member's compressed and
uncompressed size; Python's ``zipfile`` never inflates a member past its declared size, so
checking the declarations bounds the work python-docx and openpyxl can be made to do.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from prongsai.monitoring.engine.extract.model import ExtractConfig, Problem

__all__ = ["ArchiveCheck", "inspect_archive"]


@dataclass(frozen=True, slots=True)
class ArchiveCheck:
    """The verdict on an archive: a problem that forbids opening it, and its member names."""

    problem: Problem | None
    names: frozenset[str]


def inspect_archive(body: bytes, config: ExtractConfig) -> ArchiveCheck:
    """Return whether ``body`` is a ZIP archive that is safe to open, and what it holds.

    Refuse (``zip_bomb``) more members than ``max_zip_members``, a declared total over
    ``max_zip_uncompressed_bytes``, or a member expanding more than ``max_zip_ratio`` times
    its compressed size once it exceeds ``zip_ratio_floor_bytes``. A body that is not a
    readable ZIP gives ``damaged_document``.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return ArchiveCheck(Problem.DAMAGED_DOCUMENT, frozenset())
    names = frozenset(member.filename for member in members[: config.max_zip_members])
    if len(members) > config.max_zip_members:
        return ArchiveCheck(Problem.ZIP_BOMB, names)
    total = sum(member.file_size for member in members)
    if total > config.max_zip_uncompressed_bytes:
        return ArchiveCheck(Problem.ZIP_BOMB, names)
    for member in members:
        if member.file_size > config.zip_ratio_floor_bytes and (
            member.file_size > config.max_zip_ratio * max(member.compress_size, 1)
        ):
            return ArchiveCheck(Problem.ZIP_BOMB, names)
    return ArchiveCheck(None, names)
