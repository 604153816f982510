"""`manage.py audit verify [--checkpoint FILE]` and `manage.py audit checkpoint [--output FILE]`.

verify: check that no audit event was altered, removed or inserted, that the trail ends at its
head, and (with a checkpoint) that the event a checkpoint names still has its hash.
checkpoint: record a checkpoint event and export it (sequence, hash, time) as JSON, to be kept
outside the database.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.audit.chain import ChainMark
from prongsai.audit.checkpoint import CheckpointError, checkpoint_dumps, checkpoint_loads
from prongsai.audit.selectors import audit_chain_verify
from prongsai.audit.services import audit_checkpoint_create


def _read_checkpoint(path: Path) -> ChainMark:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CommandError(f"ไม่พบไฟล์จุดตรวจ '{path}' / checkpoint file '{path}' does not exist") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"อ่านไฟล์จุดตรวจ '{path}' ไม่ได้ / cannot read checkpoint file '{path}': {exc}") from exc
    try:
        return checkpoint_loads(text)
    except CheckpointError as exc:
        raise CommandError(f"{exc} ({path})") from exc


class Command(BaseCommand):
    help = "Verify the audit trail's keyed hash chain against its head, or export a checkpoint of the head."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        verify = sub.add_parser("verify", help="recompute every hash and report the first broken link")
        verify.add_argument(
            "--checkpoint", type=Path, help="a file from `audit checkpoint`: prove its event still has its hash"
        )
        checkpoint = sub.add_parser("checkpoint", help="record and print the current head, to keep elsewhere")
        checkpoint.add_argument("--output", type=Path, help="write the checkpoint to this new file instead")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "checkpoint":
            self._checkpoint(options["output"])
        else:
            self._verify(options["checkpoint"])

    def _verify(self, checkpoint_path: Path | None) -> None:
        checkpoint = _read_checkpoint(checkpoint_path) if checkpoint_path is not None else None
        result = audit_chain_verify(checkpoint=checkpoint)
        if result.broken is not None:
            broken = result.broken
            raise CommandError(
                f"ห่วงโซ่บันทึกการตรวจสอบขาดที่ลำดับที่ {broken.sequence}: {broken.reason_th} / "
                f"Audit chain broken at event #{broken.sequence}: {broken.reason}."
            )
        last = result.head.sequence if result.head is not None else 0
        message = (
            f"ห่วงโซ่บันทึกการตรวจสอบครบถ้วน: ตรวจแล้ว {result.count} เหตุการณ์ ถึงหัวห่วงโซ่ลำดับที่ {last} / "
            f"Audit chain intact: {result.count} events verified up to the head at #{last}."
        )
        if checkpoint is not None:
            message += (
                f"\nจุดตรวจลำดับที่ {checkpoint.sequence} ตรงกับบันทึก / Checkpoint #{checkpoint.sequence} matches the trail."
            )
        self.stdout.write(self.style.SUCCESS(message))

    def _checkpoint(self, output: Path | None) -> None:
        if output is not None and output.exists():
            # A checkpoint is evidence; overwriting an older one would destroy it.
            raise CommandError(f"มีไฟล์ '{output}' อยู่แล้ว จะไม่เขียนทับ / '{output}' already exists; it is not overwritten")
        if output is not None and not output.parent.is_dir():
            raise CommandError(f"ไม่พบโฟลเดอร์ '{output.parent}' / folder '{output.parent}' does not exist")
        event = audit_checkpoint_create(actor_label="manage.py audit checkpoint")
        document = checkpoint_dumps(mark=ChainMark(event.sequence, event.hash), recorded_at=event.recorded_at)
        if output is None:
            self.stdout.write(document, ending="")
            return
        with output.open("x", encoding="utf-8") as file:
            file.write(document)
        self.stdout.write(
            self.style.SUCCESS(
                f"บันทึกจุดตรวจลำดับที่ {event.sequence} ไว้ที่ '{output}' แล้ว / "
                f"Checkpoint #{event.sequence} written to '{output}'."
            )
        )
