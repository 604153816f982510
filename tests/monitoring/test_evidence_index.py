"""Reading one archived answer through the URL index cached beside the WARC, and marking matched phrases."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prongsai.monitoring.engine import evidence as evidence_module
from prongsai.monitoring.engine.evidence import (
    evidence_at,
    evidence_index,
    evidence_records,
    index_path,
    phrase_segments,
)

from .archives import PLAN_PAGE, SITE, write_archive


def test_each_record_reads_back_by_url_as_a_scan_reads_it(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "check.warc.gz")
    for record in evidence_records(path):
        assert evidence_at(path, record.url) == record
    assert evidence_at(path, f"{SITE}/nowhere/") is None


def test_the_index_is_cached_beside_the_archive_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_archive(tmp_path / "check.warc.gz")
    index = evidence_index(path)
    cache = index_path(path)
    assert cache.name == "check.warc.gz.idx.json"
    stored = json.loads(cache.read_text(encoding="utf-8"))
    assert [row[0] for row in stored["records"]] == [
        f"{SITE}/5.1.4/",
        f"{SITE}/5.1.2/",
        f"{SITE}/docs/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf",
        "http://169.254.169.254/latest/",
        f"{SITE}/5.1.7.3/",
    ]
    assert stored["size"] == path.stat().st_size

    def no_scan(_path: Path) -> None:
        raise AssertionError("the archive was scanned again")

    monkeypatch.setattr(evidence_module, "_build_index", no_scan)
    assert evidence_index(path) == index
    record = evidence_at(path, f"{SITE}/5.1.4/")
    assert record is not None
    assert record.body.decode() == PLAN_PAGE


def test_a_stale_or_damaged_index_is_built_again(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "check.warc.gz")
    first = evidence_index(path)
    index_path(path).write_text("{not json", encoding="utf-8")
    assert evidence_index(path) == first
    # The archive was replaced (another size): the old offsets must not be trusted.
    write_archive(path, [])
    assert evidence_index(path).entries == {}


def test_a_read_only_directory_still_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_archive(tmp_path / "check.warc.gz")

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError("read-only file system")

    # Simulated: the tests may run as root, for whom file modes do not forbid writing.
    monkeypatch.setattr(evidence_module.tempfile, "mkstemp", refuse)
    record = evidence_at(path, f"{SITE}/5.1.2/")
    assert record is not None
    assert record.status == 200
    assert not index_path(path).exists()
    assert list(tmp_path.iterdir()) == [path]


def test_a_link_in_another_spelling_finds_the_canonical_record(tmp_path: Path) -> None:
    path = write_archive(tmp_path / "check.warc.gz")
    record = evidence_at(path, "HTTPS://UNIT0.example.go.th/5.1.4/")
    assert record is not None
    assert record.url == f"{SITE}/5.1.4/"


@pytest.mark.parametrize(
    ("text", "phrases", "expected"),
    [
        ("ไม่มีคำ", ["แผน"], [("ไม่มีคำ", False)]),
        (
            "ดูแผนปฏิบัติราชการ ประจำปี",
            ["แผนปฏิบัติราชการ", "แผน"],
            [("ดู", False), ("แผนปฏิบัติราชการ", True), (" ประจำปี", False)],
        ),
        ("แผนปฏิบัติ\nราชการ", ["แผนปฏิบัติราชการ"], [("แผนปฏิบัติ\nราชการ", True)]),
        (
            "The Action Plan and the action plan",
            ["action plan"],
            [("The ", False), ("Action Plan", True), (" and the ", False), ("action plan", True)],
        ),
        ("a.b", ["."], [("a", False), (".", True), ("b", False)]),
        ("", ["แผน"], []),
        ("ข้อความ", [], [("ข้อความ", False)]),
    ],
)
def test_phrases_are_marked_where_they_occur(text: str, phrases: list[str], expected: list[tuple[str, bool]]) -> None:
    assert phrase_segments(text, phrases) == expected


@given(st.text(), st.lists(st.text(min_size=1, max_size=8), max_size=4))
def test_marking_keeps_every_character_in_order(text: str, phrases: list[str]) -> None:
    assert "".join(piece for piece, _ in phrase_segments(text, phrases)) == text
