"""The monitor's pure asyncio engine, with no Django imports.

Modules, each for one concern: ``addresses`` (the private-address guard applied after DNS
resolution), ``urls`` (canonical URLs, same-site scope, crawler-trap defences), ``fetch`` (one HTTP
fetch with timeouts, byte caps, redirects and retries that never raises), ``robots`` (robots.txt
rules), ``politeness`` (per-host concurrency and delay), ``clock`` (the injected time seam),
``crawl`` (one site's crawl, and many sites at once), ``extract`` (text, links and metadata from
HTML, PDF, DOCX and XLSX), ``dates`` (dates in Thai and English text and the best "as of" date) and
``evidence`` (WARC archives of what a check fetched). Everything takes its clock and configuration
as arguments, so it runs in a worker, in the stand-alone self-check command, or in a benchmark
without a database.
"""
