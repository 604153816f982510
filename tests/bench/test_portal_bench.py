"""The portal load bench's server set-up stays importable and honest (fast: no wrk, no gunicorn).

The bench itself is not a test; these keep its pieces from rotting: the bench URLconf and
settings, the hello view, the committed gunicorn configuration, and how the bench judges runs.
"""

import json
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from gunicorn.config import Config
from pytest_django import DjangoAssertNumQueries

from bench.portal_load import Result, Target, median_run, report, share_of_hello

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONFIG = ROOT / "config" / "gunicorn.py"


@pytest.mark.django_db
@pytest.mark.urls("bench.portal_urls")
def test_hello_answers_without_a_query_beside_the_site(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(0):
        response = client.get("/bench/hello/")
    assert response.status_code == 200
    assert response.content == b"hello"
    # The site's own addresses are all still there under the bench URLconf.
    assert reverse("portal:unit", args=["audit"]) == "/th/units/audit/"
    assert reverse("workspace:login").startswith("/th/workspace/")


SETTINGS_PROBE = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
import config.settings.production as production
response = Client(HTTP_HOST="127.0.0.1").get("/bench/hello/")
print(json.dumps({
    "urlconf": settings.ROOT_URLCONF,
    "debug": settings.DEBUG,
    "same_middleware": settings.MIDDLEWARE == production.MIDDLEWARE,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "status": response.status_code,
    "body": response.content.decode(),
    "frame_options": response["X-Frame-Options"],
    "has_csp": "Content-Security-Policy" in response,
}))
"""


def bench_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRONGSAI_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.portal_settings",
        PRONGSAI_SECRET_KEY=secrets.token_urlsafe(64),
        PRONGSAI_AUDIT_KEY=secrets.token_urlsafe(32),
        PRONGSAI_ALLOWED_HOSTS="127.0.0.1",
        PRONGSAI_SSL_REDIRECT="0",
        PRONGSAI_DB_CONN_MAX_AGE="600",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PRONGSAI_VAR_DIR=str(tmp_path),
    )
    env.update(overrides)
    return env


def test_bench_settings_are_production_with_the_hello_urlconf(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SETTINGS_PROBE],
        cwd=ROOT,
        env=bench_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "urlconf": "bench.portal_urls",
        "debug": False,
        "same_middleware": True,
        "ssl_redirect": False,
        "conn_max_age": 600,
        "status": 200,
        "body": "hello",
        "frame_options": "DENY",
        "has_csp": True,
    }


def test_bench_settings_keep_production_refusals(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=bench_env(tmp_path, PRONGSAI_SECRET_KEY="dev-only-insecure-key-never-use-in-production"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "PRONGSAI_SECRET_KEY must be set to a random value" in result.stderr


def load_gunicorn_config(monkeypatch: pytest.MonkeyPatch, **environ: str) -> Config:
    """Apply config/gunicorn.py to gunicorn's own Config, refusing any name gunicorn does not know."""
    for name in [name for name in os.environ if name.startswith("PRONGSAI_WEB_")]:
        monkeypatch.delenv(name)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(GUNICORN_CONFIG))
    config = Config()
    settings = {
        name: value
        for name, value in namespace.items()
        if not name.startswith("_") and not callable(value) and type(value).__name__ != "module"
    }
    assert set(settings) <= set(config.settings), set(settings) - set(config.settings)
    for name, value in settings.items():
        config.set(name, value)
    return config


@pytest.mark.parametrize(("cores", "workers"), [(0, 3), (1, 3), (2, 5), (4, 9), (16, 33)])
def test_workers_are_twice_the_cores_plus_one(cores: int, workers: int) -> None:
    assert runpy.run_path(str(GUNICORN_CONFIG))["workers_for"](cores) == workers


def test_gunicorn_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_gunicorn_config(monkeypatch)
    cores = os.process_cpu_count() or 1
    assert config.bind == ["127.0.0.1:8000"]
    assert config.workers == 2 * cores + 1
    assert config.worker_class_str == "sync"
    assert config.timeout == 30
    assert config.accesslog is None
    assert config.control_socket_disable is True
    assert config.wsgi_app == "config.wsgi:application"


def test_gunicorn_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_gunicorn_config(
        monkeypatch,
        PRONGSAI_WEB_BIND="0.0.0.0:9000",
        PRONGSAI_WEB_WORKERS="7",
        PRONGSAI_WEB_WORKER_CLASS="gthread",
        PRONGSAI_WEB_THREADS="4",
        PRONGSAI_WEB_TIMEOUT="60",
        PRONGSAI_WEB_MAX_REQUESTS="1000",
        PRONGSAI_WEB_ACCESS_LOG="-",
        PRONGSAI_WEB_CONTROL_SOCKET="/run/prongsai/gunicorn.ctl",
    )
    assert config.bind == ["0.0.0.0:9000"]
    assert config.workers == 7
    assert config.worker_class_str == "gthread"
    assert config.threads == 4
    assert config.timeout == 60
    assert (config.max_requests, config.max_requests_jitter) == (1000, 100)
    assert config.accesslog == "-"
    assert config.control_socket == "/run/prongsai/gunicorn.ctl"
    assert config.control_socket_disable is False


def test_a_malformed_gunicorn_variable_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("PRONGSAI_WEB_WORKERS", "many")
    with pytest.raises(ImproperlyConfigured, match="PRONGSAI_WEB_WORKERS must be an integer, got 'many'"):
        runpy.run_path(str(GUNICORN_CONFIG))


def make_result(target: Target, requests: int, statuses: dict[int, int], **errors: int) -> Result:
    counts = {"connect": 0, "read": 0, "write": 0, "status": 0, "timeout": 0} | errors
    return Result(target, requests, 10.0, 1.5, 12.25, statuses, counts, "wrk …")


def test_a_run_with_any_unexpected_answer_is_refused() -> None:
    page = Target("unit page", "/th/units/audit/")
    revalidated = Target("revalidated", "/th/units/audit/", expected_status=304)
    assert make_result(page, 1000, {200: 1000}).problems() == []
    assert make_result(revalidated, 1000, {304: 1000}).problems() == []
    assert make_result(page, 1000, {200: 998, 302: 1, 500: 1}, read=3).problems() == [
        "1 answers with status 302 (expected 200)",
        "1 answers with status 500 (expected 200)",
        "3 read errors",
    ]
    assert make_result(page, 0, {}).problems() == ["no request completed"]


def test_report_pairs_each_round_with_hello_and_marks_a_miss() -> None:
    hello = Target("hello", "/bench/hello/")
    unit = Target("unit page", "/th/units/audit/", gated=True)
    hello_runs = [make_result(hello, n, {200: n}) for n in (20000, 30000, 10000)]
    unit_runs = [make_result(unit, n, {200: n}) for n in (9000, 12000, 8000)]
    assert median_run(unit_runs).requests == 9000
    assert median_run(unit_runs[:2]).requests == 9000
    # Rounds: 45 %, 40 %, 80 % of hello; the median round decides.
    assert share_of_hello(unit_runs, hello_runs) == pytest.approx(0.45)
    rows = [(median_run(hello_runs), 1.0), (median_run(unit_runs), share_of_hello(unit_runs, hello_runs))]
    assert report(rows, 0.5) == [
        "| target | req/s | p50 | p99 | % of hello |",
        "|---|---:|---:|---:|---:|",
        "| hello (`/bench/hello/`) | 2,000 | 1.5 ms | 12.2 ms | 100 % |",
        "| unit page (`/th/units/audit/`) | 900 | 1.5 ms | 12.2 ms | 45 % (below target) |",
    ]
    assert report(rows, 0.4)[3].endswith("| 45 % |")
