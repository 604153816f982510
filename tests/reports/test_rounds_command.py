"""`manage.py rounds list|open|close`: exit codes and messages in Thai and English."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from prongsai.reports.models import Round
from tests.register.conftest import actions_after, last_sequence
from tests.reports.unit_world import World, _english, shared_world, world

FIXTURES = (_english, shared_world, world)


def _run(*args: str) -> str:
    out = StringIO()
    call_command("rounds", *args, stdout=out)
    return out.getvalue()


def test_open_list_and_close(world: World) -> None:
    assert _run("list") == "ยังไม่มีรอบการรายงาน / no rounds yet\n"
    before = last_sequence()
    # A fiscal year far ahead, so that the deadline is never in the past whatever the clock says.
    assert _run("open", "2600", "6", "--deadline", "2057-04-30", "--actor", "ict_monitor") == (
        "เปิดรอบ 2600-6 แล้ว / opened 2600-6 (deadline 2057-04-30)\n"
    )
    assert _run("list") == "2600-6\topen\tdeadline 2057-04-30\tstarted 0\tsubmitted 0\tlate 0\n"
    assert _run("close", "2600-6", "--actor", "ict_monitor") == "ปิดรอบ 2600-6 แล้ว / closed 2600-6\n"
    assert Round.objects.get().state == "closed"
    assert [action for action, _data in actions_after(before)] == ["round.open", "round.close"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("close", "2569-9", "--actor", "ict_monitor"),
            "รหัสรอบ 2569-9 ไม่ถูกต้อง ใช้รูปแบบ 2569-6 หรือ 2569-12 / "
            "2569-9 is not a round code: write it like 2569-6 or 2569-12",
        ),
        (
            ("close", "2569-6", "--actor", "ict_monitor"),
            "ไม่มีรอบการรายงาน 2569-6 / there is no reporting round 2569-6",
        ),
        (
            ("open", "2600", "6", "--deadline", "2057-04-30", "--actor", "nobody"),
            "ไม่พบผู้ใช้ nobody / no active user nobody",
        ),
        (
            ("open", "2600", "6", "--deadline", "30/04/2057", "--actor", "ict_monitor"),
            "วันที่ไม่ถูกต้อง 30/04/2057 (ใช้ YYYY-MM-DD) / not a date: 30/04/2057 (use YYYY-MM-DD)",
        ),
        (
            ("open", "2600", "6", "--deadline", "2057-03-31", "--actor", "ict_monitor"),
            "กำหนดส่งต้องอยู่หลังวันสุดท้ายของรอบ (31 มีนาคม 2600) / "
            "The deadline must fall after the round's last day (31 March 2057).",
        ),
        (
            ("open", "2600", "6", "--deadline", "2057-04-30", "--actor", "reporter_a"),
            "เฉพาะศูนย์เทคโนโลยีสารสนเทศและการสื่อสารระดับกรมเท่านั้นที่เปิด เปลี่ยนแปลง และปิดรอบการรายงานได้ / "
            "Only the ICT Center at the department opens, changes and closes reporting rounds.",
        ),
    ],
)
def test_refusals_stop_with_a_message(world: World, args: tuple[str, ...], message: str) -> None:
    with pytest.raises(CommandError) as refused:
        _run(*args)
    assert str(refused.value) == message
    assert not Round.objects.exists()


def test_a_refusal_exits_non_zero(world: World) -> None:
    from django.core.management import ManagementUtility

    utility = ManagementUtility(["manage.py", "rounds", "close", "2569-9", "--actor", "ict_monitor"])
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1
