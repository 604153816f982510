"""The monitor's pure asyncio engine: fetching, extraction, dates and classification, with no Django imports.

Everything here takes its clock and configuration as arguments so it can run in a worker, in the
stand-alone self-check command, or in a benchmark without a database.
"""
