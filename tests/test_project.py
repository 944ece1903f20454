"""The project runs the way the README says: no PYTHONPATH, settings from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(args, env=None, **kwargs):
    inherited = (
        "PYTHONPATH",
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DATABASE_URL",
    )
    clean_env = {k: v for k, v in os.environ.items() if k not in inherited}
    return subprocess.run(
        args,
        cwd=ROOT,
        env={**clean_env, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        **kwargs,
    )


def settings_as_seen_with(env: dict) -> dict:
    """Import the settings in a fresh interpreter with `env`, the way the server would."""
    code = (
        "import json, sys; sys.path[:0] = ['site', '.'];"
        "import importlib; s = importlib.import_module('config.settings.' + sys.argv[1]);"
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'],"
        " 'name': str(s.DATABASES['default']['NAME']), 'q': s.Q_CLUSTER,"
        " 'cache': s.CACHES['default']['BACKEND'], 'languages': [c for c, _ in s.LANGUAGES],"
        " 'default_language': s.LANGUAGE_CODE}))"
    )
    module = env.pop("settings", "dev")
    result = run([sys.executable, "-c", code, module], env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_manage_py_works_without_pythonpath():
    result = run([sys.executable, "manage.py", "check"], env={"REDIS_URL": ""})
    assert result.returncode == 0, result.stderr
    # On a laptop the only thing said is that rate limits count per process (no Redis).
    assert "identified 1 issue" in result.stderr and "forms_app.W001" in result.stderr


def test_sqlite_is_the_default_and_database_url_switches_to_postgresql():
    assert settings_as_seen_with({"DATABASE_URL": ""})["engine"].endswith("sqlite3")
    seen = settings_as_seen_with({"DATABASE_URL": "postgres://u@db.example:5432/emuraciet"})
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["name"] == "emuraciet"


def test_q2_uses_the_orm_broker_by_default_and_redis_on_request():
    orm = settings_as_seen_with({"Q_BROKER": ""})["q"]
    assert orm["orm"] == "default" and "redis" not in orm
    redis = settings_as_seen_with(
        {"Q_BROKER": "redis", "REDIS_URL": "redis://cache.example:6379/1"}
    )
    assert redis["q"]["redis"] == "redis://cache.example:6379/1" and "orm" not in redis["q"]
    assert redis["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_azerbaijani_is_the_default_language_then_russian_and_english():
    seen = settings_as_seen_with({})
    assert seen["default_language"] == "az"
    assert seen["languages"] == ["az", "ru", "en"]


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 64 + "production-secret-for-the-check",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/emuraciet",
    "ALLOWED_HOSTS": "e-muraciet.example.az",
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    # Rate limits and log-in lock-outs count in a cache every process shares.
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def test_production_settings_pass_the_deployment_check_without_warnings():
    result = run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV, "SECRET_KEY": ""}
    result = run([sys.executable, "manage.py", "check"], env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_gunicorn_loads_the_wsgi_application():
    # What `gunicorn --chdir site config.wsgi` does: site/ is the working directory.
    code = "from gunicorn.util import import_app; print(callable(import_app('config.wsgi')))"
    result = run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, 'site'); {code}"],
        env=PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.django_db
def test_migrations_are_in_step_with_the_models():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
