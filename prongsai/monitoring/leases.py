"""Host leases: across every worker on every machine, one check at a time crawls a given host.

Politeness is per host (robots.txt's Crawl-delay, our own delay and concurrency), and it only holds
if two workers never crawl the same host at once, as they could when several units' sites share one
host or a national round runs on many workers. The lease is a row keyed by the host, so the
database decides the race; it is renewed by the holder's heartbeat and lapses on its own if the
holder dies.
"""

import datetime as dt

from django.db import IntegrityError, transaction

from .models import HostLease


def host_lease_acquire(*, host: str, holder_id: int, now: dt.datetime, seconds: int) -> bool:
    """Take the host for the check ``holder_id`` until ``now + seconds``; False when another live check holds it."""
    expires_at = now + dt.timedelta(seconds=seconds)
    with transaction.atomic():
        HostLease.objects.filter(host=host, expires_at__lte=now).delete()
        if HostLease.objects.filter(host=host, holder_id=holder_id).update(expires_at=expires_at):
            return True
        try:
            with transaction.atomic():
                HostLease.objects.create(host=host, holder_id=holder_id, expires_at=expires_at)
        except IntegrityError:
            return False
    return True


def host_lease_renew(*, host: str, holder_id: int, now: dt.datetime, seconds: int) -> bool:
    """Extend the holder's lease; False when it lapsed and was taken by another check meanwhile."""
    expires_at = now + dt.timedelta(seconds=seconds)
    return bool(HostLease.objects.filter(host=host, holder_id=holder_id).update(expires_at=expires_at))


def host_lease_release(*, host: str, holder_id: int) -> None:
    """Give the host back (a no-op when the holder no longer holds it)."""
    HostLease.objects.filter(host=host, holder_id=holder_id).delete()


def host_leases_release_all(*, holder_id: int) -> list[str]:
    """Give back every host the check holds (it was reaped: its worker died); return the hosts freed."""
    leases = HostLease.objects.filter(holder_id=holder_id)
    hosts = list(leases.values_list("host", flat=True))
    leases.delete()
    return hosts
