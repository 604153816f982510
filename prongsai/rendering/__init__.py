"""Turning a report into files: the PDF through headless Chromium (pdf.py), byte-stable XLSX (xlsx.py)."""
