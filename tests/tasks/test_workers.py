"""The notification tasks run on real workers: the embedded database worker and RQ over Redis."""

from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from prongsai.accounts.models import User
from prongsai.checklists.definition import DEFAULT_CHECKLIST_PATH, load_checklist_file
from prongsai.checklists.services import checklist_load
from prongsai.disclosures.models import Entry
from prongsai.disclosures.services import DraftContent, version_save_draft, version_submit
from prongsai.organizations.services import organization_create, role_assign

pytestmark = pytest.mark.django_db


def submit_one(django_capture_on_commit_callbacks: Any) -> None:
    checklist_load(actor=None, definition=load_checklist_file(DEFAULT_CHECKLIST_PATH))
    department = organization_create(actor=None, kind="department", slug="ops", name_th="สำนักงานปลัด", name_en="OPS")
    editor = User.objects.create_user("editor", email="editor@example.go.th")
    reviewer = User.objects.create_user("reviewer", email="reviewer@example.go.th")
    role_assign(actor=None, role="editor", organization=department, user=editor)
    role_assign(actor=None, role="reviewer_1", organization=department, user=reviewer)
    entry = Entry.objects.get(organization=department, item__code="5.1.2")
    import datetime as dt

    version = version_save_draft(
        actor=editor, entry=entry, content=DraftContent(body_th="<p>ข่าว</p>", as_of=dt.date(2026, 11, 1))
    )
    with django_capture_on_commit_callbacks(execute=True):
        version_submit(actor=editor, version=version)


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_database_worker_sends_the_review_request(django_capture_on_commit_callbacks: Any) -> None:
    # The worker closes and reopens database connections between tasks, as it does in production,
    # so this test commits for real instead of running inside a rolled-back transaction.
    from django_tasks_db.models import DBTaskResult

    submit_one(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "prongsai.notifications.tasks.notify_review_requested"
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert [message.to for message in mail.outbox] == [["reviewer@example.go.th"]]
    assert "5.1.2" in mail.outbox[0].subject


@pytest.mark.redis
def test_rq_worker_sends_the_review_request(django_capture_on_commit_callbacks: Any, settings: Any) -> None:
    import django_rq
    from django_tasks_rq.backend import Job
    from rq import SimpleWorker

    settings.RQ_QUEUES = {"default": {"URL": "redis://127.0.0.1:6379/15", "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    queue = django_rq.get_queue("default")
    queue.empty()
    submit_one(django_capture_on_commit_callbacks)
    assert queue.count == 1
    worker = django_rq.get_worker("default", job_class=Job, worker_class=SimpleWorker)
    worker.work(burst=True)
    assert queue.count == 0
    assert [message.to for message in mail.outbox] == [["reviewer@example.go.th"]]
