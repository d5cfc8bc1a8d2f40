"""Staff sessions end after ``STAFF_SESSION_IDLE_SECONDS`` (a working day, 8 h) without a
request; other sessions keep ``SESSION_COOKIE_AGE``.

At login a staff session gets the time of its last activity and an expiry of the idle
limit (the cookie's max-age and the database row's expiry). On a later request the
middleware logs the session out if its last activity is older than the limit, and moves the
time on, which saves the session, at most once per ``REFRESH_SECONDS``: not a write per
request, as ``SESSION_SAVE_EVERY_REQUEST`` would make. A visitor without a session cookie is
not looked at, so no session is ever made for anonymous visitors (the page cache keeps pages
for them: ``imc_portal/page_cache.py``).
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import ngettext

LAST_ACTIVITY_KEY = "staff_last_activity"
REFRESH_SECONDS = 300


def _mark_activity(session, now):
    session[LAST_ACTIVITY_KEY] = int(now)
    session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)


@receiver(user_logged_in, dispatch_uid="staff_session_idle_limit")
def start_staff_session(sender, request, user, **kwargs):
    if user.is_staff and request is not None and hasattr(request, "session"):
        _mark_activity(request.session, time.time())


class StaffSessionMiddleware:
    """After ``AuthenticationMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self._check(request)
        return self.get_response(request)

    @staticmethod
    def _check(request):
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return
        idle = settings.STAFF_SESSION_IDLE_SECONDS
        now = time.time()
        last = request.session.get(LAST_ACTIVITY_KEY)
        if last is not None and now - last > idle:
            logout(request)
            hours = round(idle / 3600)
            messages.info(
                request,
                ngettext(
                    "You were logged out after %(hours)d hour without activity.",
                    "You were logged out after %(hours)d hours without activity.",
                    hours,
                )
                % {"hours": hours},
            )
        elif last is None or now - last >= min(REFRESH_SECONDS, idle / 10):
            _mark_activity(request.session, now)
