"""The demo's cases: every status and outcome, overdue and anonymous cases, public replies, the same each load."""

from collections import Counter

from prongsai.channels.models import Submission, SubmissionEvent
from prongsai.demo.channels import PLAN, channels_play

from .conftest import NOW, World


def _summary() -> list[tuple[str, str, str, str, bool, str]]:
    return list(
        Submission.objects.order_by("organization__slug", "received_at").values_list(
            "organization__slug", "kind", "topic", "status", "is_anonymous", "outcome"
        )
    )


def test_the_demo_covers_every_status_and_outcome(world: World) -> None:
    organizations = [world.department, world.unit_a, world.unit_b]
    assert channels_play(organizations=organizations, now=NOW, seed=2562) == 3 * len(PLAN)
    statuses = Counter(Submission.objects.values_list("status", flat=True))
    assert statuses == {"received": 6, "in_progress": 3, "answered": 3, "closed": 12}
    assert set(Submission.objects.exclude(outcome="").values_list("outcome", flat=True)) == {
        "resolved", "not_upheld", "referred", "withdrawn"
    }  # fmt: skip
    today = NOW.date()
    overdue = [s for s in Submission.objects.all() if s.status != "closed" and s.due_date < today]
    assert len(overdue) == 6
    assert Submission.objects.filter(is_anonymous=True, name="", email="", phone="").count() == 6
    assert SubmissionEvent.objects.filter(type="reply").count() >= 12
    assert not Submission.objects.filter(received_at__gt=NOW).exists()
    assert not SubmissionEvent.objects.filter(created_at__gt=NOW).exists()


def test_the_demo_is_deterministic(world: World) -> None:
    channels_play(organizations=[world.unit_a], now=NOW, seed=2562)
    first = _summary()
    Submission.objects.all().delete()
    channels_play(organizations=[world.unit_a], now=NOW, seed=2562)
    assert _summary() == first
