"""The catalogue as DCAT-AP 3.0.1, in Turtle and JSON-LD, a page of datasets at a time. Pure: no Django.

A page holds the dcat:Catalog (titled after the department that publishes it), the datasets of
that page with their publishers and distributions, and a Hydra view of the paging that harvesters
follow to the next page. It conforms to the official DCAT-AP 3.0.1 shapes (`shapes.ttl` with the
class ranges of `range.ttl`) validated without inference, so every node another node points at is
typed in the page itself: the EU vocabularies' concepts (file types, frequencies, themes, country,
languages), IANA media types and the licence all say what they are.

Identifiers. Each dataset, distribution and organization is named by the CKAN Action API call
that shows the same thing by its id: `…/api/3/action/package_show?id=<uuid>`,
`…/resource_show?id=<resource id>`, `…/organization_show?id=<uuid>`. The ids never change when a
unit's slug does, so a harvester that keys on the IRI keeps one record per dataset, and each IRI
answers with a description of what it names. What only the catalogue defines (the catalogue
itself, its theme scheme and the contact point) has a fragment of the catalogue's Turtle address.
Every address starts with the base address of the request (scheme and host, no trailing slash).
"""

import datetime as dt
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from .entities import OCDS, DatasetEntry, Distribution, Publisher, dataset_page_path
from .kinds import GROUPS, Group, License

TURTLE: Final = "turtle"
JSON_LD: Final = "json-ld"
PATHS: Final = {TURTLE: "/catalog.ttl", JSON_LD: "/catalog.jsonld"}
CONTENT_TYPES: Final = {TURTLE: "text/turtle; charset=utf-8", JSON_LD: "application/ld+json"}

# Bumped when the mapping changes, so a conditional request does not keep an older rendering.
MAPPING_VERSION: Final = "1"

DCATAP = Namespace("http://data.europa.eu/r5r/")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
EU_THEMES = URIRef(f"{EU}data-theme")
IANA = "https://www.iana.org/assignments/media-types/"
LICENCE_TYPE = Namespace("http://purl.org/adms/licencetype/")
NATIONAL_AUTHORITY = URIRef("http://purl.org/adms/publishertype/NationalAuthority")
THAILAND = URIRef(f"{EU}country/THA")
THAI = URIRef(f"{EU}language/THA")
ENGLISH = URIRef(f"{EU}language/ENG")
PUBLIC = URIRef(f"{EU}access-right/PUBLIC")
STABLE = URIRef(f"{EU}planned-availability/STABLE")
OCDS_PACKAGE_SCHEMA = URIRef("https://standard.open-contracting.org/schema/1__1__5/release-package-schema.json")

PREFIXES: Final = {
    "dcat": str(DCAT),
    "dcatap": str(DCATAP),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "gsp": str(GSP),
    "hydra": str(HYDRA),
    "skos": str(SKOS),
    "vcard": str(VCARD),
    "xsd": str(XSD),
}

# Thailand's extent and middle (WGS 84, longitude first as WKT has it), for dct:spatial's Location.
THAILAND_BBOX: Final = "POLYGON((97.34 5.61, 105.64 5.61, 105.64 20.46, 97.34 20.46, 97.34 5.61))"
THAILAND_CENTROID: Final = "POINT(100.99 15.87)"

# Our themes (CKAN's groups) on the EU data-theme vocabulary DCAT-AP asks datasets to use.
EU_THEME_LABELS: Final = {"GOVE": "Government and public sector", "ECON": "Economy and finance"}
GROUP_EU_THEMES: Final[dict[str, tuple[str, ...]]] = {
    "transparency": ("GOVE",),
    "planning": ("GOVE",),
    "procurement": ("GOVE", "ECON"),
    "participation": ("GOVE",),
    "monitoring": ("GOVE",),
}

# GD-Catalog's update frequency (unit, interval) on the EU frequency vocabulary; anything else is UNKNOWN.
FREQUENCIES: Final[dict[tuple[str, int], str]] = {
    ("วัน", 1): "DAILY",
    ("สัปดาห์", 1): "WEEKLY",
    ("เดือน", 1): "MONTHLY",
    ("เดือน", 3): "QUARTERLY",
    ("เดือน", 6): "ANNUAL_2",
    ("ไตรมาส", 1): "QUARTERLY",
    ("ครึ่งปี", 1): "ANNUAL_2",
    ("ปี", 1): "ANNUAL",
    ("ปี", 2): "BIENNIAL",
}

# What each licence lets users do, on the ADMS licence-type vocabulary (DCAT-AP recommends dct:type on a licence).
LICENCE_TYPES: Final[dict[str, tuple[str, ...]]] = {
    "CC-BY-4.0": ("Attribution",),
    "CC-BY-SA-4.0": ("Attribution", "ShareAlike"),
    "CC0-1.0": ("PublicDomain",),
    "ODC-BY-1.0": ("Attribution",),
}
LICENCE_TYPE_LABELS: Final = {
    "Attribution": "Attribution",
    "ShareAlike": "Share alike",
    "PublicDomain": "Public domain",
}

DISTRIBUTION_NOTES: Final = {
    "CSV": (
        "ตารางข้อมูลในรูปแบบ CSV (UTF-8 มี BOM เปิดด้วย Excel ได้) ชื่อคอลัมน์เป็นภาษาอังกฤษ",
        "The rows as CSV (UTF-8 with a byte order mark, so Excel opens it), with English column names.",
    ),
    "JSON": ("ตารางข้อมูลในรูปแบบ JSON", "The rows as JSON."),
    "XLSX": ("ตารางข้อมูลในรูปแบบสมุดงาน Excel (XLSX)", "The rows as an Excel workbook (XLSX)."),
}
FILE_TYPES: Final = {"CSV": "CSV", "JSON": "JSON", "XLSX": "XLSX", OCDS: "JSON"}

_THAI_SCRIPT = re.compile("[\u0e00-\u0e7f]")
_PAGE = re.compile("[1-9][0-9]*", re.ASCII)
# Longer than this is far beyond any catalogue's last page (and beyond what a database OFFSET takes).
_PAGE_DIGITS = 15
_BEYOND_EVERY_PAGE: Final[int] = int("1" + "0" * _PAGE_DIGITS)


@dataclass(frozen=True)
class CatalogState:
    """What the whole catalogue is at the moment: how many datasets, and when it first and last changed."""

    total: int
    modified: dt.datetime | None = None
    issued: dt.datetime | None = None


@dataclass(frozen=True)
class PageAddress:
    """Which page was asked for, in which syntax, of which server, with how many datasets a page."""

    base: str  # scheme and host, no trailing slash
    syntax: str  # TURTLE or JSON_LD
    number: int  # 1-based
    size: int

    def url(self, number: int) -> str:
        """Return the absolute address of another page in the same syntax."""
        return f"{self.base}{PATHS[self.syntax]}?page={number}"


@dataclass(frozen=True)
class CatalogPage:
    """Everything one page of the catalogue says."""

    address: PageAddress
    state: CatalogState
    department: Publisher  # who publishes the catalogue
    datasets: Sequence[DatasetEntry]
    license: License
    contact_email: str = ""


class PageNumberError(ValueError):
    """The page asked for is not a whole number from 1."""


def page_number(values: Sequence[str]) -> int:
    """Return the page a query string asks for (`?page=N`, 1 when absent).

    Only ASCII digits without a leading zero count: Python's int() would also take Thai digits,
    spaces and underscores. A number too long for any catalogue is returned as one past every
    page there can be, so it is answered as a page beyond the last rather than as malformed.
    """
    if not values:
        return 1
    if len(values) > 1 or _PAGE.fullmatch(values[0]) is None:
        raise PageNumberError(values[-1])
    if len(values[0]) > _PAGE_DIGITS:
        return _BEYOND_EVERY_PAGE
    return int(values[0])


def page_count(total: int, size: int) -> int:
    """Return how many pages the catalogue has (an empty catalogue still has its first page)."""
    return max(1, -(-total // size))


def page_links(address: PageAddress, total: int) -> dict[str, str]:
    """Return the absolute addresses of the first, previous, next and last pages (those that exist)."""
    last = page_count(total, address.size)
    links = {"first": address.url(1)}
    if address.number > 1:
        links["prev"] = address.url(address.number - 1)
    if address.number < last:
        links["next"] = address.url(address.number + 1)
    links["last"] = address.url(last)
    return links


def link_header(links: dict[str, str]) -> str:
    """Return the HTTP Link header (RFC 8288) of the page links."""
    return ", ".join(f'<{url}>; rel="{relation}"' for relation, url in links.items())


def catalog_etag(address: PageAddress, state: CatalogState, license_id: str, contact_email: str) -> str:
    """Return the entity tag of a page: it changes whenever anything the page says can change.

    The catalogue's state (count, first and last change) moves with every dataset written; the
    page, its size, the syntax and the server asked are in every address the page contains; the
    licence and the contact address come from settings.
    """
    parts = [
        MAPPING_VERSION,
        address.base,
        address.syntax,
        address.number,
        address.size,
        state.total,
        state.modified.isoformat() if state.modified else None,
        state.issued.isoformat() if state.issued else None,
        license_id,
        contact_email,
    ]
    return '"' + hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:32] + '"'


def _timestamp(value: dt.datetime) -> Literal:
    # UTC, so a moment reads the same whichever time zone the server runs in.
    return Literal(value.astimezone(dt.UTC).isoformat(), datatype=XSD.dateTime)


def _texts(graph: Graph, subject: URIRef | BNode, predicate: URIRef, thai: str, english: str) -> None:
    graph.add((subject, predicate, Literal(thai, lang="th")))
    if english:
        graph.add((subject, predicate, Literal(english, lang="en")))


def _keyword(tag: str) -> Literal:
    return Literal(tag, lang="th" if _THAI_SCRIPT.search(tag) else "en")


class _Mapper:
    """Builds one page's graph; remembers which shared nodes it has already described."""

    def __init__(self, page: CatalogPage) -> None:
        self.page = page
        self.base = page.address.base
        self.document = f"{self.base}{PATHS[TURTLE]}"
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, namespace)
        self.described: set[URIRef] = set()

    def api(self, action: str, identifier: str) -> URIRef:
        """Return the IRI of a thing: the API call that shows it by its id."""
        return URIRef(f"{self.base}/api/3/action/{action}?id={identifier}")

    def first_time(self, node: URIRef) -> bool:
        """Return whether the node is new to the page (shared nodes are described once)."""
        if node in self.described:
            return False
        self.described.add(node)
        return True

    def typed(self, node: URIRef, *classes: URIRef) -> URIRef:
        """Say what a node from a vocabulary is (the shapes' ranges are checked without inference)."""
        if self.first_time(node):
            for cls in classes:
                self.graph.add((node, RDF.type, cls))
        return node

    def concept(self, node: URIRef, label_en: str, scheme: URIRef | None = None) -> URIRef:
        """Describe a concept of a vocabulary with the label the shapes require."""
        if self.first_time(node):
            self.graph.add((node, RDF.type, SKOS.Concept))
            self.graph.add((node, SKOS.prefLabel, Literal(label_en, lang="en")))
            if scheme is not None:
                self.graph.add((node, SKOS.inScheme, scheme))
        return node

    def eu_theme(self, code: str) -> URIRef:
        return self.concept(URIRef(f"{EU}data-theme/{code}"), EU_THEME_LABELS[code], EU_THEMES)

    def group(self, group: Group) -> URIRef:
        return URIRef(f"{self.document}#theme-{group.name}")

    def themes(self) -> URIRef:
        """Describe both theme schemes: the EU data themes and our own five; return our scheme."""
        graph = self.graph
        graph.add((EU_THEMES, RDF.type, SKOS.ConceptScheme))
        graph.add((EU_THEMES, DCTERMS.title, Literal("Data theme", lang="en")))
        scheme = URIRef(f"{self.document}#themes")
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        _texts(graph, scheme, DCTERMS.title, "หมวดหมู่ข้อมูลเปิด", "Open data themes")
        for group in GROUPS:
            node = self.group(group)
            graph.add((node, RDF.type, SKOS.Concept))
            graph.add((node, SKOS.inScheme, scheme))
            graph.add((node, SKOS.notation, Literal(group.name)))
            _texts(graph, node, SKOS.prefLabel, group.title_th, group.title_en)
            _texts(graph, node, SKOS.definition, group.description_th, group.description_en)
            # Each of our themes is narrower than the EU themes it maps to.
            for code in GROUP_EU_THEMES.get(group.name, ()):
                graph.add((node, SKOS.broadMatch, self.eu_theme(code)))
        return scheme

    def agent(self, publisher: Publisher) -> URIRef:
        node = self.api("organization_show", publisher.id)
        if self.first_time(node):
            graph = self.graph
            graph.add((node, RDF.type, FOAF.Agent))
            _texts(graph, node, FOAF.name, publisher.title_th, publisher.title_en)
            graph.add((node, DCTERMS.identifier, Literal(publisher.id)))
            graph.add((node, DCTERMS.type, self.concept(NATIONAL_AUTHORITY, "National authority")))
        return node

    def place(self) -> URIRef:
        if self.first_time(THAILAND):
            self.graph.add((THAILAND, RDF.type, DCTERMS.Location))
            self.graph.add((THAILAND, DCAT.bbox, Literal(THAILAND_BBOX, datatype=GSP.wktLiteral)))
            self.graph.add((THAILAND, DCAT.centroid, Literal(THAILAND_CENTROID, datatype=GSP.wktLiteral)))
        return THAILAND

    def licence(self) -> URIRef:
        licence = self.page.license
        node = URIRef(licence.url)
        if self.first_time(node):
            self.graph.add((node, RDF.type, DCTERMS.LicenseDocument))
            self.graph.add((node, DCTERMS.title, Literal(licence.title, lang="en")))
            self.graph.add((node, DCTERMS.identifier, Literal(licence.id)))
            for kind in LICENCE_TYPES.get(licence.id, ()):
                self.graph.add((node, DCTERMS.type, self.concept(LICENCE_TYPE[kind], LICENCE_TYPE_LABELS[kind])))
        return node

    def contact(self) -> URIRef | None:
        email = self.page.contact_email.strip()
        if not email:
            return None
        node = URIRef(f"{self.document}#contact")
        if self.first_time(node):
            department = self.page.department
            self.graph.add((node, RDF.type, VCARD.Kind))
            self.graph.add((node, RDF.type, VCARD.Organization))
            _texts(self.graph, node, VCARD.fn, department.title_th, department.title_en)
            # Quoted, so an address with a space or a bracket in it cannot break the Turtle.
            self.graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{quote(email, safe='@+')}")))
        return node

    def catalog(self) -> URIRef:
        page, graph = self.page, self.graph
        department = page.department
        node = URIRef(f"{self.document}#catalog")
        graph.add((node, RDF.type, DCAT.Catalog))
        _texts(
            graph,
            node,
            DCTERMS.title,
            f"บัญชีข้อมูลเปิด — {department.title_th}",
            f"Open data catalogue — {department.title_en or department.title_th}",
        )
        _texts(
            graph,
            node,
            DCTERMS.description,
            f"ชุดข้อมูลเปิดที่{department.title_th}และหน่วยงานในสังกัดเผยแพร่ตามมาตรการเปิดเผยข้อมูล: "
            "ทะเบียนการเปิดเผยข้อมูล แผนปฏิบัติการและผลการดำเนินงาน การจัดซื้อจัดจ้าง "
            "สถิติความคิดเห็นและเรื่องร้องเรียน และผลการตรวจเว็บไซต์",
            f"The open datasets {department.title_en or department.title_th} and its units publish under the "
            "disclosure measure: the disclosure register, action plans and their progress, procurement, "
            "opinion and complaint statistics, and website check scores.",
        )
        graph.add((node, DCTERMS.publisher, self.agent(department)))
        homepage = self.typed(URIRef(f"{self.base}/th/opendata/"), FOAF.Document)
        graph.add((node, FOAF.homepage, homepage))
        for language in (THAI, ENGLISH):
            graph.add((node, DCTERMS.language, self.typed(language, DCTERMS.LinguisticSystem)))
        graph.add((node, DCTERMS.license, self.licence()))
        graph.add((node, DCTERMS.spatial, self.place()))
        if page.state.issued is not None:
            graph.add((node, DCTERMS.issued, _timestamp(page.state.issued)))
        if page.state.modified is not None:
            graph.add((node, DCTERMS.modified, _timestamp(page.state.modified)))
        graph.add((node, DCAT.themeTaxonomy, EU_THEMES))
        graph.add((node, DCAT.themeTaxonomy, self.themes()))
        return node

    def dataset(self, entry: DatasetEntry) -> URIRef:
        graph, spec = self.graph, entry.spec
        node = self.api("package_show", entry.id)
        graph.add((node, RDF.type, DCAT.Dataset))
        graph.add((node, DCTERMS.identifier, Literal(entry.id)))
        _texts(graph, node, DCTERMS.title, entry.title_th, entry.title_en)
        _texts(graph, node, DCTERMS.description, entry.notes_th, entry.notes_en)
        graph.add((node, DCTERMS.publisher, self.agent(entry.publisher)))
        contact = self.contact()
        if contact is not None:
            graph.add((node, DCAT.contactPoint, contact))
        for tag in spec.tags:
            graph.add((node, DCAT.keyword, _keyword(tag)))
        group = next((group for group in GROUPS if group.name == spec.group), None)
        if group is not None:
            graph.add((node, DCAT.theme, self.group(group)))
            for code in GROUP_EU_THEMES.get(group.name, ()):
                graph.add((node, DCAT.theme, self.eu_theme(code)))
        if entry.temporal_start is not None or entry.temporal_end is not None:
            period = BNode()
            graph.add((node, DCTERMS.temporal, period))
            graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
            if entry.temporal_start is not None:
                graph.add((period, DCAT.startDate, Literal(entry.temporal_start.isoformat(), datatype=XSD.date)))
            if entry.temporal_end is not None:
                graph.add((period, DCAT.endDate, Literal(entry.temporal_end.isoformat(), datatype=XSD.date)))
        graph.add((node, DCTERMS.issued, _timestamp(entry.created)))
        graph.add((node, DCTERMS.modified, _timestamp(entry.modified)))
        for language in ("th", "en"):
            page = self.typed(URIRef(f"{self.base}{dataset_page_path(entry.name, language)}"), FOAF.Document)
            graph.add((node, DCAT.landingPage, page))
        frequency = FREQUENCIES.get((spec.update_frequency_unit, spec.update_frequency_interval), "UNKNOWN")
        graph.add(
            (node, DCTERMS.accrualPeriodicity, self.typed(URIRef(f"{EU}frequency/{frequency}"), DCTERMS.Frequency))
        )
        graph.add((node, DCTERMS.spatial, self.place()))
        graph.add((node, DCTERMS.language, self.typed(THAI, DCTERMS.LinguisticSystem)))
        graph.add((node, DCTERMS.accessRights, self.typed(PUBLIC, DCTERMS.RightsStatement)))
        for distribution in entry.distributions():
            graph.add((node, DCAT.distribution, self.distribution(entry, distribution)))
        return node

    def distribution(self, entry: DatasetEntry, distribution: Distribution) -> URIRef:
        graph = self.graph
        node = self.api("resource_show", distribution.id)
        url = URIRef(f"{self.base}{distribution.path}")
        graph.add((node, RDF.type, DCAT.Distribution))
        graph.add((node, DCTERMS.identifier, Literal(distribution.id)))
        _texts(graph, node, DCTERMS.title, distribution.title_th, distribution.title_en)
        if distribution.format == OCDS:
            which_th = f"ของเดือน {distribution.month}" if distribution.month else "ทุกรายการ"
            which_en = f"of {distribution.month}" if distribution.month else "of every record"
            thai = f"ผลการจัดซื้อจัดจ้าง{which_th} เป็น release package ตามมาตรฐาน OCDS 1.1 (รวมส่วนขยาย bids)"
            english = f"The procurement records {which_en} as an OCDS 1.1 release package (with the bids extension)."
            graph.add((node, DCTERMS.conformsTo, self.typed(OCDS_PACKAGE_SCHEMA, DCTERMS.Standard)))
        else:
            thai, english = DISTRIBUTION_NOTES[distribution.format]
        _texts(graph, node, DCTERMS.description, thai, english)
        graph.add((node, DCAT.accessURL, url))
        graph.add((node, DCAT.downloadURL, url))
        file_type = URIRef(f"{EU}file-type/{FILE_TYPES[distribution.format]}")
        graph.add((node, DCTERMS.format, self.typed(file_type, DCTERMS.MediaTypeOrExtent)))
        graph.add((node, DCAT.mediaType, self.typed(URIRef(f"{IANA}{distribution.media_type}"), DCTERMS.MediaType)))
        graph.add((node, DCTERMS.license, self.licence()))
        graph.add((node, DCATAP.availability, self.concept(STABLE, "stable")))
        graph.add((node, DCTERMS.issued, _timestamp(entry.created)))
        graph.add((node, DCTERMS.modified, _timestamp(entry.modified)))
        return node

    def view(self, catalog: URIRef) -> None:
        """Describe the paging the way harvesters read it.

        ckanext-dcat 2.1 and later, udata and Hydra clients look for a hydra:PartialCollectionView
        with hydra:next; earlier ckanext-dcat releases look for a hydra:PagedCollection with
        hydra:nextPage. The view is typed and linked both ways so either kind of harvester pages on.
        """
        graph, address, total = self.graph, self.page.address, self.page.state.total
        node = URIRef(address.url(address.number))
        graph.add((catalog, HYDRA.view, node))
        graph.add((node, RDF.type, HYDRA.PartialCollectionView))
        graph.add((node, RDF.type, HYDRA.PagedCollection))
        graph.add((node, HYDRA.totalItems, Literal(total)))
        graph.add((node, HYDRA.itemsPerPage, Literal(address.size)))
        current = {"first": HYDRA.firstPage, "prev": HYDRA.previousPage, "next": HYDRA.nextPage, "last": HYDRA.lastPage}
        latest = {"first": HYDRA.first, "prev": HYDRA.previous, "next": HYDRA.next, "last": HYDRA.last}
        for relation, url in page_links(address, total).items():
            graph.add((node, latest[relation], URIRef(url)))
            graph.add((node, current[relation], URIRef(url)))


def catalog_graph(page: CatalogPage) -> Graph:
    """Return the RDF graph of one page of the catalogue."""
    mapper = _Mapper(page)
    catalog = mapper.catalog()
    for entry in page.datasets:
        mapper.graph.add((catalog, DCAT.dataset, mapper.dataset(entry)))
    mapper.view(catalog)
    return mapper.graph


def catalog_document(page: CatalogPage) -> bytes:
    """Return one page of the catalogue serialized in the page's syntax (UTF-8).

    JSON-LD carries its context inline (the prefixes above), so a client reads it without fetching anything.
    """
    graph = catalog_graph(page)
    if page.address.syntax == JSON_LD:
        return graph.serialize(format="json-ld", context=PREFIXES, auto_compact=True, encoding="utf-8")
    return graph.serialize(format="turtle", encoding="utf-8")
