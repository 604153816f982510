"""Local development and the embedded demo: debug on, a throwaway secret, console e-mail."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS
from .environment import env_bool, env_str

# The demo builder and its sample websites are for development and tests only; production never loads them.
INSTALLED_APPS = [*INSTALLED_APPS, "prongsai.demo"]

DEBUG = env_bool("PRONGSAI_DEBUG", True)
SECRET_KEY = env_str("PRONGSAI_SECRET_KEY", "dev-only-insecure-key-never-use-in-production")
PRONGSAI_AUDIT_KEY = env_str("PRONGSAI_AUDIT_KEY", "dev-only-insecure-audit-key-never-use-in-production")
# The demo units' websites are served on this machine, so the monitor may fetch loopback addresses.
PRONGSAI_MONITOR_ALLOW_PRIVATE = env_bool("PRONGSAI_MONITOR_ALLOW_PRIVATE", True)
