"""Pages for a teacher that `manage.py bench` measures signed in as the load data's linked
teacher (``bench.load_data.core.BENCH_TEACHER``), with their own goals (SQL queries, median
ms): a public page's goal plus what signing in reads (the session, the user, the account)."""

from bench.load_data.core import BENCH_TEACHER
from bench.pages.events import registration_event
from imc_portal.models import TeacherAccount

# A public page of one record reads 8 queries at most; signing in adds these.
RECORD_QUERIES, SIGNED_IN_QUERIES = 8, 3


def teacher_user():
    """The user the benchmark signs in as, or None before the load data."""
    account = (
        TeacherAccount.objects.select_related("user")
        .filter(user__username=BENCH_TEACHER, status=TeacherAccount.Status.LINKED)
        .first()
    )
    return account.user if account else None


def pages():
    """[(name, path, SQL goal, median goal in ms)]."""
    found = []
    goal = RECORD_QUERIES + SIGNED_IN_QUERIES
    if event := registration_event():
        # The load data puts the teacher last on this event's waiting list.
        found.append(
            ("events: event with registration, teacher", event.get_absolute_url(), goal, 15)
        )
    return found
