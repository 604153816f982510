"""Production settings refuse unsafe values, and `check --deploy` is clean when configured properly."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    return run_manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **overrides)


def run_manage(tmp_path: Path, *arguments: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    """Run a management command under the production settings, configured as a deployment would be."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRONGSAI_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "PRONGSAI_SECRET_KEY": secrets.token_urlsafe(60),
            "PRONGSAI_AUDIT_KEY": secrets.token_urlsafe(32),
            "PRONGSAI_ALLOWED_HOSTS": "transparency.example.go.th",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PRONGSAI_VAR_DIR": str(tmp_path),
        }
    )
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean(tmp_path: Path) -> None:
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_does_not_install_the_demo(tmp_path: Path) -> None:
    # The demo builder creates people with published passwords; only development and tests load it.
    show_apps = "from django.conf import settings; print(*settings.INSTALLED_APPS)"
    listed = run_manage(tmp_path, "shell", "--no-imports", "-c", show_apps)
    assert listed.returncode == 0, listed.stderr
    assert [app for app in listed.stdout.split() if app.startswith("prongsai.")] == [
        "prongsai.accounts",
        "prongsai.audit",
        "prongsai.organizations",
        "prongsai.checklists",
        "prongsai.disclosures",
        "prongsai.publication",
        "prongsai.channels",
        "prongsai.monitoring",
        "prongsai.plans",
        "prongsai.procurement",
        "prongsai.reports",
        "prongsai.opendata",
        "prongsai.notifications",
        "prongsai.portal",
        "prongsai.workspace",
    ]
    demo = run_manage(tmp_path, "demo")
    assert demo.returncode == 1
    assert "Unknown command: 'demo'" in demo.stderr


AUDIT_KEY_REFUSED = (
    "PRONGSAI_AUDIT_KEY must be set to a random value of at least 32 characters in production, "
    "different from PRONGSAI_SECRET_KEY and kept outside the database (it signs the audit trail; "
    "keep it safe and never change it)."
)
# A value good enough for either key, used for both.
SHARED = "0Yx7-Kp2QmZr9Lw4Tn8Vb1Hc6Jd3Fs5Ga0Ue7Io2Py9Ra4Sl1Mk6Nz"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"PRONGSAI_DEBUG": "1"}, "PRONGSAI_DEBUG must be off in production."),
        ({"PRONGSAI_SECRET_KEY": ""}, "PRONGSAI_SECRET_KEY must be set to a random value"),
        ({"PRONGSAI_SECRET_KEY": "dev-only-insecure-key-never-use-in-production"}, "PRONGSAI_SECRET_KEY must be set"),
        ({"PRONGSAI_SECRET_KEY": "a" * 60}, "PRONGSAI_SECRET_KEY must be set"),
        ({"PRONGSAI_ALLOWED_HOSTS": "*"}, "PRONGSAI_ALLOWED_HOSTS must list this site's host names"),
        ({"PRONGSAI_DEBUG": "maybe"}, "PRONGSAI_DEBUG must be a boolean"),
        ({"PRONGSAI_AUDIT_KEY": ""}, AUDIT_KEY_REFUSED),
        ({"PRONGSAI_AUDIT_KEY": "dev-only-insecure-audit-key-never-use-in-production"}, AUDIT_KEY_REFUSED),
        ({"PRONGSAI_AUDIT_KEY": "test-only-insecure-audit-key"}, AUDIT_KEY_REFUSED),
        ({"PRONGSAI_AUDIT_KEY": "Zq8-vN3kL1xR7tP0wY5sM2"}, AUDIT_KEY_REFUSED),
        ({"PRONGSAI_AUDIT_KEY": "ab" * 30}, AUDIT_KEY_REFUSED),
        ({"PRONGSAI_AUDIT_KEY": SHARED, "PRONGSAI_SECRET_KEY": SHARED}, AUDIT_KEY_REFUSED),
    ],
    ids=[
        "debug-on",
        "secret-empty",
        "secret-development",
        "secret-one-character",
        "wildcard-host",
        "debug-malformed",
        "audit-key-missing",
        "audit-key-development",
        "audit-key-test",
        "audit-key-short",
        "audit-key-few-characters",
        "audit-key-is-the-secret-key",
    ],
)
def test_unsafe_values_stop_start_up(tmp_path: Path, overrides: dict[str, str], message: str) -> None:
    result = run_check(tmp_path, **overrides)
    assert result.returncode != 0
    assert message in result.stderr
