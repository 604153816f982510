"""The test suite: fast hashing, tasks run immediately, files in a temporary directory."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import INSTALLED_APPS

# The demo's own tests build it; production settings leave it out.
INSTALLED_APPS = [*INSTALLED_APPS, "prongsai.demo"]

SECRET_KEY = "test-only-key"  # noqa: S105
PRONGSAI_AUDIT_KEY = "test-only-insecure-audit-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="prongsai-test-media-"))
PRONGSAI_EXPORT_DIR = Path(tempfile.mkdtemp(prefix="prongsai-test-exports-"))
PRONGSAI_CHANNEL_ATTACHMENT_ROOT = Path(tempfile.mkdtemp(prefix="prongsai-test-channel-"))
PRONGSAI_MONITOR_EVIDENCE_ROOT = Path(tempfile.mkdtemp(prefix="prongsai-test-evidence-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests read the public edition on every request (query counts and immediate invalidation are
# asserted); tests of the once-a-second reuse set it themselves.
PRONGSAI_PORTAL_EDITION_SECONDS = 0.0
