"""Benchmark of the monthly procurement summaries (issue 12): a year of สขร.1 files for 100 units. See __main__.py."""
