"""factdb settings: one file, driven by the environment.

Everything an operator changes is an environment variable read by the small helpers below;
nothing secret is hard-coded. With no environment at all, factdb runs in development mode on the
embedded SQLite database next to this file's project root.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_noop

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# Off unless asked for: a deployment that forgets DEBUG gets production settings, not a debug
# page. `make` (run, test, …) and the test suite (tests/development.py) ask for DEBUG=1.
DEBUG = env_bool("DEBUG", default=False)

# A fixed development key keeps sessions alive across `make run` restarts; it exists only in
# development, so production must set its own.
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (DEBUG is off unless set: "
            "DEBUG=1 for development, as `make run` and `make test` do)"
        )
    SECRET_KEY = "dev-only-insecure-key-factdb-0123456789-abcdefghijklmnopqrstuvwxyz"

# Any host only in development; production serves the names it is given (loopback by default).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "*" if DEBUG else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "factdb",
    "sources",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "factdb.middleware.TrustedProxyMiddleware",
    "factdb.middleware.LoginThrottleMiddleware",
    "factdb.middleware.RequestSizeLimitMiddleware",
    # A poll with an unchanged ETag, and a claim read with its token, answered here in one
    # statement; everything else goes on down (factdb/api/early_reads.py).
    "factdb.api.early_reads.EarlyReadsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the browser's Accept-Language (or the language cookie); a signed-in
    # user's own choice, saved in the admin, overrides it below (factdb.middleware).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "factdb.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Lets django-simple-history record the acting user on every write made during a request.
    "simple_history.middleware.HistoryRequestMiddleware",
    "factdb.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # gunicorn serves the admin's and Swagger UI's static files itself: no CDN, no extra server.
    # (In development, runserver's staticfiles app does it from the packages directly.)
    MIDDLEWARE.insert(2, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "factdb.urls"
WSGI_APPLICATION = "factdb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

# SQLite is the embedded default; DATABASE_URL=postgres://user:pass@host:5432/name selects
# PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing with "database is locked": a transaction
    # takes the write lock when it begins (IMMEDIATE), so two writers that both read first cannot
    # deadlock (SQLite would fail one at once rather than let it wait), and waits up to 20 s.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, health-checking a kept connection once a second rather than with an
    # extra round trip on every request (factdb/db/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "factdb.db.postgresql"
    # Parameters bound by the server let psycopg prepare a query the fifth time a connection
    # runs it (DATABASE_PREPARED_STATEMENTS, on by default), so PostgreSQL stops re-planning
    # the API's six-join claim query on every request: 2 ms of planning against 0.5 ms of
    # execution. Turn it off behind a pooler in transaction mode (PgBouncer before 1.21),
    # which cannot keep prepared statements across transactions.
    prepare = env_bool("DATABASE_PREPARED_STATEMENTS", True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=prepare, prepare_threshold=5 if prepare else None
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English is the source language; every string a user reads is marked for translation and the
# Spanish catalogue is locale/es/LC_MESSAGES/django.po (`make messages` refreshes it).
LANGUAGES = [("en", "English"), ("es", "Español")]
# The language when nobody asks for one: a browser without Accept-Language, commands' output.
LANGUAGE_CODE = env_str("FACTDB_LANGUAGE", "en")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(f"FACTDB_LANGUAGE must be one of {', '.join(dict(LANGUAGES))}")
LOCALE_PATHS = [BASE_DIR / "locale"]
# "es" writes numbers as Mexico does ("6,000", "2.5"): the newsroom this was built for. A newsroom
# in Spain sets FACTDB_SPANISH_REGION=ES for "6.000" and "2,5" (factdb/formats/es/formats.py,
# claims.figures.formatting). Dates read the same in both: "14 de febrero de 2025".
FACTDB_SPANISH_REGION = env_str("FACTDB_SPANISH_REGION", "MX").upper()
if FACTDB_SPANISH_REGION not in {"MX", "ES"}:
    raise ImproperlyConfigured("FACTDB_SPANISH_REGION must be MX or ES")
# Mexican papers write round thousands in words, "6 mil elementos"; "1,500" stays digits. Off
# (digits, "6,000") unless FACTDB_SPANISH_THOUSANDS=mil; a fact sheet asks with ?thousands=.
FACTDB_SPANISH_THOUSANDS = env_str("FACTDB_SPANISH_THOUSANDS", "digits").lower()
if FACTDB_SPANISH_THOUSANDS not in {"digits", "mil"}:
    raise ImproperlyConfigured("FACTDB_SPANISH_THOUSANDS must be digits or mil")
FORMAT_MODULE_PATH = ["factdb.formats"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

LOGIN_URL = "admin:login"

# Brute-force protection for every login that goes through authenticate(request=…): the admin's
# login form and the API's token endpoint. A username+IP pair is locked out after
# AXES_FAILURE_LIMIT failures for AXES_COOLOFF_TIME hours; a successful login clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend, with permissions read in one query instead of two (factdb/auth.py).
    "factdb.auth.ModelBackend",
]
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_float("AXES_COOLOFF_HOURS", 0.25)
# Locked on the username alone, with a cool-off: keyed on username + address, anyone behind the
# newsroom's proxy (one address) could lock an editor out, and a guesser with many addresses
# would get five tries from each.
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes warns that, locking on the username alone, one address may try many usernames: both logins
# throttle each address (DEFAULT_THROTTLE_RATES["login"], factdb.middleware) for that.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "factdb.middleware.lockout_response"
# Lockouts are still logged; this only silences the banner on every manage.py command.
AXES_VERBOSE = False

# The reverse proxies (their addresses, comma-separated) whose X-Forwarded-For names the client;
# from anyone else the header is ignored (factdb.middleware.TrustedProxyMiddleware), so a client
# cannot pick the address that throttles and login records see.
FACTDB_TRUSTED_PROXIES = env_list("FACTDB_TRUSTED_PROXIES")
# An API token works this many days from when it was made; then the client asks for a new one.
FACTDB_TOKEN_TTL_DAYS = env_float("FACTDB_TOKEN_TTL_DAYS", 30)

# Django 6 default, adopted now: a scheme-less URL typed into a form means https.
FORMS_URLFIELD_ASSUME_HTTPS = True

# Operators may open read-only access to verified claims for anonymous users.
FACTDB_PUBLIC_READ = env_bool("FACTDB_PUBLIC_READ", default=False)
# Where readers find published fact sheets: permalinks, PDF footers and ClaimReview `url`s are
# built on it (e.g. https://facts.example.org); empty: the address the publishing request came to.
FACTDB_PUBLIC_URL = env_str("FACTDB_PUBLIC_URL", "").rstrip("/")
if FACTDB_PUBLIC_URL and not FACTDB_PUBLIC_URL.lower().startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        "FACTDB_PUBLIC_URL must be an http(s) address, e.g. https://facts.example.org"
    )
# The organisation named on fact sheets, and its logo: a local file or a static path (read when a
# sheet is built and embedded in it, so neither a browser nor the PDF renderer fetches it).
FACTDB_ORG_NAME = env_str("FACTDB_ORG_NAME", "factdb newsroom")
FACTDB_ORG_LOGO = env_str("FACTDB_ORG_LOGO", "")
# How long shared caches may keep an anonymous (public) API read before asking again.
FACTDB_PUBLIC_MAX_AGE = env_int("FACTDB_PUBLIC_MAX_AGE", 60)
# Which sources, publishers, claimants and measures an anonymous reader sees: those a visible claim
# cites. Named here so the API plumbing (factdb.api.viewsets) imports no app.
FACTDB_PUBLIC_ROWS = "claims.selectors.cited_by_visible_claims"
# The change stamp (claims/migrations/0015_change_stamps.py): an SQL expression whose value moves
# on with every write to what a claim's answer is read from. Conditional reads digest it into
# their ETags (factdb.api.conditional), so an unchanged poll is answered 304 from one statement.
FACTDB_CHANGE_STAMP = "(SELECT SUM(value) FROM claims_change_stamp)"
# What an import asks of the claims app (sources.services.claims_hook), named here so that
# sources never imports claims: propose claims from a new source, list a text's figures, move
# claims' offsets onto a new snapshot.
FACTDB_INTAKE_CLAIMS = {
    "propose": "claims.services.claims_propose",
    "figures": "claims.extraction.figure_texts",
    "reanchor": "claims.services.claims_reanchor",
}

# "About 6,500" agrees with anything within this fraction of 6,500 when claims are compared.
FACTDB_APPROX_TOLERANCE = env_float("FACTDB_APPROX_TOLERANCE", 0.10)
if not 0 <= FACTDB_APPROX_TOLERANCE < 1:
    raise ImproperlyConfigured("FACTDB_APPROX_TOLERANCE must be at least 0 and below 1, e.g. 0.10")

# The most claims a fact sheet rendered in a web request may hold (claims/factsheets/limits.py):
# a PDF costs about 0.1 s per page, so its cap keeps a request well inside a worker's timeout.
FACTDB_FACTSHEET_MAX_CLAIMS = env_int("FACTDB_FACTSHEET_MAX_CLAIMS", 2000)
FACTDB_FACTSHEET_MAX_PDF_CLAIMS = env_int("FACTDB_FACTSHEET_MAX_PDF_CLAIMS", 250)

# Request-size limits: a claim is small; a source's text snapshot is the largest legitimate body.
FACTDB_MAX_BODY_BYTES = env_int("FACTDB_MAX_BODY_BYTES", 2 * 1024 * 1024)
# Where published fact-sheet versions are kept once rendered (claims/factsheets/render_cache.py);
# empty turns the cache off.
FACTDB_RENDER_CACHE = env_str("FACTDB_RENDER_CACHE", str(BASE_DIR / "var" / "renders"))
DATA_UPLOAD_MAX_MEMORY_SIZE = FACTDB_MAX_BODY_BYTES

# Background work (fetching, reading, proposing claims) runs as tasks: the database backend
# stores them and `manage.py db_worker` processes (as many as the database serves) run them.
# FACTDB_TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend runs them in-process.
TASKS = {
    "default": {
        "BACKEND": env_str("FACTDB_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Fetching URLs people give: public addresses only unless allowed ("1", or CIDRs such as
# "10.1.0.0/16,127.0.0.1/32"), a timeout per connect/read, a size cap and a redirect limit.
FACTDB_FETCH_ALLOW_PRIVATE = env_str("FACTDB_FETCH_ALLOW_PRIVATE", "")
FACTDB_FETCH_TIMEOUT = env_float("FACTDB_FETCH_TIMEOUT", 15.0)
FACTDB_FETCH_MAX_BYTES = env_int("FACTDB_FETCH_MAX_BYTES", 20 * 1024 * 1024)
FACTDB_FETCH_MAX_REDIRECTS = env_int("FACTDB_FETCH_MAX_REDIRECTS", 5)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

REST_FRAMEWORK = {
    # Token first: an anonymous API request then gets 401 with WWW-Authenticate, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "factdb.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # The groups' model permissions, reads included; FACTDB_PUBLIC_READ opens verified claims.
    "DEFAULT_PERMISSION_CLASSES": ["factdb.api.permissions.RolePermissions"],
    # Unknown query parameters first: a misspelt filter is a 400, not the whole database.
    "DEFAULT_FILTER_BACKENDS": [
        "factdb.api.query_params.KnownParametersOnly",
        "factdb.api.filtering.PublicChoicesFilterBackend",
    ],
    "DEFAULT_PAGINATION_CLASS": "factdb.api.pagination.KeysetPagination",
    "DEFAULT_RENDERER_CLASSES": [
        "factdb.api.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "factdb.api.renderers.CSVRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": [
        "factdb.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "factdb.api.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "factdb.api.autoschema.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        # DRF's, with the history packed (factdb/throttling.py).
        "factdb.throttling.AnonRateThrottle",
        "factdb.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("FACTDB_THROTTLE_ANON", "60/minute"),
        "user": env_str("FACTDB_THROTTLE_USER", "1200/minute"),
        # Password tries per client address: token requests and admin logins together.
        "login": env_str("FACTDB_THROTTLE_LOGIN", "10/minute"),
    },
    # The client address is REMOTE_ADDR, which TrustedProxyMiddleware sets from trusted proxies'
    # X-Forwarded-For; DRF's default (NUM_PROXIES unset) would believe the header from anyone.
    "NUM_PROXIES": 0,
}

SPECTACULAR_SETTINGS = {
    # Marked for the catalogue; factdb.schema.in_readers_language writes them in the reader's.
    "TITLE": gettext_noop("factdb API"),
    "DESCRIPTION": gettext_noop(
        "Quantitative claims with quotes, sources, verdicts and verification notes."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Separate request and response components: read-only fields are not asked for as input.
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set, where several models or fields share a field name or a set.
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "claims.models.Status",
        "PublisherKindEnum": "sources.models.PublisherKind",
        "ClaimantKindEnum": "sources.models.ClaimantKind",
        "SourceKindEnum": "sources.models.SourceKind",
    },
    # Every operation's error answers (400, 401, 403, 404, 429; 409/412/413/415/428 on writes).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "factdb.schema.document_errors",
        "factdb.schema.in_readers_language",
    ],
}

# Production hardening, all on when DEBUG is off (`manage.py check --deploy` is clean).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Secure cookies need HTTPS in front; turn off only to try a production build over plain HTTP.
SESSION_COOKIE_SECURE = env_bool("FACTDB_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint logs each rendering step of every PDF export at INFO; its errors still show.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}
