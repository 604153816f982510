"""The DCAT-AP catalogue of the shared world (world.py): conformance, exact triples, syntaxes, caching, refusals."""

import datetime as dt
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, RDF, SKOS
from rdflib.term import Node

from prongsai.opendata.catalogue import catalogue_sync
from prongsai.opendata.entities import organization_uuid
from prongsai.opendata.kinds import KIND_SPECS, DatasetKind
from prongsai.opendata.models import Dataset

from ..publish.world import BANGKOK
from ..workspace.conftest import make_department
from .standards import standards_dir
from .world import OpendataWorld, receive

BASE = "http://testserver"
API = f"{BASE}/api/3/action"
EU = "http://publications.europa.eu/resource/authority/"
# Plain namespaces: pytest probing rdflib's closed DCAT and XSD namespaces for attributes makes them warn.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SYNCED_UTC = Literal("2026-04-11T01:00:00+00:00", datatype=XSD.dateTime)
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
STABLE = URIRef(f"{EU}planned-availability/STABLE")
TURTLE_TYPE = "text/turtle; charset=utf-8"

MALFORMED = (
    "หมายเลขหน้าต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป เช่น ?page=2\nThe page number must be a whole number from 1, such as ?page=2.\n"
)


def beyond(last: int) -> str:
    return f"บัญชีข้อมูลไม่มีหน้านี้ หน้าสุดท้ายคือหน้าที่ {last}\nThe catalogue has no such page: its last page is {last}.\n"


@cache
def _shapes(name: str) -> Graph:
    folder = standards_dir() / "dcat-ap-3.0.1"
    graph = Graph()
    for file_name in name.split("+"):
        graph.parse(folder / file_name, format="turtle")
    return graph


def shacl(graph: Graph, shapes: str = "shapes.ttl+range.ttl") -> list[tuple[Node, Node]]:
    """Validate against the official shapes without inference; return each result's (focus node, path)."""
    _, report, _ = validate(graph, shacl_graph=_shapes(shapes), inference="none")
    sh = Namespace("http://www.w3.org/ns/shacl#")
    return sorted(
        (report.value(result, sh.focusNode), report.value(result, sh.resultPath))
        for result in report.subjects(RDF.type, sh.ValidationResult)
    )


def parse(response: Any, syntax: str = "turtle") -> Graph:
    return Graph().parse(data=response.content, format=syntax)


def pairs(graph: Graph, subject: Node) -> set[tuple[Node, Node]]:
    return set(graph.predicate_objects(subject))


def row(name: str) -> Dataset:
    return Dataset.objects.get(name=name)


def dataset_iri(name: str) -> URIRef:
    return URIRef(f"{API}/package_show?id={row(name).uuid}")


def test_the_catalogue_conforms_to_dcat_ap_3(world: OpendataWorld, client: Any) -> None:
    response = client.get("/catalog.ttl")

    assert response.status_code == 200
    assert response["Content-Type"] == TURTLE_TYPE
    graph = parse(response)
    assert shacl(graph) == []
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 16


def test_what_the_recommended_shapes_still_miss(world: OpendataWorld, client: Any, settings: Any) -> None:
    """With a contact address set, only the periods of datasets that cover no period are left to wish for."""
    settings.PRONGSAI_OPENDATA_CONTACT_EMAIL = "opendata@example.go.th"
    graph = parse(client.get("/catalog.ttl"))

    assert shacl(graph) == []
    # The registers say what is published now, and unit-1 has received nothing: no period to give.
    names = ["ops-register", "unit-0-register", "unit-1-register", "unit-1-channel-statistics"]
    assert shacl(graph, "shapes_recommended.ttl") == sorted((dataset_iri(name), DCTERMS.temporal) for name in names)


def test_without_a_contact_address_datasets_name_no_contact_point(world: OpendataWorld, client: Any) -> None:
    graph = parse(client.get("/catalog.ttl"))
    warnings = shacl(graph, "shapes_recommended.ttl")

    assert {path for _, path in warnings} == {DCAT.contactPoint, DCTERMS.temporal}
    assert len([1 for _, path in warnings if path == DCAT.contactPoint]) == 16
    assert list(graph.subjects(RDF.type, VCARD.Kind)) == []


def test_unit_0s_procurement_records_exactly(world: OpendataWorld, client: Any) -> None:
    graph = parse(client.get("/catalog.ttl"))
    node = dataset_iri("unit-0-procurement-records")
    spec = KIND_SPECS[DatasetKind.PROCUREMENT_RECORDS]
    unit = URIRef(f"{API}/organization_show?id={organization_uuid(world.published.pk)}")
    resource = f"{API}/resource_show?id=unit-0-procurement-records"
    distributions = [URIRef(f"{resource}-{suffix}") for suffix in ("csv", "json", "xlsx", "ocds")] + [
        URIRef(f"{resource}-ocds-{month}") for month in ("2025-11", "2026-01", "2026-03")
    ]
    periods = list(graph.objects(node, DCTERMS.temporal))

    assert len(periods) == 1
    assert isinstance(periods[0], BNode)
    assert pairs(graph, node) - {(DCTERMS.temporal, periods[0])} == {
        (RDF.type, DCAT.Dataset),
        (DCTERMS.identifier, Literal(str(row("unit-0-procurement-records").uuid))),
        (DCTERMS.title, Literal("ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0", lang="th")),
        (DCTERMS.title, Literal("Procurement results — Test division 0", lang="en")),
        (DCTERMS.description, Literal(spec.notes_th, lang="th")),
        (DCTERMS.description, Literal(spec.notes_en, lang="en")),
        (DCTERMS.publisher, unit),
        (DCAT.keyword, Literal("จัดซื้อจัดจ้าง", lang="th")),
        (DCAT.keyword, Literal("สขร.1", lang="th")),
        (DCAT.keyword, Literal("procurement", lang="en")),
        (DCAT.keyword, Literal("OCDS", lang="en")),
        (DCAT.theme, URIRef(f"{BASE}/catalog.ttl#theme-procurement")),
        (DCAT.theme, URIRef(f"{EU}data-theme/GOVE")),
        (DCAT.theme, URIRef(f"{EU}data-theme/ECON")),
        (DCTERMS.issued, SYNCED_UTC),
        (DCTERMS.modified, SYNCED_UTC),
        (DCAT.landingPage, URIRef(f"{BASE}/th/opendata/unit-0-procurement-records/")),
        (DCAT.landingPage, URIRef(f"{BASE}/en/opendata/unit-0-procurement-records/")),
        (DCTERMS.accrualPeriodicity, URIRef(f"{EU}frequency/MONTHLY")),
        (DCTERMS.spatial, URIRef(f"{EU}country/THA")),
        (DCTERMS.language, URIRef(f"{EU}language/THA")),
        (DCTERMS.accessRights, URIRef(f"{EU}access-right/PUBLIC")),
        *((DCAT.distribution, distribution) for distribution in distributions),
    }
    # The first month with records (November 2025) to the end of FY 2569 (30 September 2026).
    assert pairs(graph, periods[0]) == {
        (RDF.type, DCTERMS.PeriodOfTime),
        (DCAT.startDate, Literal("2025-11-01", datatype=XSD.date)),
        (DCAT.endDate, Literal("2026-09-30", datatype=XSD.date)),
    }
    assert pairs(graph, unit) == {
        (RDF.type, FOAF.Agent),
        (FOAF.name, Literal("กองทดสอบที่ 0", lang="th")),
        (FOAF.name, Literal("Test division 0", lang="en")),
        (DCTERMS.identifier, Literal(organization_uuid(world.published.pk))),
        (DCTERMS.type, URIRef("http://purl.org/adms/publishertype/NationalAuthority")),
    }


def test_unit_0s_procurement_distributions_exactly(world: OpendataWorld, client: Any) -> None:
    graph = parse(client.get("/catalog.ttl"))
    resource = f"{API}/resource_show?id=unit-0-procurement-records"
    csv = URIRef(f"{BASE}/opendata/datasets/unit-0-procurement-records.csv")
    march = URIRef(f"{BASE}/opendata/ocds/unit-0/2026-03.json")
    common = {
        (RDF.type, DCAT.Distribution),
        (DCTERMS.license, CC_BY),
        (DCATAP.availability, STABLE),
        (DCTERMS.issued, SYNCED_UTC),
        (DCTERMS.modified, SYNCED_UTC),
    }

    assert pairs(graph, URIRef(f"{resource}-csv")) == common | {
        (DCTERMS.identifier, Literal("unit-0-procurement-records-csv")),
        (DCTERMS.title, Literal("ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0 (CSV)", lang="th")),
        (DCTERMS.title, Literal("Procurement results — Test division 0 (CSV)", lang="en")),
        (
            DCTERMS.description,
            Literal("ตารางข้อมูลในรูปแบบ CSV (UTF-8 มี BOM เปิดด้วย Excel ได้) ชื่อคอลัมน์เป็นภาษาอังกฤษ", lang="th"),
        ),
        (
            DCTERMS.description,
            Literal(
                "The rows as CSV (UTF-8 with a byte order mark, so Excel opens it), with English column names.",
                lang="en",
            ),
        ),
        (DCAT.accessURL, csv),
        (DCAT.downloadURL, csv),
        (DCTERMS.format, URIRef(f"{EU}file-type/CSV")),
        (DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/text/csv")),
    }
    assert pairs(graph, URIRef(f"{resource}-ocds-2026-03")) == common | {
        (DCTERMS.identifier, Literal("unit-0-procurement-records-ocds-2026-03")),
        (DCTERMS.title, Literal("ผลการจัดซื้อจัดจ้าง — กองทดสอบที่ 0 (OCDS เดือน 2026-03)", lang="th")),
        (DCTERMS.title, Literal("Procurement results — Test division 0 (OCDS, 2026-03)", lang="en")),
        (
            DCTERMS.description,
            Literal(
                "ผลการจัดซื้อจัดจ้างของเดือน 2026-03 เป็น release package ตามมาตรฐาน OCDS 1.1 (รวมส่วนขยาย bids)", lang="th"
            ),
        ),
        (
            DCTERMS.description,
            Literal(
                "The procurement records of 2026-03 as an OCDS 1.1 release package (with the bids extension).",
                lang="en",
            ),
        ),
        (DCAT.accessURL, march),
        (DCAT.downloadURL, march),
        (DCTERMS.format, URIRef(f"{EU}file-type/JSON")),
        (DCAT.mediaType, URIRef("https://www.iana.org/assignments/media-types/application/json")),
        (
            DCTERMS.conformsTo,
            URIRef("https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json"),
        ),
    }
    assert pairs(graph, CC_BY) == {
        (RDF.type, DCTERMS.LicenseDocument),
        (DCTERMS.title, Literal("Creative Commons Attribution 4.0", lang="en")),
        (DCTERMS.identifier, Literal("CC-BY-4.0")),
        (DCTERMS.type, URIRef("http://purl.org/adms/licencetype/Attribution")),
    }


def test_the_catalogue_itself(world: OpendataWorld, client: Any) -> None:
    graph = parse(client.get("/catalog.ttl"))
    catalog = URIRef(f"{BASE}/catalog.ttl#catalog")
    department = URIRef(f"{API}/organization_show?id={organization_uuid(world.department.pk)}")
    datasets = set(graph.objects(catalog, DCAT.dataset))

    assert list(graph.subjects(RDF.type, DCAT.Catalog)) == [catalog]
    assert datasets == set(graph.subjects(RDF.type, DCAT.Dataset))
    assert {dataset_iri(row.name) for row in Dataset.objects.all()} == datasets
    assert pairs(graph, catalog) - {(DCAT.dataset, node) for node in datasets} == {
        (RDF.type, DCAT.Catalog),
        (DCTERMS.title, Literal("บัญชีข้อมูลเปิด — สำนักงานปลัด", lang="th")),
        (DCTERMS.title, Literal("Open data catalogue — OPS", lang="en")),
        (
            DCTERMS.description,
            Literal(
                "ชุดข้อมูลเปิดที่สำนักงานปลัดและหน่วยงานในสังกัดเผยแพร่ตามมาตรการเปิดเผยข้อมูล: ทะเบียนการเปิดเผยข้อมูล "
                "แผนปฏิบัติการและผลการดำเนินงาน การจัดซื้อจัดจ้าง สถิติความคิดเห็นและเรื่องร้องเรียน และผลการตรวจเว็บไซต์",
                lang="th",
            ),
        ),
        (
            DCTERMS.description,
            Literal(
                "The open datasets OPS and its units publish under the disclosure measure: the disclosure register, "
                "action plans and their progress, procurement, opinion and complaint statistics, "
                "and website check scores.",
                lang="en",
            ),
        ),
        (DCTERMS.publisher, department),
        (FOAF.homepage, URIRef(f"{BASE}/th/opendata/")),
        (DCTERMS.language, URIRef(f"{EU}language/THA")),
        (DCTERMS.language, URIRef(f"{EU}language/ENG")),
        (DCTERMS.license, CC_BY),
        (DCTERMS.spatial, URIRef(f"{EU}country/THA")),
        (DCTERMS.issued, SYNCED_UTC),
        (DCTERMS.modified, SYNCED_UTC),
        (DCAT.themeTaxonomy, URIRef(f"{EU}data-theme")),
        (DCAT.themeTaxonomy, URIRef(f"{BASE}/catalog.ttl#themes")),
        (HYDRA.view, URIRef(f"{BASE}/catalog.ttl?page=1")),
    }
    assert set(graph.objects(department, FOAF.name)) == {Literal("สำนักงานปลัด", lang="th"), Literal("OPS", lang="en")}
    # Our five themes, each placed under the EU data themes.
    themes = URIRef(f"{BASE}/catalog.ttl#themes")
    procurement = URIRef(f"{BASE}/catalog.ttl#theme-procurement")
    assert {str(node) for node in graph.subjects(SKOS.inScheme, themes)} == {
        f"{BASE}/catalog.ttl#theme-{name}"
        for name in ("transparency", "planning", "procurement", "participation", "monitoring")
    }
    assert set(graph.objects(procurement, SKOS.prefLabel)) == {
        Literal("การจัดซื้อจัดจ้าง", lang="th"),
        Literal("Procurement", lang="en"),
    }
    assert set(graph.objects(procurement, SKOS.broadMatch)) == {
        URIRef(f"{EU}data-theme/GOVE"),
        URIRef(f"{EU}data-theme/ECON"),
    }


@pytest.mark.parametrize(
    ("name", "frequency"),
    [
        ("unit-0-register", "DAILY"),
        ("unit-0-action-plans", "ANNUAL"),
        ("unit-0-plan-progress", "MONTHLY"),
        ("unit-0-procurement-plans", "ANNUAL"),
        ("unit-0-procurement-records", "MONTHLY"),
        ("unit-0-channel-statistics", "DAILY"),
        ("unit-0-monitor-scores", "ANNUAL_2"),  # every half year
    ],
)
def test_each_kind_says_how_often_it_changes(world: OpendataWorld, client: Any, name: str, frequency: str) -> None:
    graph = parse(client.get("/catalog.ttl"))

    assert list(graph.objects(dataset_iri(name), DCTERMS.accrualPeriodicity)) == [URIRef(f"{EU}frequency/{frequency}")]


@pytest.mark.parametrize(
    ("email", "mailto"),
    [
        ("opendata@example.go.th", "mailto:opendata@example.go.th"),
        # A mistyped setting still gives Turtle that parses.
        (" open data>@example.go.th ", "mailto:open%20data%3E@example.go.th"),
    ],
)
def test_the_contact_point_when_an_address_is_set(
    world: OpendataWorld, client: Any, settings: Any, email: str, mailto: str
) -> None:
    settings.PRONGSAI_OPENDATA_CONTACT_EMAIL = email
    graph = parse(client.get("/catalog.ttl"))
    contact = URIRef(f"{BASE}/catalog.ttl#contact")

    assert set(graph.subjects(DCAT.contactPoint, contact)) == set(graph.subjects(RDF.type, DCAT.Dataset))
    assert pairs(graph, contact) == {
        (RDF.type, VCARD.Kind),
        (RDF.type, VCARD.Organization),
        (VCARD.fn, Literal("สำนักงานปลัด", lang="th")),
        (VCARD.fn, Literal("OPS", lang="en")),
        (VCARD.hasEmail, URIRef(mailto)),
    }


def test_another_licence_is_described_and_still_conforms(world: OpendataWorld, client: Any, settings: Any) -> None:
    settings.PRONGSAI_OPENDATA_LICENSE = "CC-BY-SA-4.0"
    graph = parse(client.get("/catalog.ttl"))
    licence = URIRef("https://creativecommons.org/licenses/by-sa/4.0/")

    assert shacl(graph) == []
    assert set(graph.subjects(DCTERMS.license, CC_BY)) == set()
    assert len(set(graph.subjects(DCTERMS.license, licence))) == 1 + 16 * 3 + 4 * 2  # catalogue + downloads
    assert set(graph.objects(licence, DCTERMS.type)) == {
        URIRef("http://purl.org/adms/licencetype/Attribution"),
        URIRef("http://purl.org/adms/licencetype/ShareAlike"),
    }


def test_json_ld_reads_back_as_the_turtle_page(world: OpendataWorld, client: Any, settings: Any) -> None:
    """The same graph, except that the JSON-LD page's links lead to JSON-LD pages."""
    settings.PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE = 5
    turtle = client.get("/catalog.ttl?page=2")
    json_ld = client.get("/catalog.jsonld?page=2")

    assert json_ld.status_code == 200
    assert json_ld["Content-Type"] == "application/ld+json"
    assert b'"@context"' in json_ld.content
    from_json = parse(json_ld, "json-ld")
    view = URIRef(f"{BASE}/catalog.jsonld?page=2")
    assert set(from_json.objects(view, HYDRA.next)) == {URIRef(f"{BASE}/catalog.jsonld?page=3")}
    assert set(from_json.objects(view, HYDRA.previous)) == {URIRef(f"{BASE}/catalog.jsonld?page=1")}

    def as_turtle(node: Node) -> Node:
        if isinstance(node, URIRef) and "/catalog.jsonld?page=" in node:
            return URIRef(node.replace("/catalog.jsonld?", "/catalog.ttl?"))
        return node

    translated = Graph()
    for triple in from_json:
        translated.add((as_turtle(triple[0]), as_turtle(triple[1]), as_turtle(triple[2])))
    assert len(from_json) > 300
    assert isomorphic(translated, parse(turtle))
    assert shacl(from_json) == []


def test_the_view_of_a_middle_page(world: OpendataWorld, client: Any, settings: Any) -> None:
    settings.PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE = 5
    response = client.get("/catalog.ttl?page=2")
    graph = parse(response)
    view = URIRef(f"{BASE}/catalog.ttl?page=2")
    page = {number: URIRef(f"{BASE}/catalog.ttl?page={number}") for number in (1, 3, 4)}

    assert pairs(graph, view) == {
        (RDF.type, HYDRA.PartialCollectionView),
        (RDF.type, HYDRA.PagedCollection),
        (HYDRA.totalItems, Literal(16)),
        (HYDRA.itemsPerPage, Literal(5)),
        (HYDRA.first, page[1]),
        (HYDRA.previous, page[1]),
        (HYDRA.next, page[3]),
        (HYDRA.last, page[4]),
        (HYDRA.firstPage, page[1]),
        (HYDRA.previousPage, page[1]),
        (HYDRA.nextPage, page[3]),
        (HYDRA.lastPage, page[4]),
    }
    assert response["Link"] == (
        f'<{page[1]}>; rel="first", <{page[1]}>; rel="prev", <{page[3]}>; rel="next", <{page[4]}>; rel="last"'
    )
    # The second five datasets in id order.
    second = [str(uuid) for uuid in Dataset.objects.order_by("uuid").values_list("uuid", flat=True)[5:10]]
    assert sorted(str(value) for value in graph.objects(None, DCTERMS.identifier) if str(value) in second) == second
    assert len(set(graph.subjects(RDF.type, DCAT.Dataset))) == 5


def test_addresses_come_from_the_server_asked(world: OpendataWorld, client: Any, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["data.example.go.th"]
    response = client.get("/catalog.ttl", HTTP_HOST="data.example.go.th", secure=True)
    graph = parse(response)

    assert b"testserver" not in response.content
    assert {str(node).split("?")[0] for node in graph.subjects(RDF.type, DCAT.Dataset)} == {
        "https://data.example.go.th/api/3/action/package_show"
    }
    assert set(
        graph.objects(
            URIRef(dataset_iri("unit-1-register").replace(BASE, "https://data.example.go.th")), DCAT.landingPage
        )
    ) == {
        URIRef("https://data.example.go.th/th/opendata/unit-1-register/"),
        URIRef("https://data.example.go.th/en/opendata/unit-1-register/"),
    }
    assert response["Link"] == (
        '<https://data.example.go.th/catalog.ttl?page=1>; rel="first", '
        '<https://data.example.go.th/catalog.ttl?page=1>; rel="last"'
    )


@pytest.mark.parametrize("size", [1, 5, 100])
def test_a_page_costs_five_queries_whatever_its_size(
    world: OpendataWorld, client: Any, settings: Any, django_assert_num_queries: Any, size: int
) -> None:
    settings.PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE = size
    with django_assert_num_queries(5):
        response = client.get("/catalog.jsonld")

    assert response.status_code == 200
    assert len(set(parse(response, "json-ld").subjects(RDF.type, DCAT.Dataset))) == min(size, 16)


def test_an_unchanged_page_is_a_304_after_one_query(
    world: OpendataWorld, client: Any, django_assert_num_queries: Any
) -> None:
    first = client.get("/catalog.ttl")
    etag = first["ETag"]

    with django_assert_num_queries(1):
        again = client.get("/catalog.ttl", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == "public, no-cache"
    assert first["Cache-Control"] == "public, no-cache"
    # The same page asked as page 1, or through HEAD, has the same tag; the JSON-LD page has its own.
    assert client.get("/catalog.ttl?page=1")["ETag"] == etag
    head = client.head("/catalog.ttl")
    assert (head.status_code, head.content, head["ETag"]) == (200, b"", etag)
    assert client.get("/catalog.jsonld", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_change_to_the_catalogue_changes_the_tag(world: OpendataWorld, client: Any) -> None:
    etag = client.get("/catalog.ttl")["ETag"]
    receive(world.quiet, tracking_code="TEST-0100", received=dt.datetime(2026, 4, 12, 9, 0, tzinfo=BANGKOK))
    catalogue_sync(now=dt.datetime(2026, 4, 12, 10, 0, tzinfo=BANGKOK))

    response = client.get("/catalog.ttl", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    graph = parse(response)
    catalog = URIRef(f"{BASE}/catalog.ttl#catalog")
    assert list(graph.objects(catalog, DCTERMS.modified)) == [
        Literal("2026-04-12T03:00:00+00:00", datatype=XSD.dateTime)
    ]
    assert list(graph.objects(dataset_iri("unit-1-channel-statistics"), DCTERMS.modified)) == [
        Literal("2026-04-12T03:00:00+00:00", datatype=XSD.dateTime)
    ]
    assert list(graph.objects(dataset_iri("unit-0-channel-statistics"), DCTERMS.modified)) == [SYNCED_UTC]


@pytest.mark.parametrize(
    "query",
    [
        "page=0",
        "page=-1",
        "page=01",
        "page=1.5",
        "page=",
        "page=two",
        "page=%E0%B9%92",  # ๒, a Thai digit
        "page=%EF%BC%92",  # ２, a full-width digit
        "page=1%202",
        "page=1&page=2",
        "page=" + "x" * 5000,
        "page=%00",
    ],
)
def test_a_malformed_page_is_a_400_in_thai_and_english(
    world: OpendataWorld, client: Any, django_assert_num_queries: Any, query: str
) -> None:
    with django_assert_num_queries(0):
        response = client.get(f"/catalog.ttl?{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == MALFORMED


@pytest.mark.parametrize("page", ["2", "17", "9" * 40])
def test_a_page_beyond_the_last_is_a_404_in_thai_and_english(
    world: OpendataWorld, client: Any, django_assert_num_queries: Any, page: str
) -> None:
    with django_assert_num_queries(1):
        response = client.get(f"/catalog.jsonld?page={page}")

    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == beyond(1)


def test_the_last_page_moves_with_the_page_size(world: OpendataWorld, client: Any, settings: Any) -> None:
    settings.PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE = 5

    assert client.get("/catalog.ttl?page=4").status_code == 200
    assert client.get("/catalog.ttl?page=5").content.decode() == beyond(4)


def test_only_get_and_head(world: OpendataWorld, client: Any) -> None:
    assert client.post("/catalog.ttl").status_code == 405
    assert client.put("/catalog.jsonld").status_code == 405


def test_before_any_sync_the_catalogue_is_empty_and_conforms(db: Any, client: Any) -> None:
    make_department(1)
    response = client.get("/catalog.ttl")
    graph = parse(response)
    view = URIRef(f"{BASE}/catalog.ttl?page=1")

    assert response.status_code == 200
    assert shacl(graph) == []
    assert list(graph.subjects(RDF.type, DCAT.Dataset)) == []
    assert set(graph.objects(view, HYDRA.totalItems)) == {Literal(0)}
    assert list(graph.objects(URIRef(f"{BASE}/catalog.ttl#catalog"), DCTERMS.modified)) == []
    assert client.get("/catalog.ttl?page=2").content.decode() == beyond(1)


def test_without_a_department_there_is_no_catalogue_yet(db: Any, client: Any) -> None:
    response = client.get("/catalog.ttl")

    assert response.status_code == 404
    assert response.content.decode() == (
        "บัญชีข้อมูลยังไม่มีผู้เผยแพร่ เนื่องจากยังไม่ได้ตั้งค่าหน่วยงานระดับกรม\n"
        "The catalogue has no publisher yet: no department has been set up.\n"
    )


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(page=st.text(max_size=40))
def test_no_page_asked_for_is_a_server_error(world: OpendataWorld, client: Any, page: str) -> None:
    response = client.get("/catalog.ttl", {"page": page})

    assert response.status_code in (200, 400, 404)
    assert (response.status_code == 200) == (page == "1")
