"""Demo opinions and complaints for every unit, received and handled through the channel services.

Each organization gets eight cases, back-dated over the last five months, that together cover
every status (received, in progress, answered, closed with each outcome), overdue cases,
anonymous senders and public replies. The choices come from a seeded generator, so every load
of the demo writes the same cases (tracking codes aside: they are random by design).
"""

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from prongsai.channels.lifecycle import Outcome, Status
from prongsai.channels.models import KIND_TOPICS, Kind, Submission
from prongsai.channels.selectors import channel_handlers
from prongsai.channels.services import (
    SubmissionInput,
    submission_assign,
    submission_close,
    submission_create,
    submission_reply,
    submission_status_set,
)
from prongsai.organizations.models import Organization

SUBJECTS = {
    "service_quality": ("เจ้าหน้าที่ให้คำแนะนำชัดเจน", "ขั้นตอนการยื่นเอกสารยังซับซ้อน"),
    "service_process": ("ขอให้ลดจำนวนเอกสารประกอบคำขอ", "ขั้นตอนรับบริการไม่ได้ประกาศไว้"),
    "service_delay": ("รอคิวรับบริการนานเกินสองชั่วโมง", "ยื่นคำขอแล้วเกินหนึ่งเดือนยังไม่ได้รับแจ้งผล"),
    "staff_conduct": ("เจ้าหน้าที่พูดจาไม่สุภาพ", "ขอชมเชยเจ้าหน้าที่ประชาสัมพันธ์"),
    "facilities": ("ที่จอดรถไม่เพียงพอ", "ไม่มีทางลาดสำหรับรถเข็น"),
    "fraud": ("มีการเรียกรับเงินเพื่อเร่งรัดงาน", "สงสัยการใช้รถราชการในเรื่องส่วนตัว"),
    "procurement": ("ประกาศผลจัดซื้อจัดจ้างไม่ครบถ้วน", "ราคากลางโครงการสูงกว่าราคาตลาด"),
    "information": ("ลิงก์เอกสารบนเว็บไซต์เปิดไม่ได้", "ข้อมูลติดต่อบนเว็บไซต์ไม่เป็นปัจจุบัน"),
    "suggestion": ("เสนอให้เปิดบริการช่วงพักกลางวัน", "เสนอให้รับคำขอทางออนไลน์"),
    "other": ("สอบถามช่องทางการชำระค่าธรรมเนียม", "ขอทราบเวลาทำการช่วงวันหยุดยาว"),
}
SENDERS = (("สมหญิง รักดี", "081 234 5678"), ("ประเสริฐ ทองคำ", "02 141 7000"), ("Jane Smith", "089 765 4321"))
REPLY = "หน่วยงานได้รับเรื่องและตรวจสอบแล้ว ได้แจ้งส่วนที่เกี่ยวข้องให้ดำเนินการปรับปรุงเรียบร้อย ขอขอบคุณที่แจ้งให้ทราบ"
NOTE = "มอบส่วนบริหารทั่วไปตรวจสอบข้อเท็จจริงและรายงานภายในหนึ่งสัปดาห์"
CLOSING = {
    Outcome.RESOLVED: "ดำเนินการแก้ไขแล้วเสร็จ ขอขอบคุณสำหรับข้อมูล",
    Outcome.NOT_UPHELD: "จากการตรวจสอบข้อเท็จจริงไม่พบมูลตามที่ร้องเรียน",
    Outcome.REFERRED: "เรื่องนี้อยู่ในอำนาจของกรมบัญชีกลาง ได้ส่งเรื่องต่อแล้ว",
    Outcome.WITHDRAWN: "ผู้ร้องแจ้งขอถอนเรื่องแล้ว",
}


@dataclass(frozen=True)
class Case:
    """One demo case: its kind, how many days ago it arrived, what was done and whether the sender is named."""

    kind: str
    days_ago: int
    ending: str  # received | in_progress | answered | closed
    anonymous: bool = False


PLAN = (
    Case(Kind.COMPLAINT, 3, "received"),
    Case(Kind.COMPLAINT, 40, "received"),  # overdue: nobody acted
    Case(Kind.COMPLAINT, 25, "in_progress", anonymous=True),  # overdue while in progress
    Case(Kind.OPINION, 12, "answered"),
    Case(Kind.OPINION, 70, "closed", anonymous=True),
    Case(Kind.COMPLAINT, 95, "closed"),
    Case(Kind.COMPLAINT, 130, "closed"),
    Case(Kind.OPINION, 150, "closed"),
)


def channels_play(*, organizations: list[Organization], now: dt.datetime, seed: int) -> int:
    """Create and handle the demo cases of every organization; return how many were created."""
    outcomes = list(Outcome)
    created = 0
    for index, organization in enumerate(organizations):
        rng = random.Random(seed * 1000 + index)
        handlers = channel_handlers(organization=organization)
        if not handlers:
            continue
        for number, case in enumerate(PLAN):
            outcome = outcomes[(index + number) % len(outcomes)]
            _play_case(organization, case, outcome, handlers, rng, now, ip=f"198.51.{index}.{number}")
            created += 1
    return created


def _play_case(
    organization: Organization,
    case: Case,
    outcome: Outcome,
    handlers: list[Any],
    rng: random.Random,
    now: dt.datetime,
    ip: str,
) -> Submission:
    received = now - dt.timedelta(days=case.days_ago, hours=rng.randint(0, 8), minutes=rng.randint(0, 59))
    topic = rng.choice(KIND_TOPICS[case.kind])
    name, phone = rng.choice(SENDERS)
    submission = submission_create(
        organization=organization,
        data=SubmissionInput(
            kind=case.kind,
            topic=topic,
            subject=rng.choice(SUBJECTS[topic]),
            message="รายละเอียด: " + rng.choice(SUBJECTS[topic]) + " ขอให้หน่วยงานพิจารณาดำเนินการ",
            name=name,
            phone=phone,
            email="" if case.anonymous else f"sender{rng.randint(100, 999)}@example.com",
            anonymous=case.anonymous,
        ),
        client_ip=ip,
        language="en" if name.isascii() else "th",
        now=received,
        notify=False,
    )
    handler = rng.choice(handlers)

    def later(days: int) -> dt.datetime:
        return min(received + dt.timedelta(days=days, hours=2), now)

    steps: list[Callable[[], object]] = []
    if case.ending != "received":
        steps.append(lambda: submission_assign(actor=handler, submission=submission, assignee=handler, now=later(1)))
        steps.append(
            lambda: submission_status_set(actor=handler, submission=submission, status=Status.IN_PROGRESS, now=later(1))
        )
        steps.append(
            lambda: submission_reply(actor=handler, submission=submission, text=NOTE, public=False, now=later(2))
        )
    # A withdrawn case is closed with the sender's withdrawal as the only public word.
    if case.ending == "answered" or (case.ending == "closed" and outcome is not Outcome.WITHDRAWN):
        steps.append(
            lambda: submission_reply(actor=handler, submission=submission, text=REPLY, public=True, now=later(5))
        )
    if case.ending == "closed":
        steps.append(
            lambda: submission_close(
                actor=handler, submission=submission, outcome=outcome, note=CLOSING[outcome], now=later(9)
            )
        )
    for step in steps:
        step()
    return submission
