"""Finds the parts each capability app contributes (URLs, API router, benchmarks, demo data)
so that adding an app means adding it to INSTALLED_APPS and nothing else in shared files."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps


def sendco_apps() -> list:
    return [a for a in apps.get_app_configs() if a.name.startswith("sendco.")]


def app_modules(module: str) -> list:
    """Import `<app>.<module>` for every sendco app that has one, in INSTALLED_APPS order."""
    found = []
    for app in sendco_apps():
        name = f"{app.name}.{module}"
        if find_spec(name) is not None:
            found.append(import_module(name))
    return found
