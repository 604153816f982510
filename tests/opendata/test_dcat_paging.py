"""A harvester's walk through a catalogue of 250 datasets (dcat_world.py), 100 a page."""

from typing import Any

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from prongsai.opendata.models import Dataset

from .dcat_world import TOTAL, build_large_catalogue
from .world import OpendataWorld

BASE = "http://testserver"
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
HYDRA = Namespace("http://www.w3.org/ns/hydra/core#")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture
def names(world: OpendataWorld, settings: Any) -> list[str]:
    settings.PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE = 100
    return build_large_catalogue(world)


def landing_name(graph: Graph, dataset: URIRef) -> str:
    """Return a dataset's name from its Thai landing page (…/th/opendata/<name>/)."""
    pages = [str(page) for page in graph.objects(dataset, DCAT.landingPage) if "/th/opendata/" in str(page)]
    assert len(pages) == 1
    return pages[0].removeprefix(f"{BASE}/th/opendata/").removesuffix("/")


def next_page(graph: Graph) -> str | None:
    """Find the next page the way ckanext-dcat does: a PartialCollectionView's hydra:next."""
    for view in graph.subjects(RDF_TYPE, HYDRA.PartialCollectionView):
        for found in graph.objects(view, HYDRA.next):
            return str(found)
    return None


@pytest.mark.parametrize(("start", "syntax"), [("/catalog.ttl", "turtle"), ("/catalog.jsonld", "json-ld")])
def test_following_next_visits_every_dataset_once_in_id_order(
    names: list[str], client: Any, start: str, syntax: str
) -> None:
    assert len(names) == len(set(names)) == TOTAL
    visited: list[str] = []
    identifiers: list[str] = []
    sizes: list[int] = []
    address: str | None = f"{BASE}{start}"
    while address is not None:
        response = client.get(address.removeprefix(BASE))
        assert response.status_code == 200
        graph = Graph().parse(data=response.content, format=syntax)
        datasets = sorted(
            graph.subjects(RDF_TYPE, DCAT.Dataset), key=lambda node: str(graph.value(node, DCT.identifier))
        )
        sizes.append(len(datasets))
        visited.extend(landing_name(graph, dataset) for dataset in datasets)
        identifiers.extend(str(graph.value(dataset, DCT.identifier)) for dataset in datasets)
        view = next(iter(graph.subjects(RDF_TYPE, HYDRA.PartialCollectionView)))
        assert set(graph.objects(view, HYDRA.totalItems)) == {Literal(TOTAL)}
        assert set(graph.objects(view, HYDRA.itemsPerPage)) == {Literal(100)}
        address = next_page(graph)

    assert sizes == [100, 100, 50]
    assert sorted(visited) == sorted(names)
    assert identifiers == sorted(identifiers)  # pages follow one another in id order
    assert identifiers == [str(uuid) for uuid in Dataset.objects.order_by("uuid").values_list("uuid", flat=True)]


def test_the_link_headers_of_each_page(names: list[str], client: Any) -> None:
    page = {number: f"{BASE}/catalog.ttl?page={number}" for number in (1, 2, 3)}

    assert (
        client.get("/catalog.ttl")["Link"]
        == f'<{page[1]}>; rel="first", <{page[2]}>; rel="next", <{page[3]}>; rel="last"'
    )
    assert client.get("/catalog.ttl?page=2")["Link"] == (
        f'<{page[1]}>; rel="first", <{page[1]}>; rel="prev", <{page[3]}>; rel="next", <{page[3]}>; rel="last"'
    )
    assert client.get("/catalog.ttl?page=3")["Link"] == (
        f'<{page[1]}>; rel="first", <{page[2]}>; rel="prev", <{page[3]}>; rel="last"'
    )
    assert client.get("/catalog.ttl?page=4").status_code == 404


@pytest.mark.parametrize("size", [10, 100, 250])
def test_queries_do_not_grow_with_the_page_size(
    names: list[str], client: Any, settings: Any, django_assert_num_queries: Any, size: int
) -> None:
    settings.PRONGSAI_OPENDATA_CATALOG_PAGE_SIZE = size
    with django_assert_num_queries(5):
        response = client.get("/catalog.ttl")

    graph = Graph().parse(data=response.content, format="turtle")
    assert len(set(graph.subjects(RDF_TYPE, DCAT.Dataset))) == size
