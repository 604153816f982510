"""package_search's language (ckanquery.py): q, fq and sort as harvesters and ckanapi users write them.

Pure: no database. The expected filters are written from the module's docstring and from the kinds'
groups and tags in kinds.py (procurement: procurement-plans and procurement-records; the tag ITA:
register and monitor-scores; OCDS: procurement-records only).
"""

import datetime as dt
import json
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prongsai.opendata.ckan import Params, SearchQueryError, ValidationError
from prongsai.opendata.ckanquery import (
    AllOf,
    AnyOf,
    Between,
    Contains,
    Everything,
    Field,
    Filter,
    Not,
    Nothing,
    OneOf,
    SortField,
    SortKey,
    list_params,
    parse_query,
    parse_sort,
    search_params,
)
from prongsai.opendata.kinds import LICENSES

LICENSE = LICENSES["CC-BY-4.0"]
UTC = dt.UTC
NOW = dt.datetime(2026, 4, 20, 10, 30, 15, 123456, tzinfo=UTC)
UNIT_0_ID = "78891778-9f62-5f8b-841b-0a291cb12065"


def parse(text: str) -> Filter:
    return parse_query(text, license_=LICENSE, now=NOW)[0]


def at(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


PROCUREMENT = OneOf(Field.KIND, ("procurement-plans", "procurement-records"))
PLANNING = OneOf(Field.KIND, ("action-plans", "plan-progress"))

READ = [
    # Everything
    ("", Everything()),
    ("   ", Everything()),
    ('""', Everything()),
    ("*:*", Everything()),
    ("*", Everything()),
    # The harvester's incremental filter, and its variants.
    ("metadata_modified:[2026-04-10T07:00:00Z TO *]", Between(Field.MODIFIED, at(2026, 4, 10, 7), None)),
    (
        "metadata_modified:[2026-04-10T07:00:00.123456Z TO *]",
        Between(Field.MODIFIED, at(2026, 4, 10, 7, 0, 0, 123456), None),
    ),
    (
        "metadata_modified:[2026-04-10T07:00:00.5Z TO *]",
        Between(Field.MODIFIED, at(2026, 4, 10, 7, 0, 0, 500000), None),
    ),
    ("metadata_modified:[2026-04-10T07:00:00 TO *]", Between(Field.MODIFIED, at(2026, 4, 10, 7), None)),
    ("metadata_modified:[2026-04-10T07:00Z TO *]", Between(Field.MODIFIED, at(2026, 4, 10, 7), None)),
    ("metadata_modified:[* TO 2026-04-10T14:00:00+07:00]", Between(Field.MODIFIED, None, at(2026, 4, 10, 7))),
    (
        "metadata_modified:{2026-04-01T00:00:00Z TO 2026-04-30T00:00:00Z}",
        Between(Field.MODIFIED, at(2026, 4, 1), at(2026, 4, 30), include_start=False, include_end=False),
    ),
    (
        "metadata_modified:[2026-04-01T00:00:00Z TO 2026-04-30T00:00:00Z}",
        Between(Field.MODIFIED, at(2026, 4, 1), at(2026, 4, 30), include_start=True, include_end=False),
    ),
    ("metadata_created:[2026-04-10 TO 2026-04-11]", Between(Field.CREATED, at(2026, 4, 10), at(2026, 4, 11))),
    ("metadata_modified:[* TO *]", Everything()),
    ("metadata_modified:*", Everything()),
    ("metadata_modified:[NOW-1DAY TO *]", Between(Field.MODIFIED, at(2026, 4, 19, 10, 30, 15, 123456), None)),
    ("metadata_modified:[NOW/DAY-7DAYS TO NOW]", Between(Field.MODIFIED, at(2026, 4, 13), NOW)),
    (r"metadata_modified:[2026-04-10T07\:00\:00Z TO *]", Between(Field.MODIFIED, at(2026, 4, 10, 7), None)),
    # Organizations, groups, tags, formats
    ("organization:unit-0", OneOf(Field.ORGANIZATION, ("unit-0",))),
    ("organization:Unit-0", OneOf(Field.ORGANIZATION, ("unit-0",))),
    ('organization:"unit-0"', OneOf(Field.ORGANIZATION, ("unit-0",))),
    (f"owner_org:{UNIT_0_ID.upper()}", OneOf(Field.OWNER_ORG, (UNIT_0_ID,))),
    ("owner_org:unit-0", Nothing()),
    ("groups:procurement", PROCUREMENT),
    ("groups:elsewhere", Nothing()),
    ('tags:"procurement plan"', OneOf(Field.KIND, ("procurement-plans",))),
    ("tags:ita", OneOf(Field.KIND, ("register", "monitor-scores"))),
    ("tags:จัดซื้อจัดจ้าง", PROCUREMENT),
    ("res_format:CSV", Everything()),
    ("res_format:xlsx", Everything()),
    ("res_format:OCDS", OneOf(Field.KIND, ("procurement-records",))),
    ("res_format:PDF", Nothing()),
    ("name:Unit-0-Register", OneOf(Field.NAME, ("unit-0-register",))),
    ("id:not-an-id", Nothing()),
    ("id:not-an-id jั", Nothing()),
    ("id:422abbbf071951d3bf6426fd19fcd9fc", OneOf(Field.ID, ("422abbbf-0719-51d3-bf64-26fd19fcd9fc",))),
    ("type:dataset", Everything()),
    ("type:harvest", Nothing()),
    ("dataset_type:dataset", Everything()),
    ("license_id:CC-BY-4.0", Everything()),
    ('license_id:"Creative Commons Attributions"', Everything()),
    ("license_id:CC0-1.0", Nothing()),
    ("state:active", Everything()),
    ("state:deleted", Nothing()),
    ("capacity:public", Everything()),
    ("private:true", Nothing()),
    # Operators
    ("+organization:unit-0 -groups:planning", AllOf((OneOf(Field.ORGANIZATION, ("unit-0",)), Not(PLANNING)))),
    (
        "organization:unit-0 OR organization:unit-1 metadata_modified:[2026-04-10T07:00:00Z TO *]",
        AllOf((OneOf(Field.ORGANIZATION, ("unit-0", "unit-1")), Between(Field.MODIFIED, at(2026, 4, 10, 7), None))),
    ),
    (
        "-organization:ops -organization:unit-1",
        AllOf((Not(OneOf(Field.ORGANIZATION, ("ops",))), Not(OneOf(Field.ORGANIZATION, ("unit-1",))))),
    ),
    ("organization:(unit-0 OR unit-1)", OneOf(Field.ORGANIZATION, ("unit-0", "unit-1"))),
    ("organization:(unit-0 || unit-1)", OneOf(Field.ORGANIZATION, ("unit-0", "unit-1"))),
    ("NOT organization:ops", Not(OneOf(Field.ORGANIZATION, ("ops",)))),
    ("!organization:ops", Not(OneOf(Field.ORGANIZATION, ("ops",)))),
    ("--organization:ops", OneOf(Field.ORGANIZATION, ("ops",))),
    ("-*:*", Nothing()),
    (
        "(organization:ops OR name:unit-0-register) AND type:dataset",
        AnyOf((OneOf(Field.ORGANIZATION, ("ops",)), OneOf(Field.NAME, ("unit-0-register",)))),
    ),
    (
        "groups:procurement && -res_format:OCDS",
        AllOf((PROCUREMENT, Not(OneOf(Field.KIND, ("procurement-records",))))),
    ),
    ("groups:planning OR groups:procurement", OneOf(Field.KIND, (*PLANNING.values, *PROCUREMENT.values))),
    ("type:dataset OR organization:ops", Everything()),
    ("type:harvest organization:ops", Nothing()),
    # Free text: folded, matched whole
    ("จัดซื้อ", Contains("จัดซื้อ")),
    ("แผน Procurement", AllOf((Contains("แผน"), Contains("procurement")))),
    ('"Annual   action plans"', Contains("annual action plans")),
    ("text:จัดซื้อ", Contains("จัดซื้อ")),
    ('title:"Procurement results"', Contains("procurement results")),
    ("procure*", Contains("procure")),
    ("๒๕๖๙", Contains("2569")),
    ("ราคา:บาท", Contains("ราคา:บาท")),
    ("C++", Contains("c++")),
    ("\u200b", Everything()),
]


@pytest.mark.parametrize(("text", "expected"), READ, ids=[text or "empty" for text, _ in READ])
def test_query_reads_as(text: str, expected: Filter) -> None:
    assert parse(text) == expected


FAILS = [
    ("organization:unit-0 AND", "มีตัวดำเนินการแต่ไม่มีเงื่อนไขตามหลัง", "an operator has no term after it"),
    ("OR organization:unit-0", "OR ต้องอยู่ระหว่างสองเงื่อนไข", "OR must stand between two terms"),
    ("(organization:unit-0", "วงเล็บไม่ครบคู่", "a parenthesis is not closed"),
    ("organization:unit-0)", "มีวงเล็บปิดเกินที่ตำแหน่ง 20", "an unmatched closing parenthesis at character 20"),
    ("()", "วงเล็บว่าง", "empty parentheses"),
    ("organization:()", "วงเล็บว่าง", "empty parentheses"),
    ("- organization:ops", "ไม่มีเงื่อนไขหลัง -", "nothing follows -"),
    ("organization: unit-0", "ไม่มีค่าหลัง organization:", "organization: has no value"),
    ('text:"abc', "เครื่องหมายคำพูดไม่ครบคู่", "a quotation mark is not closed"),
    (
        "name:unit*",
        "name ใช้เครื่องหมาย * หรือ ? แทนตัวอักษรไม่ได้",
        "wildcards (* and ?) are not supported in name",
    ),
    (
        "metadata_modified:[2026-13-01T00:00:00Z TO *]",
        "ไม่มีวันที่ '2026-13-01T00:00:00Z'",
        "'2026-13-01T00:00:00Z' is not a valid date",
    ),
    ("metadata_modified:[2026 TO *]", "อ่านวันที่ '2026' ไม่ได้", "cannot read the date '2026'"),
    ("metadata_modified:[10/04/2026 TO *]", "อ่านวันที่ '10/04/2026' ไม่ได้", "cannot read the date '10/04/2026'"),
    (
        "metadata_modified:[2026-04-10T00:00:00+25:00 TO *]",
        "เขตเวลาใน '2026-04-10T00:00:00+25:00' ไม่ถูกต้อง",
        "the time zone of '2026-04-10T00:00:00+25:00' is not valid",
    ),
    ("metadata_modified:[a TO b TO c]", "ช่วงต้องเขียนว่า [ค่าเริ่ม TO ค่าสิ้นสุด]", "a range must read [start TO end]"),
    ("metadata_modified:[2026-04-10T00:00:00Z TO *", "ช่วงไม่มีวงเล็บปิด ] หรือ }", "a range has no closing ] or }"),
    (
        "metadata_modified:[NOW-1MONTH TO *]",
        "หน่วยเวลา MONTH ใช้ไม่ได้ (ใช้ SECOND, MINUTE, HOUR, DAY, WEEK)",
        "time unit MONTH is not supported (use SECOND, MINUTE, HOUR, DAY, WEEK)",
    ),
    (
        "metadata_modified:[NOW+999999WEEKS TO *]",
        "วันที่ 'NOW+999999WEEKS' อยู่นอกช่วงปฏิทิน",
        "'NOW+999999WEEKS' is out of range",
    ),
    ("metadata_modified:[NOW/WEEK TO *]", "ปัดเวลาเป็นสัปดาห์ไม่ได้", "rounding to a WEEK is not supported"),
    (
        "metadata_modified:2026-04-10",
        "metadata_modified ต้องเป็นช่วง เช่น [2026-01-01T00:00:00Z TO *]",
        "metadata_modified needs a range, e.g. [2026-01-01T00:00:00Z TO *]",
    ),
    (
        "organization:[a TO b]",
        "ช่วง [… TO …] ใช้ได้กับ metadata_modified และ metadata_created เท่านั้น ไม่ใช่ organization",
        "ranges [… TO …] work on metadata_modified and metadata_created only, not on organization",
    ),
]


@pytest.mark.parametrize(("text", "th", "en"), FAILS, ids=[text for text, _, _ in FAILS])
def test_query_that_cannot_be_read_says_why_in_both_languages(text: str, th: str, en: str) -> None:
    with pytest.raises(SearchQueryError) as raised:
        parse(text)
    assert (raised.value.th, raised.value.en) == (th, en)
    assert raised.value.message == f"ค้นหาไม่ได้ / Search Query is invalid: {th} / {en}"
    assert raised.value.error == {"__type": "Search Query Error", "message": raised.value.message}
    assert raised.value.status == 409


def test_an_unknown_field_is_named_with_the_fields_there_are() -> None:
    with pytest.raises(SearchQueryError) as raised:
        parse("maintainer:someone")
    known = (
        "capacity, dataset_type, entity_type, groups, id, license_id, metadata_created, metadata_modified, "
        "name, notes, organization, owner_org, private, res_format, state, tags, text, title, title_string, type"
    )
    assert raised.value.en == f"unknown field 'maintainer' (known fields: {known})"
    assert raised.value.th == f"ไม่รู้จักฟิลด์ 'maintainer' (ใช้ได้: {known})"


def test_queries_are_bounded_in_length_terms_and_depth() -> None:
    with pytest.raises(SearchQueryError) as raised:
        parse("a" * 4001)
    assert raised.value.en == "the query is longer than 4000 characters"
    assert parse("a" * 4000) == Contains("a" * 4000)
    with pytest.raises(SearchQueryError) as raised:
        parse(" ".join(f"organization:u{index}" for index in range(201)))
    assert raised.value.en == "more than 200 terms"
    assert parse(" OR ".join(f"name:u{index}" for index in range(200))) == OneOf(
        Field.NAME, tuple(f"u{index}" for index in range(200))
    )
    with pytest.raises(SearchQueryError) as raised:
        parse("(" * 17 + "x" + ")" * 17)
    assert raised.value.en == "parentheses are nested too deeply"
    assert parse("(" * 16 + "x" + ")" * 16) == Contains("x")
    # Prefixes are read in a loop: thousands of them exhaust nothing.
    assert parse("-" * 3000 + "organization:ops") == OneOf(Field.ORGANIZATION, ("ops",))


SORTS = [
    (None, (SortKey(SortField.SCORE, True), SortKey(SortField.MODIFIED, True))),
    ("", (SortKey(SortField.SCORE, True), SortKey(SortField.MODIFIED, True))),
    ("rank", (SortKey(SortField.SCORE, True), SortKey(SortField.MODIFIED, True))),
    ("id asc", (SortKey(SortField.ID, False),)),
    ("ID DESC", (SortKey(SortField.ID, True),)),
    ("name", (SortKey(SortField.NAME, False),)),
    (
        "metadata_modified desc, name asc",
        (SortKey(SortField.MODIFIED, True), SortKey(SortField.NAME, False)),
    ),
    ("metadata_created asc", (SortKey(SortField.CREATED, False),)),
    ("title_string desc", (SortKey(SortField.TITLE, True),)),
    ("title asc", (SortKey(SortField.TITLE, False),)),
]


@pytest.mark.parametrize(("text", "keys"), SORTS)
def test_sort_reads_as(text: str | None, keys: tuple[SortKey, ...]) -> None:
    assert parse_sort(text) == keys


SORT_FAILS = [
    (
        "views_recent desc",
        "cannot sort by 'views_recent' (sortable: score, id, name, metadata_modified, metadata_created, title_string)",
    ),
    ("name up", "invalid sort direction 'up' (use asc or desc)"),
    ("name asc,", "a part of the sort is empty"),
    ("name asc please", "cannot read the sort 'name asc please'"),
    ("name, id, title, metadata_modified, metadata_created, score", "at most 5 sort keys"),
]


@pytest.mark.parametrize(("text", "en"), SORT_FAILS)
def test_a_sort_that_cannot_be_read_is_a_search_query_error(text: str, en: str) -> None:
    with pytest.raises(SearchQueryError) as raised:
        parse_sort(text)
    assert raised.value.en == en


def test_search_params_take_ckans_defaults() -> None:
    found = search_params({}, license_=LICENSE, now=NOW)
    assert (found.filter, found.rows, found.start, found.sort_text) == (
        Everything(),
        10,
        0,
        "score desc, metadata_modified desc",
    )
    assert (found.facet_fields, found.facet_limit, found.facet_mincount) == ((), 50, 1)


def test_search_params_read_get_strings_and_post_json_alike() -> None:
    from_get = search_params(
        {
            "q": "จัดซื้อ",
            "fq": "organization:unit-0",
            "fq_list": ["groups:procurement", "-res_format:OCDS"],
            "sort": "id asc",
            "rows": "1000",
            "start": " 20 ",
            "facet": "true",
            "facet.field": '["organization", "groups", "organization"]',
            "facet.limit": "-1",
            "facet.mincount": "0",
            "include_private": "true",
        },
        license_=LICENSE,
        now=NOW,
    )
    from_post = search_params(
        {
            "q": "จัดซื้อ",
            "fq": "organization:unit-0",
            "fq_list": ["groups:procurement", "-res_format:OCDS"],
            "sort": "id asc",
            "rows": 1000,
            "start": 20.0,
            "facet": True,
            "facet.field": ["organization", "groups", "organization"],
            "facet.limit": -1,
            "facet.mincount": 0,
            "include_private": True,
        },
        license_=LICENSE,
        now=NOW,
    )
    assert from_get == from_post
    assert from_get.filter == AllOf(
        (
            Contains("จัดซื้อ"),
            OneOf(Field.ORGANIZATION, ("unit-0",)),
            PROCUREMENT,
            Not(OneOf(Field.KIND, ("procurement-records",))),
        )
    )
    assert (from_get.rows, from_get.start, from_get.sort, from_get.facet_fields) == (
        1000,
        20,
        (SortKey(SortField.ID, False),),
        ("organization", "groups"),
    )
    assert (from_get.facet_limit, from_get.facet_mincount) == (-1, 0)


def test_rows_above_the_maximum_are_the_maximum_and_facet_false_counts_nothing() -> None:
    found = search_params(
        {"rows": "100000", "start": "9" * 40, "facet": "false", "facet.field": ["organization"]},
        license_=LICENSE,
        now=NOW,
    )
    assert (found.rows, found.start, found.facet_fields) == (1000, 2**31 - 1, ())


def test_every_wrong_parameter_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as raised:
        search_params(
            {
                "rows": "-1",
                "start": "ten",
                "q": ["a", "b"],
                "facet": "maybe",
                "facet.field": "[organization",
                "facet.mincount": 1.5,
                "fq_list": [1, 2],
            },
            license_=LICENSE,
            now=NOW,
        )
    assert raised.value.error == {
        "__type": "Validation Error",
        "q": ["ต้องเป็นข้อความ / Must be a string"],
        "fq_list": ["ต้องเป็นรายการข้อความ / Not a list of strings"],
        "rows": ["ต้องเป็นจำนวนเต็มที่ไม่ติดลบ / Must be a natural number"],
        "start": ["ต้องเป็นจำนวนเต็ม / Invalid integer"],
        "facet": ["ต้องเป็นจริงหรือเท็จ (true/false) / Must be true or false"],
        "facet.field": ["อ่านเป็น JSON ไม่ได้ / Could not parse as valid JSON"],
        "facet.mincount": ["ต้องเป็นจำนวนเต็ม / Invalid integer"],
    }
    assert raised.value.status == 409


def test_text_with_a_lone_surrogate_or_nul_is_refused_before_any_database_sees_it() -> None:
    with pytest.raises(ValidationError) as raised:
        search_params({"q": "a\ud800", "fq": "organization:\x00"}, license_=LICENSE, now=NOW)
    assert raised.value.errors == {
        "q": ["มีอักขระที่ใช้ไม่ได้ / Contains characters that are not allowed"],
        "fq": ["มีอักขระที่ใช้ไม่ได้ / Contains characters that are not allowed"],
    }


def test_an_unknown_facet_field_is_a_search_query_error() -> None:
    with pytest.raises(SearchQueryError) as raised:
        search_params({"facet.field": '["maintainer"]'}, license_=LICENSE, now=NOW)
    assert raised.value.en == (
        "cannot facet on 'maintainer' "
        "(facet fields: organization, owner_org, groups, tags, res_format, license_id, type)"
    )


SYNTAX = [*'()[]{}"\\:*+-!?/ ', "OR", "AND", "NOT", "TO", "&&", "||", "NOW", "Z", "T"]
WORDS = ["metadata_modified", "organization", "owner_org", "groups", "tags", "name", "id", "type", "text"]
VALUES = ["2026-04-10T07:00:00Z", "2026-04-10", "unit-0", "procurement", "จัดซื้อ", "๒๕๖๙", "ำ", "\u200b", "\x00"]
_QUERY = st.lists(
    st.one_of(st.sampled_from(SYNTAX), st.sampled_from(WORDS), st.sampled_from(VALUES), st.text(max_size=5)),
    max_size=30,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(_QUERY)
def test_no_query_raises_anything_but_its_own_bilingual_error(text: str) -> None:
    failure: SearchQueryError | None = None
    try:
        found, terms = parse_query(text, license_=LICENSE, now=NOW)
    except SearchQueryError as raised:
        failure = raised
    if failure is not None:
        assert failure.th
        assert failure.en
        assert failure.message == f"ค้นหาไม่ได้ / Search Query is invalid: {failure.th} / {failure.en}"
    else:
        assert terms <= 200
        assert isinstance(found, Everything | Nothing | Contains | OneOf | Between | Not | AllOf | AnyOf)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(string.printable + "ก๑\ud800", max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=6,
)
_KEYS = ["q", "fq", "fq_list", "sort", "rows", "start", "facet", "facet.field", "facet.limit", "facet.mincount"]


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(_KEYS), _JSON | _QUERY, max_size=6))
def test_no_parameters_raise_anything_but_the_apis_errors(raw: dict[str, object]) -> None:
    invalid: ValidationError | None = None
    try:
        found = search_params(raw, license_=LICENSE, now=NOW)
    except ValidationError as raised:
        invalid = raised
    except SearchQueryError:
        return
    if invalid is not None:
        messages = [message for found_messages in invalid.errors.values() for message in found_messages]
        assert messages
        assert all(" / " in message for message in messages), invalid.errors
        json.dumps(invalid.error)
    else:
        assert 0 <= found.rows <= 1000
        assert 0 <= found.start <= 2**31 - 1


LIST_SORTS = [
    ({}, ("title", False)),
    ({"sort": "name"}, ("name", False)),
    ({"sort": "title DESC"}, ("title", True)),
    ({"sort": "package_count"}, ("package_count", True)),
    ({"sort": "packages asc"}, ("package_count", False)),
    ({"order_by": "name"}, ("name", False)),
]


@pytest.mark.parametrize(("raw", "sort"), LIST_SORTS)
def test_list_sorts_read_as_ckan_reads_them(raw: dict[str, object], sort: tuple[str, bool]) -> None:
    found = list_params(Params(raw), "organizations")
    assert (found.sort_field, found.descending) == sort
    assert (found.limit, found.offset, found.all_fields, found.names, found.q) == (1000, 0, False, None, "")


LIST_SORT_FAILS = [
    ("name, title", "เรียงได้ลำดับเดียว / Too many sort criteria provided only 1 allowed"),
    ("created", "เรียงตาม `created` ไม่ได้ / Cannot sort by field `created`"),
    ("name asc now", "เรียงตาม `name asc now` ไม่ได้ / Cannot sort by field `name asc now`"),
    ("name upward", "ทิศทางการเรียง `upward` ไม่ถูกต้อง / Invalid sort direction `upward`"),
]


@pytest.mark.parametrize(("sort", "message"), LIST_SORT_FAILS)
def test_a_list_sort_that_cannot_be_read_is_a_validation_error(sort: str, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        list_params(Params({"sort": sort, "limit": "x"}), "groups")
    assert raised.value.errors == {"sort": [message], "limit": ["ต้องเป็นจำนวนเต็ม / Invalid integer"]}
