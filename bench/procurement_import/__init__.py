"""Import a generated 10,000-row สขร.1 workbook and time it (see __main__.py)."""
