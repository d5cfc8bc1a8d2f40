"""Logins: limits on failed logins (django-axes), staff sessions that end after a working
day without activity, and a second factor (TOTP, django-otp) for the admin.

- ``addresses``: the client's address axes counts failures by (REMOTE_ADDR, or the
  address the portal's own proxy saw with ``BEHIND_PROXY=1``).
- ``lockout``: the page a locked-out login gets (429, translated, in the site's layout).
- ``admin_site``: the admin site whose login form asks for the code of a second factor from
  the users who have one, and refuses superusers without one when
  ``OTP_REQUIRED_FOR_SUPERUSERS=1``.
- ``devices``: every staff member manages their own TOTP devices in the admin.
- ``sessions``: the idle limit of staff sessions.
"""
