"""The monitor's pure asyncio engine: a safe, polite fetcher and crawler (no Django imports).

Modules, each for one concern: ``addresses`` (the private-address guard
applied after DNS resolution), ``urls`` (canonical URLs, same-site scope,
crawler-trap defences), ``fetch`` (one HTTP fetch with timeouts, byte caps,
redirects and retries that never raises), ``robots`` (robots.txt rules),
``politeness`` (per-host concurrency and delay), ``clock`` (the injected
time seam) and ``crawl`` (one site's crawl, and many sites at once).
"""
