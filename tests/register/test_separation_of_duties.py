"""Separation of duties (measure 5.2): whoever wrote any of a version's content never reviews it.

`writer` holds the editor role and every reviewer role at unit A, so only the rule stops them;
`editor_a` (B) submits what they wrote, and the step's own reviewer (C) decides.
"""

import importlib
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.utils import translation

from prongsai.disclosures.models import EntryVersion, Review
from prongsai.disclosures.selectors import my_tasks
from prongsai.disclosures.services import (
    DraftContent,
    NewDocument,
    Verdicts,
    version_approve,
    version_return,
    version_save_draft,
    version_submit,
)
from prongsai.disclosures.workflow import Authorship, ReviewerIsAuthor
from prongsai.organizations.access import access_scope_for
from prongsai.organizations.models import Role
from prongsai.organizations.services import role_assign

from .conftest import (
    ALL_PASS,
    NOW,
    STEP_OF,
    TODAY,
    Publisher,
    World,
    content_for,
    events_after,
    last_sequence,
    make_person,
    review_rows,
)
from .documents import pdf_bytes, upload

RETURN = Verdicts(correct=False, complete=True, current=True, comment="แก้ไขวันที่")
EDITED = "You cannot review a version you edited: whoever wrote a version's content never reviews it."

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(world: World) -> Any:
    """Return a person who edits at unit A and reviews its every step."""
    person = make_person("writer")
    root = world.person("root")
    for role in (Role.EDITOR, Role.REVIEWER_1, Role.REVIEWER_2, Role.REVIEWER_3, Role.REVIEWER_4):
        role_assign(actor=root, role=role, organization=world.unit_a, user=person)
    return world.person("writer")


def write(world: World, username: str, code: str, **kwargs: Any) -> EntryVersion:
    return version_save_draft(
        actor=world.person(username),
        entry=world.entry(world.unit_a, code),
        content=kwargs.pop("content", None) or content_for(code),
        now=NOW,
        **kwargs,
    )


def submit(world: World, version: EntryVersion) -> EntryVersion:
    return version_submit(actor=world.person("editor_a"), version=version, now=NOW)


def assert_refused(world: World, username: str, version: EntryVersion) -> None:
    """Both decisions by the person are refused, and nothing about the version changes."""
    mark = last_sequence()
    for decide, verdicts in ((version_approve, ALL_PASS), (version_return, RETURN)):
        with pytest.raises(ReviewerIsAuthor) as error:
            decide(actor=world.person(username), version=version, verdicts=verdicts, now=NOW)
        assert (error.value.authorship, str(error.value)) == (Authorship.EDITED, EDITED)
    stored = EntryVersion.objects.get(pk=version.pk)
    assert (stored.state, stored.decided_by_id, stored.decided_at, stored.published_at) == (
        "submitted",
        None,
        None,
        None,
    )
    entry = world.entry(world.unit_a, version.entry.item.code)
    assert (entry.open_state, entry.open_version_id, entry.published_version_id) == ("submitted", version.pk, None)
    assert not Review.objects.filter(version=version).exists()
    assert events_after(mark) == []


@pytest.mark.parametrize("code", ["G.1", "P.1", "M.1", "M.2"])
def test_the_writer_cannot_review_what_another_submitted_at_any_step(world: World, writer: Any, code: str) -> None:
    version = submit(world, write(world, "writer", code))

    assert_refused(world, "writer", version)

    reviewer = f"reviewer{STEP_OF[code]}_a"
    version_approve(actor=world.person(reviewer), version=version, verdicts=ALL_PASS, now=NOW)
    assert review_rows(version) == [(reviewer, STEP_OF[code], "approve", True, True, True)]
    assert world.entry(world.unit_a, code).published_version_id == version.pk


def test_every_editor_of_a_draft_is_recorded(world: World, writer: Any) -> None:
    version = write(world, "editor_a", "M.1")
    assert set(version.editors.values_list("username", flat=True)) == {"editor_a"}
    write(world, "writer", "M.1", content=content_for("M.1", text="ปรับถ้อยคำ"))
    assert set(version.editors.values_list("username", flat=True)) == {"editor_a", "writer"}


def test_adding_a_document_is_editing(world: World, writer: Any, media_root: Path) -> None:
    version = write(world, "editor_a", "M.1")
    write(world, "writer", "M.1", add_documents=[NewDocument(upload("manual.pdf", pdf_bytes()))])
    version = submit(world, version)
    assert list(version.documents.values_list("original_name", flat=True)) == ["manual.pdf"]
    assert_refused(world, "writer", version)


def test_removing_a_document_is_editing(world: World, writer: Any, media_root: Path) -> None:
    version = write(world, "editor_a", "M.1", add_documents=[NewDocument(upload("manual.pdf", pdf_bytes()))])
    write(world, "writer", "M.1", remove_document_ids=list(version.documents.values_list("pk", flat=True)))
    version = submit(world, version)
    assert not version.documents.exists()
    assert_refused(world, "writer", version)


def test_the_writer_of_a_returned_version_cannot_review_the_version_that_continues_it(
    world: World, writer: Any
) -> None:
    returned = submit(world, write(world, "writer", "M.2"))
    version_return(actor=world.person("reviewer4_a"), version=returned, verdicts=RETURN, now=NOW)
    fixed = write(world, "editor_a", "M.2", content=content_for("M.2", text="แก้ตามข้อสังเกต"))
    assert (fixed.number, fixed.based_on_id) == (2, returned.pk)
    assert set(fixed.editors.values_list("username", flat=True)) == {"editor_a", "writer"}
    assert_refused(world, "writer", submit(world, fixed))


def test_the_writer_of_a_published_version_may_review_the_next_one_written_by_another(
    world: World, writer: Any, publish: Publisher
) -> None:
    # The published content was approved by someone else; the new version is another person's work.
    publish(world.entry(world.unit_a, "M.2"), editor="writer")
    follow_up = submit(world, write(world, "editor_a", "M.2", content=content_for("M.2", text="ช่องทางใหม่")))
    assert set(follow_up.editors.values_list("username", flat=True)) == {"editor_a"}
    version_approve(actor=world.person("writer"), version=follow_up, verdicts=ALL_PASS, now=NOW)
    assert review_rows(follow_up) == [("writer", 4, "approve", True, True, True)]


def test_an_administrator_is_not_exempt(world: World) -> None:
    root = world.person("root")
    for role in (Role.EDITOR, Role.REVIEWER_1):
        role_assign(actor=root, role=role, organization=world.unit_a, user=world.person("administrator"))
    version = submit(world, write(world, "administrator", "G.1"))
    assert_refused(world, "administrator", version)


def test_a_superuser_is_not_exempt(world: World) -> None:
    root = world.person("root")
    for role in (Role.EDITOR, Role.REVIEWER_3):
        role_assign(actor=root, role=role, organization=world.unit_a, user=root)
    version = submit(world, write(world, "root", "M.1"))
    assert_refused(world, "root", version)


def test_the_refusal_is_in_thai_for_a_thai_reader(world: World, writer: Any) -> None:
    version = submit(world, write(world, "writer", "M.1"))
    with translation.override("th"), pytest.raises(ReviewerIsAuthor) as error:
        version_approve(actor=world.person("writer"), version=version, verdicts=ALL_PASS, now=NOW)
    assert str(error.value) == ("ท่านไม่สามารถตรวจสอบฉบับที่ท่านเป็นผู้แก้ไขได้ ผู้ที่เขียนเนื้อหาของฉบับใดจะเป็นผู้ตรวจสอบฉบับนั้นไม่ได้")


def test_a_version_the_person_wrote_is_not_in_their_review_queue(world: World, writer: Any) -> None:
    mine = submit(world, write(world, "writer", "M.1"))
    theirs = submit(world, write(world, "editor_a", "M.2"))
    person = world.person("writer")
    tasks = my_tasks(user=person, scope=access_scope_for(person), today=TODAY)
    assert [entry.open_version_id for entry in tasks.to_review] == [theirs.pk]
    reviewer = world.person("reviewer3_a")
    tasks = my_tasks(user=reviewer, scope=access_scope_for(reviewer), today=TODAY)
    assert [entry.open_version_id for entry in tasks.to_review] == [mine.pk]


def test_a_declaration_by_the_writer_is_refused_too(world: World, writer: Any) -> None:
    declaration = DraftContent(nothing_to_publish=True, nothing_note_th="ไม่มีการจัดซื้อในเดือนนี้", as_of=TODAY)
    version = submit(world, write(world, "writer", "P.1", content=declaration))
    assert_refused(world, "writer", version)


def test_the_migration_fills_in_the_editors_of_existing_versions(world: World, writer: Any) -> None:
    # Versions written before editors were recorded: the creator and the draft events' actors count,
    # and a version continuing a returned one inherits its editors.
    returned = write(world, "writer", "M.2")
    write(world, "editor_a", "M.2", content=content_for("M.2", text="เพิ่มเติม"))
    version_return(actor=world.person("reviewer4_a"), version=submit(world, returned), verdicts=RETURN, now=NOW)
    fixed = write(world, "editor_a", "M.2")
    untouched = write(world, "editor_a", "M.1")
    EntryVersion.editors.through.objects.all().delete()

    importlib.import_module("prongsai.disclosures.migrations.0002_version_editors").fill_editors(django_apps, None)

    def editors(version: EntryVersion) -> set[str]:
        return set(version.editors.values_list("username", flat=True))

    assert (editors(returned), editors(fixed), editors(untouched)) == (
        {"writer", "editor_a"},
        {"writer", "editor_a"},
        {"editor_a"},
    )
