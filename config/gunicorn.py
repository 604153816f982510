"""Gunicorn settings for production (and the portal load bench, which runs exactly these).

    DJANGO_SETTINGS_MODULE=config.settings.production gunicorn -c config/gunicorn.py config.wsgi

Every value can be changed through the environment (read with the same typed accessors as the
Django settings, so a malformed value stops start-up with the variable's name):

| variable | default | meaning |
|---|---|---|
| PRONGSAI_WEB_BIND | 127.0.0.1:8000 | address to listen on (a TLS-terminating proxy sits in front) |
| PRONGSAI_WEB_WORKERS | 2 × cores + 1 | worker processes; see `workers_for` |
| PRONGSAI_WEB_WORKER_CLASS | sync | `sync` behind a buffering proxy; `gthread` to keep connections alive |
| PRONGSAI_WEB_THREADS | 1 | threads per worker (gthread only) |
| PRONGSAI_WEB_TIMEOUT | 30 | seconds a worker may spend on one request before it is restarted |
| PRONGSAI_WEB_GRACEFUL_TIMEOUT | 30 | seconds a worker gets to finish its requests on restart or stop |
| PRONGSAI_WEB_KEEPALIVE | 5 | seconds an idle kept-alive connection stays open (gthread) |
| PRONGSAI_WEB_MAX_REQUESTS | 0 | restart a worker after this many requests (0: never) |
| PRONGSAI_WEB_ACCESS_LOG | (off) | `-` for standard output, or a file path |
| PRONGSAI_WEB_ERROR_LOG | - | standard error, or a file path |
| PRONGSAI_WEB_CONTROL_SOCKET | (off) | path of gunicorn's control socket for `gunicornc` |

The control socket is off unless named: gunicorn's default path is per user, so two instances on
one host (a second site, or the bench beside a running server) would otherwise fight over it.
"""

import os

from config.settings.environment import env_int, env_str


def workers_for(cores: int) -> int:
    """Return the number of sync workers for a machine with `cores` usable cores: 2 × cores + 1.

    A portal request spends part of its time waiting on PostgreSQL (the edition read, or a whole
    page's queries on a cache miss); one worker more than twice the cores keeps every core busy
    through those waits without so many processes that they fight over the caches.
    """
    return 2 * max(cores, 1) + 1


def usable_cores() -> int:
    """Return the cores this process may run on (its CPU affinity, not the machine's total)."""
    return os.process_cpu_count() or 1


bind = [env_str("PRONGSAI_WEB_BIND", "127.0.0.1:8000")]
workers = env_int("PRONGSAI_WEB_WORKERS", 0) or workers_for(usable_cores())
worker_class = env_str("PRONGSAI_WEB_WORKER_CLASS", "sync")
threads = env_int("PRONGSAI_WEB_THREADS", 1)
timeout = env_int("PRONGSAI_WEB_TIMEOUT", 30)
graceful_timeout = env_int("PRONGSAI_WEB_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("PRONGSAI_WEB_KEEPALIVE", 5)
max_requests = env_int("PRONGSAI_WEB_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
accesslog = env_str("PRONGSAI_WEB_ACCESS_LOG", "") or None
errorlog = env_str("PRONGSAI_WEB_ERROR_LOG", "-")
_control_socket = env_str("PRONGSAI_WEB_CONTROL_SOCKET", "")
control_socket_disable = not _control_socket
if _control_socket:
    control_socket = _control_socket
wsgi_app = "config.wsgi:application"
