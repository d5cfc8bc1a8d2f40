"""The client's address, as axes counts failed logins by it (``AXES_CLIENT_IP_CALLABLE``).

Directly served, ``REMOTE_ADDR``: a header is the client's to forge. Behind the portal's own
proxy (``BEHIND_PROXY=1``, the same setting that trusts its ``X-Forwarded-Proto``),
``REMOTE_ADDR`` is the proxy for every visitor, so the address is the last one in
``X-Forwarded-For``: the one that proxy appended (nginx:
``proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;``). Anything to its left came
from the client and is ignored.
"""

from django.conf import settings


def client_ip(request):
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR")
