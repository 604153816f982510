"""Production settings refuse unsafe values, and `check --deploy` is clean when configured properly."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(tmp_path: Path, **overrides: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRONGSAI_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "PRONGSAI_SECRET_KEY": secrets.token_urlsafe(60),
            "PRONGSAI_ALLOWED_HOSTS": "transparency.example.go.th",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PRONGSAI_VAR_DIR": str(tmp_path),
        }
    )
    env.update(overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
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


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"PRONGSAI_DEBUG": "1"}, "PRONGSAI_DEBUG must be off in production."),
        ({"PRONGSAI_SECRET_KEY": ""}, "PRONGSAI_SECRET_KEY must be set to a random value"),
        ({"PRONGSAI_SECRET_KEY": "dev-only-insecure-key-never-use-in-production"}, "PRONGSAI_SECRET_KEY must be set"),
        ({"PRONGSAI_SECRET_KEY": "a" * 60}, "PRONGSAI_SECRET_KEY must be set"),
        ({"PRONGSAI_ALLOWED_HOSTS": "*"}, "PRONGSAI_ALLOWED_HOSTS must list this site's host names"),
        ({"PRONGSAI_DEBUG": "maybe"}, "PRONGSAI_DEBUG must be a boolean"),
    ],
)
def test_unsafe_values_stop_start_up(tmp_path: Path, overrides: dict[str, str], message: str) -> None:
    result = run_check(tmp_path, **overrides)
    assert result.returncode != 0
    assert message in result.stderr
