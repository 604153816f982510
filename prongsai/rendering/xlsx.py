"""Write an openpyxl workbook as byte-stable XLSX bytes.

openpyxl stamps the save time into the package twice: the document's modified property and each
zip member's date. Both are replaced by the time the report's facts were taken, and the members
are written in the same order with the same compression, so the same report gives the same bytes.
"""

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook

__all__ = ["workbook_bytes"]

_MODIFIED = re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>")
_CREATED = re.compile(rb"<dcterms:created([^>]*)>[^<]*</dcterms:created>")


def workbook_bytes(workbook: Workbook, *, stamped: dt.datetime) -> bytes:
    """Save the workbook and return its bytes with every timestamp set to `stamped` (naive UTC or aware)."""
    if stamped.tzinfo is not None:
        stamped = stamped.astimezone(dt.UTC).replace(tzinfo=None)
    stamped = stamped.replace(microsecond=0)
    workbook.properties.creator = "Prongsai"
    workbook.properties.lastModifiedBy = "Prongsai"
    workbook.properties.created = stamped
    raw = io.BytesIO()
    workbook.save(raw)
    iso = stamped.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    # Zip member times are local wall-clock fields with two-second precision, from 1980 on.
    member_time = max(stamped, dt.datetime(1980, 1, 1)).timetuple()[:6]
    stable = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(stable, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"<dcterms:modified\1>" + iso + b"</dcterms:modified>", data)
                data = _CREATED.sub(rb"<dcterms:created\1>" + iso + b"</dcterms:created>", data)
            info = zipfile.ZipInfo(member.filename, date_time=member_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, data)
    return stable.getvalue()
