"""``python -m prongsai.monitoring check URL``: check any website against a checklist, without Django or a database.

Agencies run it before their ITA submission; the benchmark runs it on the farm. It prints one line
per checklist item (progress goes to stderr) and, with ``--json FILE``, writes the issue's JSON.
Exit status: 0 when the check ran, 1 when the site could not be reached (the reason is printed in Thai and
English, and ``--json`` records it under ``error``), 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from prongsai.checklists.definition import (
    DEFAULT_CHECKLIST_PATH,
    ChecklistDefinition,
    ChecklistFileError,
    load_checklist_file,
)
from prongsai.monitoring.engine.addresses import AddressPolicy
from prongsai.monitoring.engine.clock import SystemClock
from prongsai.monitoring.engine.crawl import CrawlConfig
from prongsai.monitoring.engine.politeness import PolitenessConfig
from prongsai.monitoring.outcome import CheckOutcome, to_json
from prongsai.monitoring.selfcheck import SelfCheckConfig, SiteUnreachable, run_selfcheck

_DATA = DEFAULT_CHECKLIST_PATH.parent
_STATUS_LABEL = {"found": "พบ / found", "partial": "บางส่วน / partial", "not_found": "ไม่พบ / not found"}


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors say what is wrong in Thai and English, then exit with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"ข้อผิดพลาด / error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m prongsai.monitoring", description="Website monitor self-check.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check one website against a checklist")
    check.add_argument("url", help="the site's home page, http:// or https://")
    check.add_argument("--checklist", default=None, help="checklist code (a file in prongsai/checklists/data/)")
    check.add_argument("--json", type=Path, default=None, help="write the findings as JSON to this file")
    check.add_argument("--warc", type=Path, default=None, help="write every fetched response to this WARC file")
    check.add_argument("--allow-private", action="store_true", help="allow loopback and private addresses")
    check.add_argument("--max-pages", type=int, default=None, help="stop after this many pages")
    check.add_argument("--max-seconds", type=float, default=None, help="stop after this many seconds")
    check.add_argument("--delay", type=float, default=None, help="seconds between requests to one host (default 1)")
    check.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser


def _checklist(code: str | None) -> ChecklistDefinition:
    """Load the checklist file whose code is ``code`` (the default checklist when None)."""
    if code is None:
        return load_checklist_file(DEFAULT_CHECKLIST_PATH)
    for path in sorted(_DATA.glob("*.toml")):
        definition = load_checklist_file(path)
        if definition.code == code:
            return definition
    known = ", ".join(load_checklist_file(p).code for p in sorted(_DATA.glob("*.toml")))
    raise ValueError(f"ไม่พบแบบตรวจรหัส {code!r} / no checklist with code {code!r} (known: {known})")


def format_outcome(outcome: CheckOutcome) -> str:
    """Return the findings as a readable table: one line per item, then the site-level findings."""
    lines = [f"{outcome.site}  [{outcome.checklist}]  {outcome.checked_at.isoformat()}"]
    for item in outcome.items:
        date = item.as_of.isoformat() if item.as_of else "-"
        current = {True: "current", False: "stale", None: "-"}[item.current]
        url = item.evidence_urls[0] if item.evidence_urls else ""
        status = _STATUS_LABEL[item.status.value]
        lines.append(f"{item.code:<9} {status:<20} {date:<10} {current:<7} {item.confidence:.2f}  {url}")
    for name, value in outcome.site_findings.items():
        if name != "broken_urls":
            lines.append(f"  {name}: {value}")
    lines.append(f"pages {outcome.pages}, bytes {outcome.bytes}, seconds {outcome.seconds:.1f} ({outcome.stopped_by})")
    if outcome.errors:
        failed = ", ".join(f"{code} {count}" for code, count in sorted(outcome.errors.items()))
        lines.append(f"pages not fetched: {failed}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    parts = urlsplit(args.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        parser.error(f"ที่อยู่ต้องขึ้นต้นด้วย http:// หรือ https:// / the URL must start with http:// or https://: {args.url}")
    for name in ("max_pages", "max_seconds", "delay"):
        value = getattr(args, name)
        if value is not None and (value < 0 or (value == 0 and name != "delay")):
            parser.error(f"--{name.replace('_', '-')} ต้องเป็นจำนวนบวก / must be positive: {value}")
    try:
        checklist = _checklist(args.checklist)
    except (ValueError, ChecklistFileError) as exc:
        parser.error(str(exc))
    crawl = CrawlConfig()
    if args.max_pages is not None:
        crawl = replace(crawl, max_pages=args.max_pages)
    if args.max_seconds is not None:
        crawl = replace(crawl, max_seconds=args.max_seconds)
    if args.delay is not None:
        crawl = replace(crawl, politeness=PolitenessConfig(min_delay=args.delay))
    clock = SystemClock()

    def progress(pages: int, url: str) -> None:
        if not args.quiet:
            print(f"\r[{pages}] {url[:100]:<100}", end="", file=sys.stderr, flush=True)

    checked_at = clock.now()
    try:
        outcome = asyncio.run(
            run_selfcheck(
                args.url,
                checklist=checklist,
                config=SelfCheckConfig(crawl=crawl),
                policy=AddressPolicy(allow_private=args.allow_private),
                clock=clock,
                today=checked_at.astimezone().date(),
                evidence_path=args.warc,
                progress=progress,
            )
        )
    except SiteUnreachable as exc:
        if not args.quiet:
            print(file=sys.stderr)
        print(f"{exc.reason_th}\n{exc.reason_en}", file=sys.stderr)
        if args.json is not None:
            failure = {
                "site": args.url,
                "checklist": checklist.code,
                "checked_at": checked_at.isoformat(),
                "error": {"url": exc.url, "code": exc.code, "reason_th": exc.reason_th, "reason_en": exc.reason_en},
                "items": [],
            }
            args.json.write_text(json.dumps(failure, ensure_ascii=False, indent=2), encoding="utf-8")
        return 1
    if not args.quiet:
        print(file=sys.stderr)
    print(format_outcome(outcome))
    if args.json is not None:
        args.json.write_text(json.dumps(to_json(outcome), ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
