"""Export each real site's pinned snapshot and serve it on its own loopback address.

    python -m bench.realsites.serve [--only NAME ...] [--port 8088] [--mirror /work/.mirror]

Static sites are answered by an aiohttp server in this process; PHP sites by `php -S` with `router.php`; a site
with an SQL dump gets its MariaDB database recreated from the dump first. Nothing here reaches past loopback.
"""

import argparse
import asyncio
import errno
import mimetypes
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote

from aiohttp import web

from bench.realsites.corpus import SITES_FILE, Site, load_sites

REPO_ROOT = Path(__file__).resolve().parents[2]
EXPORT_ROOT = REPO_ROOT / "var" / "realsites"
DEFAULT_MIRROR = Path(os.environ.get("PRONGSAI_REALSITES_MIRROR", "/work/.mirror"))
DEFAULT_PORT = 8088
ROUTER = Path(__file__).resolve().parent / "router.php"
_INDEXES = ("index.html", "index.htm", "default.htm", "default.html", "index.php")


class SnapshotMissing(RuntimeError):
    """The repository's snapshot is not on this machine (bring it with the workplace's fetch tool)."""


def snapshot_git_dir(repo: str, mirror: Path = DEFAULT_MIRROR) -> Path:
    """Return the bare git directory of ``repo``'s snapshot under ``mirror``."""
    base = mirror / repo.replace("/", "+")
    for candidate in (base / "repo", base / "repo" / ".git", base):
        if (candidate / "objects").is_dir() and (candidate / "HEAD").is_file():
            return candidate
    raise SnapshotMissing(f"no snapshot of {repo} under {mirror} (fetch github:{repo} first)")


def export(site: Site, *, mirror: Path = DEFAULT_MIRROR, into: Path = EXPORT_ROOT) -> Path:
    """Export the site's pinned commit into ``into/<name>`` (once per commit) and return its document root."""
    target = into / site.name
    stamp = target / ".realsites-commit"
    if not (stamp.is_file() and stamp.read_text().strip() == site.commit):
        git_dir = snapshot_git_dir(site.repo, mirror)
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        _write_tree(git_dir, site.commit, target)
        for edit in site.edits:
            path = target / edit.file
            text = path.read_text(encoding="utf-8", errors="surrogateescape")
            if edit.find not in text:
                raise ValueError(f"{site.name}: {edit.file} has no {edit.find!r} to replace")
            path.write_text(text.replace(edit.find, edit.replace), encoding="utf-8", errors="surrogateescape")
        _make_links(site, target)
        stamp.write_text(site.commit)
    return target / site.root if site.root else target


def _make_links(site: Site, target: Path) -> None:
    """Make the site's symbolic links in its export, each relative and never pointing out of the export."""
    root = target.resolve()
    for link in site.links:
        path, pointee = target / link.path, target / link.target
        if not (path.parent.resolve() / path.name).is_relative_to(root) or not pointee.resolve().is_relative_to(root):
            raise ValueError(f"{site.name}: link {link.path} -> {link.target} leaves the export")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(os.path.relpath(pointee, path.parent))


def _write_tree(git_dir: Path, commit: str, target: Path) -> None:
    """Write every file of ``commit`` under ``target``; a blob the snapshot lacks (4 MiB and over) stays absent.

    `git archive` stops at the first missing blob, so the files are read one by one through `cat-file --batch`.
    """
    listing = subprocess.run(
        ["git", f"--git-dir={git_dir}", "ls-tree", "-r", "-z", commit], check=True, capture_output=True
    ).stdout
    entries: list[tuple[str, str]] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, oid = meta.decode().split()
        if kind == "blob" and mode != "120000":  # symbolic links could point out of the export
            entries.append((oid, name.decode("utf-8", errors="surrogateescape")))
    batch = subprocess.Popen(
        ["git", f"--git-dir={git_dir}", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    if batch.stdin is None or batch.stdout is None:
        raise RuntimeError("git cat-file did not open its pipes")
    requests = batch.stdin

    def ask() -> None:
        # From a thread of its own: git answers as it reads, and a large tree fills both pipes otherwise.
        requests.write("".join(f"{oid}\n" for oid, _ in entries).encode())
        requests.close()

    asker = threading.Thread(target=ask, daemon=True)
    asker.start()
    root = target.resolve()
    for _oid, relative in entries:
        header = batch.stdout.readline().split()
        if len(header) < 3 or header[1] != b"blob":
            continue  # "<oid> missing": a large file the snapshot does not carry
        body = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)
        path = (target / relative).resolve()
        if path.is_relative_to(root):
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                path.write_bytes(body)
            except OSError as error:  # a name longer than the file system allows (255 bytes): absent, as missing
                if error.errno != errno.ENAMETOOLONG:
                    raise
    asker.join()
    batch.wait()


def load_database(site: Site, export_dir: Path) -> None:
    """Recreate the site's MariaDB database from its dump (and its user, with the site's own credentials)."""
    database = site.database
    if database is None:
        return
    dump = export_dir / database.dump
    statements = [
        f"DROP DATABASE IF EXISTS `{database.name}`",
        f"CREATE DATABASE `{database.name}` CHARACTER SET {database.charset}",
    ]
    if database.user and database.user != "root":
        statements += [
            f"CREATE USER IF NOT EXISTS '{database.user}'@'localhost' IDENTIFIED BY '{database.password}'",
            f"CREATE USER IF NOT EXISTS '{database.user}'@'127.0.0.1' IDENTIFIED BY '{database.password}'",
            f"GRANT ALL ON `{database.name}`.* TO '{database.user}'@'localhost'",
            f"GRANT ALL ON `{database.name}`.* TO '{database.user}'@'127.0.0.1'",
        ]
    subprocess.run(["mariadb", "-e", "; ".join(statements)], check=True)
    with dump.open("rb") as stream:
        subprocess.run(
            ["mariadb", "--default-character-set", database.charset, database.name], stdin=stream, check=True
        )


def _static_app(root: Path) -> web.Application:
    """Return an app that serves ``root`` as a plain web server does (directory index, 404 otherwise)."""

    async def handle(request: web.Request) -> web.StreamResponse:
        relative = unquote(request.path).lstrip("/")
        path = (root / relative).resolve()
        if not path.is_relative_to(root.resolve()):
            return web.Response(status=403, text="forbidden")
        if path.is_dir():
            if not request.path.endswith("/"):
                raise web.HTTPMovedPermanently(request.path + "/")
            path = next((path / name for name in _INDEXES if (path / name).is_file()), path / "index.html")
        if not path.is_file():
            return web.Response(status=404, text="<h1>Not Found</h1>", content_type="text/html")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return web.Response(body=path.read_bytes(), headers={"Content-Type": content_type})

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    return app


class RealSites:
    """Serve the given sites on loopback: ``async with RealSites(sites) as served: served.urls``."""

    def __init__(self, sites: Sequence[Site], *, port: int = DEFAULT_PORT, mirror: Path = DEFAULT_MIRROR) -> None:
        self.sites = list(sites)
        self.port = port
        self.mirror = mirror
        self.runners: list[web.AppRunner] = []
        self.processes: list[subprocess.Popen[bytes]] = []
        self.urls: dict[str, str] = {}

    async def __aenter__(self) -> "RealSites":
        for site in self.sites:
            root = export(site, mirror=self.mirror)
            load_database(site, EXPORT_ROOT / site.name)
            if site.server == "php":
                self.processes.append(self._php(site, root))
            else:
                runner = web.AppRunner(_static_app(root), access_log=None, handle_signals=False)
                await runner.setup()
                await web.TCPSite(runner, site.address, self.port, reuse_address=True).start()
                self.runners.append(runner)
            self.urls[site.name] = site.url(self.port)
        await self._wait_listening()
        return self

    def _php(self, site: Site, root: Path) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "PHP_CLI_SERVER_WORKERS": "2",
            "REALSITES_FRONT_CONTROLLER": "1" if site.front_controller else "0",
        }
        log = (EXPORT_ROOT / f"{site.name}.php.log").open("wb")
        return subprocess.Popen(
            ["php", "-d", "display_errors=0", "-d", "log_errors=1", "-S", f"{site.address}:{self.port}",
             "-t", str(root), str(ROUTER)],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    async def _wait_listening(self) -> None:
        for site in self.sites:
            for _ in range(100):
                try:
                    _, writer = await asyncio.open_connection(site.address, self.port)
                except OSError:
                    await asyncio.sleep(0.05)
                    continue
                writer.close()
                await writer.wait_closed()
                break
            else:
                raise RuntimeError(f"{site.name} is not listening on {site.address}:{self.port}")

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for runner in self.runners:
            await runner.cleanup()
        # `php -S` forks its workers: each server is stopped with its whole process group.
        for process in self.processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def chosen(sites: Iterable[Site], names: Sequence[str]) -> list[Site]:
    """Return the sites named (all when none are), refusing an unknown name."""
    sites = list(sites)
    if not names:
        return sites
    known = {site.name: site for site in sites}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SystemExit(f"unknown site(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[name] for name in names]


async def _serve(sites: Sequence[Site], port: int, mirror: Path) -> None:
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        # A plain `kill` must also stop the PHP servers this process started.
        loop.add_signal_handler(signum, stopped.set)
    async with RealSites(sites, port=port, mirror=mirror) as served:
        for site in sites:
            print(f"{site.name:<24} {site.split:<8} {served.urls[site.name]}", flush=True)
        await stopped.wait()


def main(argv: list[str] | None = None) -> int:
    """Serve the chosen sites until interrupted."""
    parser = argparse.ArgumentParser(prog="python -m bench.realsites.serve", description=__doc__)
    parser.add_argument("--only", nargs="*", default=[], help="serve only these sites")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--sites", type=Path, default=SITES_FILE, help="the sites file (default: sites.toml)")
    args = parser.parse_args(argv)
    try:
        asyncio.run(_serve(chosen(load_sites(args.sites), args.only), args.port, args.mirror))
    except SnapshotMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
