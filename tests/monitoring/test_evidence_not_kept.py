"""A check whose evidence is gone (pruned after PRONGSAI_MONITOR_EVIDENCE_DAYS, or lost) says so on a page."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from prongsai.monitoring.models import SiteCheck

from ..signin.verified import login_verified
from ..workspace.conftest import Department
from .archives import SITE
from .records import department_with_website, recorded_with_archive

pytestmark = pytest.mark.django_db

PLAN = f"{SITE}/5.1.4/"
NOT_KEPT = {
    "en": (
        "The evidence of this check was not kept: archived pages are deleted 730 days after their check "
        "(each website's latest check keeps its own), or this archive was lost. The check's findings remain."
    ),
    "th": (
        "ไม่ได้เก็บหลักฐานของการตรวจครั้งนี้ไว้: หน้าเว็บที่เก็บไว้จะถูกลบเมื่อครบ 730 วันหลังการตรวจ "
        "(การตรวจครั้งล่าสุดของแต่ละเว็บไซต์ยังเก็บไว้เสมอ) หรือไฟล์หลักฐานนี้สูญหาย ผลการตรวจยังคงอยู่"
    ),
}


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    yield
    translation.deactivate()


@pytest.fixture
def dept(db: Any) -> Department:
    return department_with_website()


@pytest.fixture
def check(dept: Department) -> SiteCheck:
    return recorded_with_archive(dept)


def client_for(user: Any) -> Client:
    return login_verified(Client(), user)


def addresses(site_check: SiteCheck, language: str) -> list[str]:
    base = f"/{language}/workspace/monitor/checks/{site_check.pk}"
    return [
        f"{base}/evidence/?url={quote(PLAN, safe='')}",
        f"{base}/evidence/body/?url={quote(PLAN, safe='')}",
        f"{base}/evidence.warc.gz",
    ]


def pruned(site_check: SiteCheck) -> None:
    """What `monitor prune` leaves: the archive deleted and the check's path cleared."""
    (Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / site_check.evidence_path).unlink()
    SiteCheck.objects.filter(pk=site_check.pk).update(evidence_path="")


def lost(site_check: SiteCheck) -> None:
    """The archive gone from the evidence store while the check still names it."""
    (Path(settings.PRONGSAI_MONITOR_EVIDENCE_ROOT) / site_check.evidence_path).unlink()


@pytest.mark.parametrize("language", ["en", "th"])
@pytest.mark.parametrize("remove", [pruned, lost])
def test_missing_evidence_is_explained_on_a_page_with_status_410(
    dept: Department, check: SiteCheck, language: str, remove: Any
) -> None:
    client = client_for(dept.people["monitor"])
    assert [client.get(address).status_code for address in addresses(check, language)] == [200, 200, 200]
    remove(check)
    for address in addresses(check, language):
        response = client.get(address)
        assert response.status_code == 410
        assert response.context["message"] == NOT_KEPT[language]
        assert NOT_KEPT[language].replace("'", "&#x27;") in response.content.decode()


def test_a_check_still_running_has_no_evidence_yet(dept: Department, check: SiteCheck) -> None:
    lost(check)
    SiteCheck.objects.filter(pk=check.pk).update(state=SiteCheck.State.RUNNING)
    response = client_for(dept.people["monitor"]).get(addresses(check, "en")[0])
    assert response.status_code == 404
