"""What a login that axes refuses gets (``AXES_LOCKOUT_CALLABLE``): a page in the site's
layout saying why and for how long, with status 429 (Too Many Requests) and ``Retry-After``.
"""

import math

from axes.helpers import get_cool_off, get_failure_limit
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers


def lockout_response(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": math.ceil(seconds / 60),
        # Teachers set a new password themselves, by e-mail (imc_portal/accounts).
        "teacher_login": getattr(request.resolver_match, "view_name", "") == "accounts:login",
    }
    response = render(request, "lockout.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    add_never_cache_headers(response)
    return response
