"""Settings shared by every environment. Environment-specific modules import from here."""

import os

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from config.paths import BASE_DIR

SITE_DIR = BASE_DIR / "site"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# Where people reach this site: links in emails and documents, and (in development) the registry
# mocks it serves. `make run HOST=…` sets it.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h]

INSTALLED_APPS = [
    # Our apps first, so their templates and static files win.
    "themes",
    "pages",
    "forms_app",
    "casework",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_q",
    "ninja",  # serves the API docs' scripts from here, not from a CDN
    "axes",
    "csp",
]

# Where the JSON API lives: its answers are JSON (errors too), and no theme is looked up for it.
API_PATH_PREFIX = "/api/"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # {% csp_nonce %} in templates rendered without a request (Wagtail's admin widgets).
    "pages.csp.CurrentRequestMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # Errors under /api/ (a 405, an unknown address, a server error) answer JSON too.
    "forms_app.middleware.JsonErrorsMiddleware",
    # While the database can't be reached: 503 with Retry-After on every path, not an HTML 500
    # (outside everything that reads the database: sessions, the Site, the page cache).
    "pages.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # After CSRF (a cached page gets a fresh token) and before everything that depends on the
    # person: a cache hit for a visitor without a session skips the rest.
    "pages.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # After auth: the active theme depends on the request's Wagtail Site.
    "themes.middleware.ActiveThemeMiddleware",
    # Last: turns a locked-out log-in into its answer.
    "axes.middleware.AxesMiddleware",
]

# Log-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is locked out for AXES_COOLOFF_TIME hours, the right password
# included; `manage.py axes_reset_username NAME` lifts it sooner.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "forms_app.ratelimit.client_ip"
AXES_LOCKOUT_TEMPLATE = "pages/login_locked_out.html"

# Content-Security-Policy (django-csp): scripts, frames and everything else from this site only;
# an inline script runs only with the response's nonce (Wagtail's admin widgets and panels that
# have one are overridden in site/pages/templates/wagtailadmin/). Styles may be inline: Wagtail's
# admin sets style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],  # the admin's preview
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}
# Permissions-Policy (django-permissions-policy): no page of this site uses these.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# No avatars from gravatar.com: the admin asks no third party about its users.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            # The theme loader looks in the active theme's folder first; app templates follow.
            "loaders": [
                (
                    "themes.loaders.CachedLoader",
                    [
                        "themes.loaders.ThemeLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "themes.context_processors.theme",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: SQLite on a laptop, PostgreSQL via DATABASE_URL everywhere else.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so concurrent submissions queue
    # instead of failing with "database is locked" when a read is upgraded to a write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# While the database can't be reached, every request answers 503 with this Retry-After (seconds).
DATABASE_UNAVAILABLE_RETRY_AFTER = int(os.environ.get("DATABASE_UNAVAILABLE_RETRY_AFTER", "30"))

# Caches: local memory unless Redis is configured (shared by every worker and web process).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and os.environ.get("CACHE_BACKEND", "redis") == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "emuraciet",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Azerbaijani first (the default), then Russian and English.
LANGUAGE_CODE = "az"
LANGUAGES = [("az", "Azərbaycanca"), ("ru", "Русский"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The project's own catalogue (`make messages` updates it), then what completes the catalogues of
# Wagtail and the other libraries the admin shows (kept apart: makemessages never touches it).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_libraries"]
TIME_ZONE = "Asia/Baku"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "themes.finders.ThemeFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Receipts and decision letters: personal, so never under MEDIA_URL; served only by views
    # that check who asks. On several hosts, shared storage (see docs/deployment.md).
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": os.environ.get("DOCUMENTS_ROOT", str(BASE_DIR / "var" / "documents")),
            "base_url": None,
        },
    },
}

# Wagtail
WAGTAIL_SITE_NAME = "e-Müraciət"
# Staff avatars are never fetched from gravatar.com: nothing leaves for a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_URL)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv"]
# The editor posts every setting of every StreamField block as its own field: the demo
# declaration alone sends ~1,200, over Django's default 1,000, so saving it would fail with 400.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: printed to the console unless an SMTP host is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "outbox" / "email"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "e-muraciet@localhost")

# django-q2: the ORM broker needs nothing installed; Q_BROKER=redis uses REDIS_URL.
Q_CLUSTER = {
    "name": "emuraciet",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": int(os.environ.get("Q_TIMEOUT", "120")),
    # A task not acknowledged within `retry` seconds is handed to another worker.
    "retry": int(os.environ.get("Q_RETRY", "180")),
    "max_attempts": 5,
    # A worker is replaced after this many tasks (q2's guard against slow leaks). A new worker
    # builds its caches again (the rules' OpenFisca system, the fonts, the published service):
    # q2's default of 500 replaced each worker every few hundred applications under load.
    "recycle": int(os.environ.get("Q_RECYCLE", "5000")),
    "catch_up": False,
    # Successful tasks are not kept (-1): the cases and their audit trail record what was done,
    # and q2's pruning of kept successes locks and reads all of them on every task (django-q2
    # 1.11 monitor.save_task), which cost more than the task itself under load. Failures are
    # always kept. Q_SAVE_LIMIT=N keeps the last N successes instead.
    "save_limit": int(os.environ.get("Q_SAVE_LIMIT", "-1")),
    "label": "Task queue",
}
if os.environ.get("Q_BROKER", "orm") == "redis":
    Q_CLUSTER["redis"] = REDIS_URL or "redis://127.0.0.1:6379/0"
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = float(os.environ.get("Q_POLL", "0.5"))

# e-Müraciət's own settings: data, not magic numbers in code.
CASEWORK = {
    # A decision is due this many working days (Azerbaijani calendar) after the day of submission.
    "DECISION_WORKING_DAYS": 15,
    # Each process keeps the due dates it worked out for this many seconds (casework/calendar.py);
    # a day entered in the admin counts at once in the process that saved it.
    "CALENDAR_CACHE_SECONDS": int(os.environ.get("CALENDAR_CACHE_SECONDS", "60")),
    # Notices: tries before a notice counts as failed, the first wait (doubling each time), and
    # how long a send may take before the sweeper takes it as abandoned (the worker died).
    "NOTICE_MAX_ATTEMPTS": 6,
    "NOTICE_BACKOFF_SECONDS": 30,
    "NOTICE_SENDING_STALE_MINUTES": int(os.environ.get("NOTICE_SENDING_STALE_MINUTES", "5")),
    # The case's caseworker is warned this many working days before the due date.
    "WARN_WORKING_DAYS_BEFORE_DUE": 3,
    # The sweeper runs this often (minutes). It enqueues each case whose task never reached the
    # queue (the broker failed just after the commit) once it is UNQUEUED_CASE_AFTER_MINUTES
    # old, and each case idle (neither moved on nor enqueued) longer than
    # STUCK_CASE_AFTER_MINUTES: its worker died and q2's own redelivery (Q_RETRY) did not help.
    # A case whose task merely waits in the queue is left alone. STUCK_CASE_AFTER_MINUTES must
    # exceed Q_RETRY + Q_TIMEOUT (checked: casework.E001).
    "SWEEP_EVERY_MINUTES": int(os.environ.get("SWEEP_EVERY_MINUTES", "1")),
    "UNQUEUED_CASE_AFTER_MINUTES": int(os.environ.get("UNQUEUED_CASE_AFTER_MINUTES", "1")),
    "STUCK_CASE_AFTER_MINUTES": int(os.environ.get("STUCK_CASE_AFTER_MINUTES", "10")),
    # The task queue's pulse (casework/liveness.py): each cluster notes its progress at most
    # every WORKER_BEAT_SECONDS; a cluster that finished nothing for WORKER_STALLED_AFTER_SECONDS
    # while tasks wait is wedged (`manage.py runworker` restarts it; /healthz/worker answers
    # 503). runworker looks every WORKER_POLL_SECONDS and enqueues a heartbeat task whenever
    # the queue is empty, at most every WORKER_HEARTBEAT_SECONDS. WORKER_STALLED_AFTER_SECONDS
    # must exceed Q_TIMEOUT + WORKER_HEARTBEAT_SECONDS (a long task is not a wedge; checked:
    # casework.E003).
    "WORKER_BEAT_SECONDS": float(os.environ.get("WORKER_BEAT_SECONDS", "5")),
    "WORKER_STALLED_AFTER_SECONDS": int(
        os.environ.get("WORKER_STALLED_AFTER_SECONDS", str(Q_CLUSTER["timeout"] + 60))
    ),
    "WORKER_POLL_SECONDS": float(os.environ.get("WORKER_POLL_SECONDS", "5")),
    # A cluster none of whose workers started within this is restarted too.
    "WORKER_START_SECONDS": int(os.environ.get("WORKER_START_SECONDS", "120")),
    "WORKER_HEARTBEAT_SECONDS": int(os.environ.get("WORKER_HEARTBEAT_SECONDS", "30")),
    # A task that meets a database blip (a restart, a failover) closes the broken connection
    # and runs again, waiting FIRST_WAIT seconds, doubling up to MAX_WAIT, for up to SECONDS
    # (less than Q_TIMEOUT, checked: casework.E002); then it fails and q2 records it.
    "TASK_DATABASE_RETRY": {
        "SECONDS": int(os.environ.get("TASK_DATABASE_RETRY_SECONDS", "30")),
        "FIRST_WAIT": 0.5,
        "MAX_WAIT": 5,
    },
    # Where the registries are reached; each registry's URL is this + its code (editable later in
    # the admin). In development, the mocks served by this same site.
    "REGISTRY_GATEWAY_URL": os.environ.get("REGISTRY_GATEWAY_URL", f"{SITE_URL}/registry-mocks/"),
    "REGISTRY_API_KEY": os.environ.get("REGISTRY_API_KEY", "dev-key"),
    # Batch mode: the worker running a case's task takes up to BATCH_CASES received cases along,
    # with shared registry calls and one simulation (throughput under a burst of applications).
    "ENRICH_IN_BATCHES": os.environ.get("ENRICH_IN_BATCHES", "") == "1",
    "BATCH_CASES": int(os.environ.get("BATCH_CASES", "200")),
    # ... and waits until its own case is this old, unless a whole batch is waiting, so cases
    # arriving one by one are still decided many at a time (pipeline._gather).
    "BATCH_GATHER_SECONDS": float(os.environ.get("BATCH_GATHER_SECONDS", "3")),
    # A batch's decided cases are finished (letter, notices, closing) by tasks of this many cases
    # each: shared among the workers, each well within a task's time-out.
    "FINISH_CASES": int(os.environ.get("FINISH_CASES", "20")),
    # The declaration's answers (a member's status) that say the person cares for a disabled
    # person or a young child: a valid reason not to work while the family has such a person.
    "CARER_STATUSES": ["carer"],
    # A required registry that does not answer: the case waits and is asked again, after this many
    # seconds at first, then twice as long each time up to the maximum, and goes to a caseworker
    # only when the registry stays unreachable this many hours (0: at once).
    "REGISTRY_RETRY_FIRST_SECONDS": int(os.environ.get("REGISTRY_RETRY_FIRST_SECONDS", "60")),
    "REGISTRY_RETRY_MAX_SECONDS": 15 * 60,
    "REGISTRY_WAIT_HOURS": float(os.environ.get("REGISTRY_WAIT_HOURS", "24")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # httpx logs every request at INFO: the RegistryLookup rows already record them.
    # numexpr (under OpenFisca) announces its thread count at start-up.
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "httpx": {"level": "WARNING"},
        "numexpr": {"level": "WARNING"},
    },
}

SESSION_COOKIE_AGE = 60 * 60 * 8
# What a visitor sees in the language menu and on the site's pages.
SITE_TITLE = _("e-Müraciət")

# What decision letters say of who issues them and how to appeal: data a ministry sets.
DOCUMENTS = {
    "ISSUER": {
        "az": "Azərbaycan Respublikasının Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi",
        "ru": "Министерство труда и социальной защиты населения Азербайджанской Республики",
        "en": (
            "Ministry of Labour and Social Protection of Population of the Republic of Azerbaijan"
        ),
    },
    "APPEAL": {
        "DAYS": 30,
        "WHERE": {
            "az": "e-sosial.az, 142 Çağrı Mərkəzi və ya yazılı müraciətlə",
            "ru": "e-sosial.az, колл-центр 142 или письменно",
            "en": "e-sosial.az, the 142 call centre, or in writing",
        },
    },
}

FORMS_APP = {
    # A draft not touched for this long is deleted by the scheduled purge.
    "DRAFT_LIFETIME_DAYS": int(os.environ.get("DRAFT_LIFETIME_DAYS", "7")),
    # How long the browser (or post-office operator) that submitted may open the receipt.
    "RECEIPT_ACCESS_MINUTES": 60,
    # The status page counts look-ups that matched nothing: after this many in a window
    # (seconds) from one address, or for one reference, it answers 429 until the window ends.
    # Look-ups that find the application are never counted.
    "STATUS_FAILURES_PER_ADDRESS": int(os.environ.get("STATUS_FAILURES_PER_ADDRESS", "10")),
    "STATUS_FAILURES_PER_REFERENCE": int(os.environ.get("STATUS_FAILURES_PER_REFERENCE", "5")),
    "STATUS_WINDOW": 600,
    # How long a link to an issued document (the decision letter) opens it.
    "DOCUMENT_LINK_HOURS": 24,
    # /verify/ counts codes that match nothing, per address and window (seconds).
    "VERIFY_FAILURES_PER_ADDRESS": 20,
    "VERIFY_WINDOW": 600,
    # Post offices' addresses (CIDR), where a whole counter shares one address: never limited per
    # address (each reference still is). Operators signed in are never limited per address.
    "STATUS_TRUSTED_NETWORKS": [
        n for n in os.environ.get("STATUS_TRUSTED_NETWORKS", "").split(",") if n.strip()
    ],
    # A draft left idle this long in a browser is let go of (its resume link still opens it);
    # the page warns this many minutes before.
    "DRAFT_IDLE_MINUTES": int(os.environ.get("DRAFT_IDLE_MINUTES", "30")),
    "DRAFT_IDLE_WARNING_MINUTES": 5,
    # The request header in which the e-government portal's sign-on passes the user's FİN
    # (the "egov_pin" prefill source); None when the site is not behind the portal.
    "EGOV_PIN_HEADER": os.environ.get("EGOV_PIN_HEADER") or None,
    # Trust X-Forwarded-For for the client's address (rate limits): only behind the proxy.
    "BEHIND_PROXY": False,
    # The API accepts this many declarations a minute from one address without an API key
    # (integrators' keys have their own limits, set in the admin). Refused requests don't count.
    "API_SUBMISSIONS_PER_MINUTE": int(os.environ.get("API_SUBMISSIONS_PER_MINUTE", "30")),
    # The cache the rate limits count in: shared by every process only when it is Redis (or
    # another shared cache); production refuses to start with a local one.
    "RATELIMIT_CACHE": "default",
    "REQUIRE_SHARED_CACHE": False,
    # The JSON API keeps each published service, its form version and its page's address for
    # this many seconds per process (forms_app/published.py). A change forgets them at once in
    # the process that made it; other processes see it within this time.
    "PUBLISHED_SERVICE_SECONDS": int(os.environ.get("PUBLISHED_SERVICE_SECONDS", "5")),
}
# Home and e-service pages served from the cache to visitors without a session, purged whenever
# an editor publishes; the entry expires anyway after this many seconds.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# The admin's long listings (submissions, cases) count their rows exactly up to this many; past
# it they say "about N" (the whole table: PostgreSQL's estimate) or "more than N" (filtered).
ADMIN_LISTINGS = {"EXACT_COUNT_UP_TO": int(os.environ.get("ADMIN_EXACT_COUNT_UP_TO", "10000"))}
STATISTICS = {
    "DAYS": 30,  # the per-day chart and table
    "CACHE_SECONDS": int(os.environ.get("STATISTICS_CACHE_SECONDS", "300")),
}
SMS_BACKEND = os.environ.get("SMS_BACKEND", "forms_app.sms.ConsoleBackend")
SMS_FILE_PATH = os.environ.get("SMS_FILE_PATH", str(BASE_DIR / "var" / "outbox" / "sms"))
# forms_app.sms.HttpGatewayBackend: the operator's gateway (in development, the mock one).
SMS_GATEWAY = {
    "URL": os.environ.get("SMS_GATEWAY_URL", f"{SITE_URL}/registry-mocks/sms/"),
    "API_KEY": os.environ.get("SMS_GATEWAY_API_KEY", "dev-key"),
    "TIMEOUT": float(os.environ.get("SMS_GATEWAY_TIMEOUT", "5")),
}
