"""Settings for the portal load bench: production's, with a URLconf that adds a bare "hello" view.

Everything else (middleware, caches, database, security checks) is production's, so the hello view
and the portal pages pass through the same stack in the same server.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench.portal_urls"
