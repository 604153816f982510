"""Measure the web process's memory while a staff member posts many large documents at once (not a test).

Starts the app in a child process (development settings, a fresh SQLite database and media directory in a
temporary folder, served by wsgiref on loopback), signs an editor in, and streams one multipart POST of
``--files`` valid PDFs of ``--megabytes`` MB each to the entry edit form, without holding the body in this
process. It prints the server's resident memory before the POST and its peak (VmHWM) after, the answer's
status and where it leads, and what the POST left behind (documents in the database, files under media).

    .venv/bin/python bench/upload_memory.py                      # 60 files of 19 MB: the case of issue 10
    .venv/bin/python bench/upload_memory.py --files 20           # the most a version may carry, accepted

Linux only (it reads /proc/<pid>/status). Figures go to standard output only.
"""

import argparse
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EDIT_PATH = "/th/workspace/units/unit-0/items/5.1.4/edit/"
BOUNDARY = "----prongsai-upload-probe-" + secrets.token_hex(8)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def serve(port: int) -> None:
    """Child: migrate, make one unit with an editor, print its session cookie, then serve until killed."""
    import django

    django.setup()
    from wsgiref.simple_server import WSGIServer, make_server

    from django.core.management import call_command
    from django.core.servers.basehttp import WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from django.test import Client

    from prongsai.accounts.models import User
    from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
    from prongsai.checklists.services import checklist_load
    from prongsai.organizations.services import organization_create, role_assign

    call_command("migrate", verbosity=0)
    checklist_load(actor=None, definition=load_checklist_file(DEFAULT_CHECKLIST_PATH))
    department = organization_create(actor=None, kind="department", slug="ops", name_th="สำนักงาน", name_en="Office")
    unit = organization_create(
        actor=None, kind="unit", parent=department, slug="unit-0", name_th="กองทดสอบ", name_en="Test division"
    )
    editor = User.objects.create_user("editor", password=secrets.token_hex(16))
    role_assign(actor=None, role="editor", organization=unit, user=editor)
    client = Client()
    client.force_login(editor)
    application = get_wsgi_application()

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = make_server("127.0.0.1", port, application, server_class=WSGIServer, handler_class=QuietHandler)
    print(json.dumps({"session": client.cookies["sessionid"].value}), flush=True)
    server.serve_forever()


def _pdf(megabytes: float) -> bytes:
    """Return a valid one-page PDF of about the given size (an embedded file of random bytes fills it)."""
    import pymupdf

    document = pymupdf.open()  # type: ignore[no-untyped-call]
    document.new_page().insert_text((72, 72), "Upload memory probe")
    document.embfile_add("padding.bin", os.urandom(int(megabytes * 1024 * 1024)))
    content = bytes(document.tobytes())  # type: ignore[no-untyped-call]
    document.close()  # type: ignore[no-untyped-call]
    return content


def _field(name: str, value: str) -> bytes:
    return f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()


def _parts(before: dict[str, str], files: int, content: bytes, after: dict[str, str]) -> list[bytes]:
    """Return the body as pieces; every file is the same bytes object, so the body is never held whole."""
    pieces = [_field(name, value) for name, value in before.items()]
    for number in range(files):
        head = (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="documents"; filename="plan-{number}.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        pieces.extend([head, content, b"\r\n"])
    pieces.extend(_field(name, value) for name, value in after.items())
    pieces.append(f"--{BOUNDARY}--\r\n".encode())
    return pieces


def _memory(pid: int) -> dict[str, int]:
    """Return the process's resident and peak resident memory in kB."""
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _sep, rest = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            values[key] = int(rest.split()[0])
    return values


def probe(files: int, megabytes: float) -> None:
    """Parent: start the server, POST the files, print the server's memory before and at its peak."""
    work = Path(tempfile.mkdtemp(prefix="prongsai-upload-probe-"))
    port = _free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "PRONGSAI_MEDIA_ROOT": str(work / "media"),
        "TMPDIR": str(work),
        "PYTHONPATH": str(ROOT),
    }
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(port)], env=environment, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        session = json.loads(child.stdout.readline())["session"]
        csrf = secrets.token_hex(16)
        cookie = f"sessionid={session}; csrftoken={csrf}"
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        warm.request("GET", EDIT_PATH, headers={"Cookie": cookie})
        warm_status = warm.getresponse().status
        warm.close()
        # Reset the peak (VmHWM) to the current RSS, so the peak read afterwards is the POST's own.
        Path(f"/proc/{child.pid}/clear_refs").write_text("5")
        before = _memory(child.pid)
        content = _pdf(megabytes)
        # The fields in the order the form sends them: the token and the text first, the files, then the rest.
        before_files = {"csrfmiddlewaretoken": csrf, "body_th": "<p>แผน</p>", "as_of": "2026-11-01"}
        pieces = _parts(before_files, files, content, {"documents_language": "th", "save": "1"})
        length = sum(len(piece) for piece in pieces)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        connection.putrequest("POST", EDIT_PATH)
        connection.putheader("Cookie", cookie)
        connection.putheader("Content-Type", f"multipart/form-data; boundary={BOUNDARY}")
        connection.putheader("Content-Length", str(length))
        connection.endheaders()
        started = time.perf_counter()
        sent_ok = True
        try:
            for piece in pieces:
                connection.send(piece)
        except (BrokenPipeError, ConnectionResetError):
            sent_ok = False
        response = connection.getresponse()
        response.read()
        seconds = time.perf_counter() - started
        # The server closes the request's temporary upload files just after it has answered.
        time.sleep(1)
        after = _memory(child.pid)
        documents = sorted(p.name for p in (work / "media").rglob("*") if p.is_file())
        left_in_tmp = sorted(p.name for p in work.glob("*.upload*"))
        print(f"files: {files} × {len(content) / 1024 / 1024:.1f} MiB, body {length / 1024 / 1024:.0f} MiB")
        print(f"warm-up GET: {warm_status}")
        print(f"server RSS before the POST: {before['VmRSS'] / 1024:.0f} MiB (peak {before['VmHWM'] / 1024:.0f} MiB)")
        print(
            f"server peak RSS after the POST: {after['VmHWM'] / 1024:.0f} MiB (RSS now {after['VmRSS'] / 1024:.0f} MiB)"
        )
        location = response.getheader("Location") or ""
        print(f"answer: {response.status} {location} in {seconds:.1f} s, body sent whole: {sent_ok}")
        print(f"files under media: {len(documents)}; temporary files left: {len(left_in_tmp)}")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores")
    finally:
        child.terminate()
        child.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--megabytes", type=float, default=19.0)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        serve(arguments.serve)
    else:
        probe(arguments.files, arguments.megabytes)


if __name__ == "__main__":
    main()
