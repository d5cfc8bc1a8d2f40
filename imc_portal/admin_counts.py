"""A number of records in the admin, said with the right plural of the records' name.

Django's admin writes "136 заходи": the number, then the model's plural name, which has one
plural form while Ukrainian has three (1 захід, 2 заходи, 5 заходів). The admin's pages
(pagination, "select all", the deletion message) say a number of records with
``count_phrase``, which finds the model's three forms here."""

from django.contrib import admin, messages
from django.contrib.admin import actions
from django.core.exceptions import PermissionDenied
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy, ngettext

PHRASES = {
    "auth.group": lambda n: ngettext("%(count)s group", "%(count)s groups", n),
    "auth.user": lambda n: ngettext("%(count)s user", "%(count)s users", n),
    "imc_portal.centre": lambda n: ngettext("%(count)s centre", "%(count)s centres", n),
    "imc_portal.institution": lambda n: ngettext(
        "%(count)s institution", "%(count)s institutions", n
    ),
    "imc_portal.subject": lambda n: ngettext(
        "%(count)s subject or area", "%(count)s subjects and areas", n
    ),
    "imc_portal.teacher": lambda n: ngettext("%(count)s teacher", "%(count)s teachers", n),
    "imc_portal.teacheraccount": lambda n: ngettext(
        "%(count)s teacher's account", "%(count)s teachers' accounts", n
    ),
    "staff.staffmember": lambda n: ngettext("%(count)s staff member", "%(count)s staff members", n),
    "staff.department": lambda n: ngettext("%(count)s department", "%(count)s departments", n),
    "staff.awardkind": lambda n: ngettext("%(count)s award kind", "%(count)s award kinds", n),
    "staff.award": lambda n: ngettext("%(count)s award", "%(count)s awards", n),
    "staff.distinction": lambda n: ngettext(
        "%(count)s centre distinction", "%(count)s centre distinctions", n
    ),
    "events.event": lambda n: ngettext("%(count)s event", "%(count)s events", n),
    "events.group": lambda n: ngettext(
        "%(count)s association or group", "%(count)s associations and groups", n
    ),
    "events.audiencerole": lambda n: ngettext(
        "%(count)s audience role", "%(count)s audience roles", n
    ),
    "events.region": lambda n: ngettext("%(count)s region", "%(count)s regions", n),
    "events.registration": lambda n: ngettext(
        "%(count)s registration", "%(count)s registrations", n
    ),
    "contests.contest": lambda n: ngettext(
        "%(count)s professional contest", "%(count)s professional contests", n
    ),
    "contests.contestedition": lambda n: ngettext(
        "%(count)s contest edition", "%(count)s contest editions", n
    ),
    "contests.nomination": lambda n: ngettext("%(count)s nomination", "%(count)s nominations", n),
    "contests.contestentry": lambda n: ngettext(
        "%(count)s contest participant", "%(count)s contest participants", n
    ),
    "contests.contestresult": lambda n: ngettext(
        "%(count)s contest result", "%(count)s contest results", n
    ),
    "contests.student": lambda n: ngettext("%(count)s student", "%(count)s students", n),
    "contests.olympiad": lambda n: ngettext(
        "%(count)s olympiad or tournament", "%(count)s olympiads and tournaments", n
    ),
    "contests.olympiadresult": lambda n: ngettext(
        "%(count)s olympiad result", "%(count)s olympiad results", n
    ),
    "contests.mansection": lambda n: ngettext("%(count)s МАН section", "%(count)s МАН sections", n),
    "contests.manwork": lambda n: ngettext(
        "%(count)s МАН research work", "%(count)s МАН research works", n
    ),
    "contests.manresult": lambda n: ngettext("%(count)s МАН result", "%(count)s МАН results", n),
    "contests.projectfestival": lambda n: ngettext(
        "%(count)s project festival", "%(count)s project festivals", n
    ),
    "contests.project": lambda n: ngettext(
        "%(count)s student project", "%(count)s student projects", n
    ),
    "publications.periodical": lambda n: ngettext(
        "%(count)s periodical", "%(count)s periodicals", n
    ),
    "publications.issue": lambda n: ngettext("%(count)s issue", "%(count)s issues", n),
    "publications.article": lambda n: ngettext("%(count)s article", "%(count)s articles", n),
    "publications.manual": lambda n: ngettext("%(count)s manual", "%(count)s manuals", n),
    "publications.externalpublication": lambda n: ngettext(
        "%(count)s teacher’s publication elsewhere", "%(count)s teachers’ publications elsewhere", n
    ),
    "publications.practiceentry": lambda n: ngettext(
        "%(count)s best practice entry", "%(count)s best practice entries", n
    ),
    "publications.news": lambda n: ngettext("%(count)s news item", "%(count)s news items", n),
    "axes.accessattempt": lambda n: ngettext(
        "%(count)s failed login record", "%(count)s failed login records", n
    ),
    "axes.accesslog": lambda n: ngettext("%(count)s login record", "%(count)s login records", n),
    "axes.accessfailurelog": lambda n: ngettext(
        "%(count)s failed login", "%(count)s failed logins", n
    ),
    "mailer.message": lambda n: ngettext("%(count)s queued e-mail", "%(count)s queued e-mails", n),
    "mailer.messagelog": lambda n: ngettext(
        "%(count)s sending attempt", "%(count)s sending attempts", n
    ),
    "otp_totp.totpdevice": lambda n: ngettext(
        "%(count)s authenticator app", "%(count)s authenticator apps", n
    ),
}


def count_phrase(opts, count):
    """ "136 заходів": ``count`` records of the model of ``opts``. A model without its
    phrase here is counted without agreement ("Заходи: 136")."""
    phrase = PHRASES.get(opts.label_lower)
    if phrase is None:
        return gettext("%(name)s: %(count)s") % {
            "name": capfirst(opts.verbose_name_plural),
            "count": count,
        }
    return phrase(count) % {"count": count}


@admin.action(
    permissions=["delete"], description=gettext_lazy("Delete selected %(verbose_name_plural)s")
)
def delete_selected(modeladmin, request, queryset):
    """Django's action, with its message said in the right plural ("Видалено 9 заходів")."""
    if request.POST.get("post"):
        _objects, _count, perms_needed, protected = modeladmin.get_deleted_objects(
            queryset, request
        )
        if not protected:
            if perms_needed:
                raise PermissionDenied
            count = len(queryset)
            if count:
                modeladmin.log_deletions(request, queryset)
                modeladmin.delete_queryset(request, queryset)
                modeladmin.message_user(
                    request,
                    gettext("Deleted %(records)s.")
                    % {"records": count_phrase(modeladmin.opts, count)},
                    messages.SUCCESS,
                )
            return None
    # The confirmation page, or the list of protected records, as Django shows them.
    return actions.delete_selected(modeladmin, request, queryset)
