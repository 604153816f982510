"""Command line: `python -m bench.monitor_farm generate|serve --sites N --seed S --dir DIR`, or `score KEY OUTPUT…`."""

import argparse
import asyncio
import datetime as dt
import json
import sys
from pathlib import Path

from .generate import DEFAULT_CHECK_DATE, FarmConfig, generate_farm
from .score import format_table, score_farm
from .serve import ServeConfig, serve_forever


def farm_matches(directory: Path, config: FarmConfig) -> bool:
    """Return whether `directory` already holds the farm `config` describes."""
    try:
        head = json.loads((directory / "answer_key.json").read_text(encoding="utf-8"))["farm"]
    except (OSError, ValueError, KeyError):
        return False
    return bool(
        head.get("seed") == config.seed
        and head.get("sites") == config.sites
        and head.get("check_date") == config.check_date.isoformat()
        and head.get("wording", "main") == config.wording
    )


def main(argv: list[str] | None = None) -> int:
    """Generate a farm, or serve one (generating it first when the directory does not hold it)."""
    parser = argparse.ArgumentParser(prog="python -m bench.monitor_farm", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("generate", "serve"):
        command = commands.add_parser(name)
        command.add_argument("--sites", type=int, default=10)
        command.add_argument("--seed", type=int, default=1)
        command.add_argument("--dir", type=Path, default=Path("var/farm"))
        command.add_argument("--check-date", type=dt.date.fromisoformat, default=DEFAULT_CHECK_DATE)
        command.add_argument("--wording", choices=("main", "holdout", "unseen"), default="main")
    serve = commands.choices["serve"]
    serve.add_argument("--port", type=int, default=8800)
    serve.add_argument("--huge-mb", type=int, default=256)
    serve.add_argument("--slow-seconds", type=float, default=30.0)
    score = commands.add_parser("score", help="score monitor outputs (JSON, one per site) against an answer key")
    score.add_argument("key", type=Path)
    score.add_argument("outputs", type=Path, nargs="+")
    args = parser.parse_args(argv)
    if args.command == "score":
        key = json.loads(args.key.read_text(encoding="utf-8"))
        outputs = [json.loads(path.read_text(encoding="utf-8")) for path in args.outputs]
        result = score_farm(key, outputs)
        print(format_table(result))
        if result.sites_missing:
            print(f"sites without output: {', '.join(result.sites_missing)}", file=sys.stderr)
        return 0
    config = FarmConfig(sites=args.sites, seed=args.seed, check_date=args.check_date, wording=args.wording)
    if args.command == "generate" or not farm_matches(args.dir, config):
        generate_farm(config, args.dir)
        print(f"wrote {config.sites} sites and {args.dir / 'answer_key.json'}", file=sys.stderr)
    if args.command == "serve":
        serve_config = ServeConfig(huge_bytes=args.huge_mb * 1024 * 1024, slow_seconds=args.slow_seconds)
        try:
            asyncio.run(serve_forever(args.dir, port=args.port, sites=args.sites, config=serve_config))
        except KeyboardInterrupt:
            return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
