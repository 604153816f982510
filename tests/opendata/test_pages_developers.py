"""The developers' guide (/th/developers/): examples that work on the server asked, with real names; the reference."""

import re
from html import unescape
from typing import Any

from django.test import Client

from .pages_world import links_of, main_of, section_of, text_of
from .world import OpendataWorld


def code_blocks(html: str) -> list[str]:
    """The text of each <pre><code> block, as a reader copies it."""
    return [unescape(block) for block in re.findall(r"<pre><code>(.*?)</code></pre>", html, re.S)]


def table_rows(html: str) -> list[tuple[str, ...]]:
    return [
        tuple(text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S))
        for row in re.findall(r"<tr>(.*?)</tr>", re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1), re.S)
    ]


def test_curl_and_ckanapi_examples_name_this_server_and_real_datasets(world: OpendataWorld) -> None:
    response = Client().get("/th/developers/")

    assert response.status_code == 200
    assert code_blocks(section_of(response, "curl")) == [
        "curl 'http://testserver/api/3/action/package_list'",
        "curl -G 'http://testserver/api/3/action/package_search' \\\n"
        "  --data-urlencode 'fq=metadata_modified:[2026-04-11T01:00:00Z TO *]' \\\n"
        "  --data-urlencode 'sort=id asc' \\\n"
        "  -d rows=100 -d start=0",
        "curl 'http://testserver/api/3/action/package_show?id=unit-0-procurement-records'",
        "curl -X POST -H 'Content-Type: application/json' \\\n"
        '  -d \'{"id": "unit-0-procurement-records"}\' \\\n'
        "  'http://testserver/api/3/action/package_show'",
        "curl 'http://testserver/api/3/action/organization_show?id=unit-0'",
        "curl 'http://testserver/api/3/action/resource_show?id=unit-0-procurement-records-csv'",
    ]
    (python,) = code_blocks(section_of(response, "python"))
    assert python.splitlines()[:4] == [
        "import ckanapi",
        "",
        'catalogue = ckanapi.RemoteCKAN("http://testserver", user_agent="my-program/1.0")',
        "",
    ]
    assert 'found = catalogue.action.package_search(q="จัดซื้อ", rows=10)' in python
    assert 'dataset = catalogue.action.package_show(id="unit-0-procurement-records")' in python
    assert "except ckanapi.NotFound:" in python
    (harvest,) = code_blocks(section_of(response, "harvest"))
    assert harvest.splitlines()[:6] == [
        'since = "2026-04-11T01:00:00Z"',
        "start = 0",
        "while True:",
        "    page = catalogue.action.package_search(",
        '        fq=f"metadata_modified:[{since} TO *]", sort="id asc", rows=100, start=start',
        "    )",
    ]
    steps = [text_of(step) for step in re.findall(r"<li>(.*?)</li>", section_of(response, "harvest"), re.S)]
    assert steps == [
        "เรียก package_search ด้วย fq=metadata_modified:[T TO *] โดย T คือเวลาที่เก็บเกี่ยวครั้งล่าสุดตามเวลา UTC "
        "(เช่น 2026-04-11T01:00:00Z) พร้อม sort=id asc, rows=100 และ start=0",
        "เรียกอีกครั้งโดยเพิ่ม start ทีละเท่ากับ rows จนได้หน้าว่าง",
        "จำเวลาที่เริ่มเก็บเกี่ยวไว้ใช้ในครั้งต่อไป",
    ]
    assert code_blocks(section_of(response, "ocds")) == [
        "curl 'http://testserver/opendata/ocds/unit-0.json'\n"
        "curl 'http://testserver/opendata/ocds/unit-0/2025-11.json'\n"
        "curl 'http://testserver/opendata/ocds/unit-0/2025-11/1.json'"
    ]
    assert (
        "ocid ทุกตัวขึ้นต้นด้วยคำนำหน้าของเว็บไซต์นี้ คือ ocds-prongsai ตามด้วยหน่วยงาน เดือน และลำดับของรายการในเดือน "
        "เช่น ocds-prongsai-unit-0-2025-11-1"
    ) in text_of(section_of(response, "ocds"))
    assert code_blocks(section_of(response, "downloads")) == [
        "curl -O 'http://testserver/opendata/datasets/unit-0-procurement-records.csv'\n"
        "curl -O 'http://testserver/opendata/datasets/unit-0-procurement-records.json'\n"
        "curl -O 'http://testserver/opendata/datasets/unit-0-procurement-records.xlsx'\n"
    ]
    assert "ไฟล์ CSV เข้ารหัส UTF-8 พร้อม BOM เพื่อให้ Excel แสดงภาษาไทยได้ถูกต้อง" in text_of(section_of(response, "downloads"))
    assert "ชื่อคอลัมน์เป็นภาษาอังกฤษไม่มีช่องว่าง" in text_of(section_of(response, "downloads"))


def test_the_reference_sections(world: OpendataWorld) -> None:
    response = Client().get("/en/developers/")

    api = section_of(response, "api")
    assert [text_of(item) for item in re.findall(r"<li>(.*?)</li>", api)] == [
        "http://testserver/api/3/action/",
        "http://testserver/api/action/",
    ]
    assert "read-only" in text_of(api)
    assert "The API never redirects." in text_of(api)
    assert table_rows(section_of(response, "actions")) == [
        ("package_list", "The names of every dataset (limit, offset)."),
        (
            "package_search",
            "Datasets with all their metadata, found by q and fq, paged with rows and start, "
            "sorted by sort, with facets.",
        ),
        ("package_show", "One dataset with its resources (id: its name or id)."),
        ("organization_list", "The department and its units."),
        ("organization_show", "One organization (id: its name or id)."),
        ("group_list", "The five themes datasets are grouped under."),
        ("tag_list", "The keywords of the datasets."),
        ("resource_show", "One download of a dataset (id: the dataset's name and the format, e.g. -csv)."),
        ("status_show", "The API's version and state."),
        ("help_show", "The documentation of an action (name)."),
    ]
    assert [(kind, status) for kind, status, _when in table_rows(section_of(response, "errors"))] == [
        ("Not Found Error", "404"),
        ("Validation Error", "409"),
        ("Search Query Error", "409"),
        ("Authorization Error", "403"),
        ("Bad Request", "400"),
    ]
    assert code_blocks(section_of(response, "errors")) == [
        '{"help": "http://testserver/api/3/action/help_show?name=package_show",\n'
        ' "success": false,\n'
        ' "error": {"__type": "Not Found Error", "message": "…"}}'
    ]
    assert links_of(section_of(response, "dcat")) == [
        ("http://testserver/catalog.ttl", "http://testserver/catalog.ttl"),
        ("http://testserver/catalog.jsonld", "http://testserver/catalog.jsonld"),
    ]
    assert "in Turtle and in JSON-LD, 100 datasets a page. Add ?page=2" in text_of(section_of(response, "dcat"))
    assert code_blocks(section_of(response, "dcat")) == ["curl 'http://testserver/catalog.ttl?page=2'"]
    assert links_of(section_of(response, "openapi")) == [
        ("http://testserver/api/openapi.json", "http://testserver/api/openapi.json")
    ]
    assert links_of(section_of(response, "license")) == [
        ("https://creativecommons.org/licenses/by/4.0/", "Creative Commons Attribution 4.0")
    ]
    limits = [text_of(item) for item in re.findall(r"<li>(.*?)</li>", section_of(response, "limits"))]
    assert limits[0] == (
        "package_search returns 10 datasets unless rows says otherwise, and at most 1000 at a time; page with start."
    )
    toc = re.search(r'<nav class="toc".*?</nav>', main_of(response), re.S).group(0)
    anchors = [href for href, _text in links_of(toc)]
    assert anchors == [
        "#api", "#actions", "#curl", "#python", "#harvest", "#dcat", "#ocds", "#downloads", "#openapi", "#license",
        "#errors", "#limits",
    ]  # fmt: skip
    assert all(f'id="{anchor[1:]}"' in main_of(response) for anchor in anchors)


def test_examples_follow_the_address_asked_and_the_settings(world: OpendataWorld, settings: Any) -> None:
    settings.ALLOWED_HOSTS = ["data.example.go.th"]
    settings.PRONGSAI_OCDS_OCID_PREFIX = "ocds-a1b2c3"
    settings.PRONGSAI_OPENDATA_LICENSE = "CC0-1.0"
    settings.PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE = 50

    response = Client(HTTP_HOST="data.example.go.th").get("/en/developers/", secure=True)

    assert code_blocks(section_of(response, "curl"))[0] == "curl 'https://data.example.go.th/api/3/action/package_list'"
    assert "e.g. ocds-a1b2c3-unit-0-2025-11-1." in text_of(section_of(response, "ocds"))
    assert links_of(section_of(response, "license")) == [
        ("https://creativecommons.org/publicdomain/zero/1.0/", "Creative Commons CCZero 1.0")
    ]
    assert "50 datasets a page" in text_of(section_of(response, "dcat"))


def test_an_empty_catalogue_gets_placeholders(db: Any) -> None:
    response = Client().get("/en/developers/")

    curl = code_blocks(section_of(response, "curl"))
    assert curl[1].splitlines()[1] == "  --data-urlencode 'fq=metadata_modified:[YYYY-MM-DDTHH:MM:SSZ TO *]' \\"
    assert curl[2] == "curl 'http://testserver/api/3/action/package_show?id=DATASET-NAME'"
    assert curl[4] == "curl 'http://testserver/api/3/action/organization_show?id=ORGANIZATION-NAME'"
    assert code_blocks(section_of(response, "ocds"))[0].splitlines()[1] == (
        "curl 'http://testserver/opendata/ocds/UNIT/YYYY-MM.json'"
    )


def test_without_published_procurement_the_first_dataset_is_the_example(world: OpendataWorld) -> None:
    from prongsai.opendata.models import Dataset

    Dataset.objects.filter(kind="procurement-records").delete()

    response = Client().get("/en/developers/")

    assert (
        code_blocks(section_of(response, "curl"))[2]
        == "curl 'http://testserver/api/3/action/package_show?id=ops-action-plans'"
    )
    assert (
        code_blocks(section_of(response, "ocds"))[0].splitlines()[0]
        == "curl 'http://testserver/opendata/ocds/UNIT.json'"
    )


def test_the_guide_costs_two_queries(world: OpendataWorld, django_assert_num_queries: Any) -> None:
    # The catalogue's state (ETag); the example dataset with its organization.
    with django_assert_num_queries(2):
        response = Client().get("/th/developers/")
    assert response.status_code == 200
    crumbs = re.search(r'<nav class="crumbs".*?</nav>', response.content.decode(), re.S).group(0)
    assert links_of(crumbs) == [("/th/", "หน้าแรก"), ("/th/opendata/", "ข้อมูลเปิด")]
    assert 'aria-current="page">สำหรับนักพัฒนา</span>' in crumbs
