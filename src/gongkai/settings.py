"""gongkai settings: one file, read from the environment, safe defaults.

Variables (see README.md): DATABASE_URL, GONGKAI_DATA_DIR, GONGKAI_SECRET_KEY (or
GONGKAI_SECRET_KEY_FILE), GONGKAI_DEBUG, GONGKAI_ALLOWED_HOSTS, GONGKAI_CSRF_TRUSTED_ORIGINS,
GONGKAI_HTTPS, GONGKAI_LOG_LEVEL.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from gongkai.core.env import (
    data_dir,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
    stored_secret_key,
)

# Generic admin/queryset classes (ModelAdmin[Agency]) at runtime, as django-stubs expects.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent

DATA_DIR = data_dir("GONGKAI_DATA_DIR", "./var")
MEDIA_ROOT = DATA_DIR / "files"
DOCUMENTS_ROOT = DATA_DIR / "documents"
STATIC_ROOT = DATA_DIR / "static"
for _directory in (MEDIA_ROOT, DOCUMENTS_ROOT, STATIC_ROOT):
    _directory.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/files/"
STATIC_URL = "/static/"

DEBUG = env_bool("GONGKAI_DEBUG", default=False)
SECRET_KEY = env_secret("GONGKAI_SECRET_KEY") or stored_secret_key(DATA_DIR)
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])


def _database(url: str) -> dict[str, object]:
    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
        raise ImproperlyConfigured(
            f"DATABASE_URL={url.split('@')[-1]!r} is not supported: use sqlite:///PATH or "
            "postgres://USER:PASSWORD@HOST:PORT/NAME（环境变量 DATABASE_URL 无效）"
        )
    try:
        config = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL cannot be parsed ({exc})（环境变量 DATABASE_URL 无法解析）"
        ) from None
    if not config.get("NAME"):
        raise ImproperlyConfigured(
            "DATABASE_URL names no database（环境变量 DATABASE_URL 未指明数据库名）"
        )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


DATABASES = {
    "default": _database(env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'gongkai.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

#: Services that keep dates counted on the holiday calendar outside ``workdays.Deadline`` (a
#: 复议 answer, a 诉讼 defence in calendar days, a concern's reply): each is called, by dotted
#: path, in the transaction of every change of the calendar (a notice imported or edited), with
#: the new calendar, and returns how many dates moved (gongkai.workdays.services).
# regulations.md §3 [U]: a 收费通知 stops the answer clock until payment (unverified; default on).
GONGKAI_FEE_NOTICE_PAUSES_REPLY = env_bool("GONGKAI_FEE_NOTICE_PAUSES_REPLY", default=True)

GONGKAI_CALENDAR_DEPENDENTS = [
    "gongkai.appeals.services.appeals_recompute_due",
    "gongkai.inquiries.services.inquiries_recompute_due",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "gongkai.core",
    "gongkai.audit",
    "gongkai.agencies",
    "gongkai.workdays",
    "gongkai.applications",
    "gongkai.publishing",
    "gongkai.appeals",
    "gongkai.inquiries",
    "gongkai.annual",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# HTTPS hardening: on when the deployment terminates TLS (GONGKAI_HTTPS=1).
HTTPS = env_bool("GONGKAI_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("GONGKAI_HSTS_PRELOAD", default=HTTPS)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("GONGKAI_LOG_LEVEL", "WARNING")},
}
