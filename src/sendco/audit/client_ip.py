"""The address a request came from, for the access log and the login lockout (django-axes).

By default that is REMOTE_ADDR, which a client cannot forge. Behind a reverse proxy REMOTE_ADDR
is the proxy, so a deployment names the header the proxy sets (SENDCO_TRUSTED_PROXY_HEADER,
e.g. X-Forwarded-For) and how many proxies it trusts (SENDCO_TRUSTED_PROXY_COUNT). Each proxy
appends the address it received the request from, so the client is the Nth entry from the
right; anything further left was written by the client and is ignored. Imports nothing from
the apps, so axes can load it from settings.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    header = getattr(settings, "SENDCO_TRUSTED_PROXY_HEADER", "")
    if not header:
        return remote
    hops = max(1, getattr(settings, "SENDCO_TRUSTED_PROXY_COUNT", 1))
    forwarded = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    entries = [e for e in forwarded.split(",") if e.strip()]
    if len(entries) < hops:
        return remote  # the request did not come through every trusted proxy
    return _valid(entries[-hops]) or remote
