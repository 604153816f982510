"""National-scale benchmark of the reporting rounds (issue 11): a data generator and a timing harness.

    .venv/bin/python -m bench.national run --database-url postgres://postgres@127.0.0.1:5432/bench_national

See bench/README.md ("national/") for what is generated and measured.
"""
