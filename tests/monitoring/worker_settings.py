"""Settings of a task worker process that a test starts (and kills): the test settings, with tasks kept in the database.

The database comes from DATABASE_URL (read by the base settings), pointed by the test at its own database.
"""

import os
from pathlib import Path

from config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
PRONGSAI_MONITOR_ALLOW_PRIVATE = True
PRONGSAI_MONITOR_DELAY = 0.0
PRONGSAI_MONITOR_MAX_PAGES = 20
PRONGSAI_MONITOR_EVIDENCE_ROOT = Path(os.environ["PRONGSAI_MONITOR_EVIDENCE_ROOT"])
