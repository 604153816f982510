"""The reports as files: PDF in the official Thai style and XLSX, built from the stored facts only.

    unit_report_pdf(version, *, language="th") -> bytes
    unit_report_xlsx(version, *, language="th") -> bytes
    overall_report_pdf(report, *, language="th") -> bytes
    overall_report_xlsx(report, *, language="th") -> bytes

Callers load the report with the people it names (select_related) when they care about queries;
frozen reports are rendered once and kept by prongsai.reports.files.report_file.
"""

from .printing import overall_report_html, overall_report_pdf, unit_report_html, unit_report_pdf
from .workbooks import overall_report_xlsx, unit_report_xlsx

__all__ = [
    "overall_report_html",
    "overall_report_pdf",
    "overall_report_xlsx",
    "unit_report_html",
    "unit_report_pdf",
    "unit_report_xlsx",
]
