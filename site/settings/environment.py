"""The one place where settings read the process environment."""

import os

from django.core.exceptions import ImproperlyConfigured


def get(name, default=""):
    return os.environ.get(name, default)


def require(name):
    """Return a variable that production cannot run without, or stop start-up naming it."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required by the production settings."
        )
    return value


def as_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def as_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def require_list(name):
    """A required comma-separated list, e.g. ALLOWED_HOSTS."""
    return as_list(name) or [require(name)]
