"""`manage.py demo_sites`: serve the demo units' own websites at PRONGSAI_DEMO_SITES_URL until stopped."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from prongsai.demo.sites import DemoSites, demo_sites_server, demo_sites_url


class Command(BaseCommand):
    help = "Serve the demo units' websites (built from the register) so the website monitor has sites to check."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            server = demo_sites_server(DemoSites())
        except OSError as exc:
            raise CommandError(
                f"ไม่สามารถเปิดเว็บไซต์สาธิตที่ {demo_sites_url()} / cannot serve the demo sites at {demo_sites_url()}: {exc}"
            ) from exc
        self.stdout.write(f"Demo unit websites: {demo_sites_url()}<slug>/ (Ctrl-C stops)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
