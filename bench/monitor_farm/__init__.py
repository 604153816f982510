"""A farm of generated unit websites with an answer key, served on loopback, to measure the website monitor.

`generate` writes the sites and the key, `serve` puts every site on its own loopback host, `scrapy_baseline`
crawls the same farm with Scrapy for the throughput baseline, and `score` compares a monitor's findings
with the key. Benchmarks and tests use it; the monitor's classifier must never be tuned to its wording.
"""
