"""Production: every unsafe default is refused at start-up.

Required: PRONGSAI_SECRET_KEY (50+ characters, not a development value), PRONGSAI_AUDIT_KEY (32+
random characters, not a development value, not the secret key), PRONGSAI_ALLOWED_HOSTS,
DATABASE_URL. PRONGSAI_DEBUG must be off. HTTPS is assumed (HSTS, secure cookies); put the
application behind a TLS-terminating proxy that sets X-Forwarded-Proto.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, PRONGSAI_AUDIT_KEY, SECRET_KEY
from .environment import env_bool, env_int, env_str

if DEBUG:
    raise ImproperlyConfigured("PRONGSAI_DEBUG must be off in production.")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or "insecure" in SECRET_KEY or SECRET_KEY.startswith("dev"):
    raise ImproperlyConfigured(
        "PRONGSAI_SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
if (
    len(PRONGSAI_AUDIT_KEY) < 32
    or len(set(PRONGSAI_AUDIT_KEY)) < 10
    or any(marker in PRONGSAI_AUDIT_KEY.lower() for marker in ("insecure", "dev-only", "test-only", "change-me"))
    or PRONGSAI_AUDIT_KEY == SECRET_KEY
):
    # The key is what makes the trail impossible to rewrite from the database alone: a guessable
    # or published key, or one that leaks with the secret key, would make it decorative.
    raise ImproperlyConfigured(
        "PRONGSAI_AUDIT_KEY must be set to a random value of at least 32 characters in production, "
        "different from PRONGSAI_SECRET_KEY and kept outside the database (it signs the audit trail; "
        "keep it safe and never change it)."
    )
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured("PRONGSAI_ALLOWED_HOSTS must list this site's host names in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("PRONGSAI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("PRONGSAI_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("PRONGSAI_HSTS_PRELOAD", True)
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# Mail goes out over SMTP (PRONGSAI_SMTP_HOST, PRONGSAI_SMTP_PORT, PRONGSAI_SMTP_USER, PRONGSAI_SMTP_PASSWORD).
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env_str("PRONGSAI_SMTP_HOST", "localhost"),
            "port": env_int("PRONGSAI_SMTP_PORT", 587),
            "username": env_str("PRONGSAI_SMTP_USER", ""),
            "password": env_str("PRONGSAI_SMTP_PASSWORD", ""),
            "use_tls": env_bool("PRONGSAI_SMTP_TLS", True),
        },
    }
}
