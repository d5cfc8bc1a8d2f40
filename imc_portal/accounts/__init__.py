"""Teachers' accounts on the public site: sign-up with an e-mail confirmed by a link, login,
password reset by e-mail, and the teacher's own page (/me/). Built on Django's own auth views
and forms, so the login goes through ``authenticate(request, …)`` and django-axes counts its
failures like the admin's.

- ``tokens``: the one-time link that confirms the e-mail address.
- ``services``: sign-up, confirmation and the link to the teacher's record (``Teacher``),
  the teacher's data as JSON, deleting an account.
- ``forms``, ``views``, ``urls``: the pages; templates in ``templates/accounts/``.

Staff accounts stay apart: they log in to the admin (with its second factor), never here,
and a teacher's account never has staff status.
"""
