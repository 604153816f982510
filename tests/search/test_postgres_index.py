"""On PostgreSQL the search's substring match is answered by the trigram GIN index."""

from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from prongsai.publication.models import SearchDocument
from prongsai.publication.searchtext import fold
from prongsai.publication.selectors import _matching

pytestmark = pytest.mark.postgres


def test_pg_trgm_and_the_index_exist(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchall() == [("pg_trgm",)]
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'publication_searchdocument_folded_trgm'")
        (definition,) = cursor.fetchone() or ("",)
    assert "USING gin (folded gin_trgm_ops)" in definition


def test_the_search_query_uses_the_trigram_index(portal: Any) -> None:
    organization = portal.units["fiscal"]
    now = timezone.now()
    rows = [
        SearchDocument(
            organization=organization,
            language="th",
            kind="content",
            rank=2,
            unit_order="1",
            position=n,
            title=f"แถว {n}",
            text=f"ข้อความทดสอบลำดับที่ {n} เรื่องงบประมาณรายจ่ายประจำปี",
            folded=fold(f"ข้อความทดสอบลำดับที่ {n} เรื่องงบประมาณรายจ่ายประจำปี"),
            updated_at=now,
        )
        for n in range(20000)
    ]
    SearchDocument.objects.bulk_create(rows, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE publication_searchdocument")

    plan = _matching(SearchDocument.objects.filter(language="th"), fold("ลำดับที่ 1234")).explain()

    assert "publication_searchdocument_folded_trgm" in plan
