"""Sign-up, confirmation and the link to the teacher's record; a teacher's data; deletion.

The link (``TeacherAccount.teacher``) decides whose results and publications are the
teacher's, so nobody may take over another teacher's record:

- exactly one record has the confirmed e-mail address, and no account has it yet: linked
  at once (the e-mail on the record was written by a methodist);
- no record has that address and none has the same surname and first name: a new record
  is made from the sign-up and linked (there is nothing to take over);
- otherwise (a record with the same name, several records with the address, or the
  address on a record that is linked already): the link waits for a methodist, who joins
  the account to the right record or confirms a new one in the admin. No duplicate record
  is made meanwhile: a methodist who finds the teacher in the records wants the results
  there, not on a second record with the same name.
"""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from imc_portal import registry
from imc_portal.accounts.tokens import email_confirmation_token
from imc_portal.models import Centre, Teacher, TeacherAccount

User = get_user_model()


def normalise_email(email):
    return email.strip().lower()


def email_taken(email):
    """An account (a teacher's confirmed one, or any user with that login) has the address."""
    return (
        User.objects.filter(username__iexact=email)
        .exclude(is_active=False, teacher_account__status=TeacherAccount.Status.UNCONFIRMED)
        .exists()
    )


@transaction.atomic
def sign_up(*, email, password, surname, first_name, patronymic, institution, subjects):
    """A new account, inactive until its e-mail address is confirmed. An earlier sign-up
    with the same address that was never confirmed (a lost e-mail) is replaced."""
    email = normalise_email(email)
    User.objects.filter(
        username__iexact=email,
        is_active=False,
        teacher_account__status=TeacherAccount.Status.UNCONFIRMED,
    ).delete()
    user = User.objects.create_user(
        username=email,
        email=email,
        password=password,
        first_name=first_name,
        last_name=surname,
        is_active=False,
    )
    account = TeacherAccount.objects.create(
        user=user,
        surname=surname,
        first_name=first_name,
        patronymic=patronymic,
        institution=institution,
    )
    account.subjects.set(subjects)
    return account


def send_confirmation(request, user):
    """The e-mail with the link that confirms the address, in the page's language."""
    path = reverse(
        "accounts:confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": email_confirmation_token.make_token(user),
        },
    )
    context = {"centre": Centre.current(), "user": user, "url": request.build_absolute_uri(path)}
    subject = render_to_string("accounts/email/confirm_subject.txt", context)
    body = render_to_string("accounts/email/confirm_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def same_name_records(account):
    return Teacher.objects.filter(
        surname__iexact=account.surname.strip(), first_name__iexact=account.first_name.strip()
    )


def record_from_sign_up(account):
    teacher = Teacher.objects.create(
        surname=account.surname,
        first_name=account.first_name,
        patronymic=account.patronymic,
        institution=account.institution,
        email=account.user.email,
        created_from_sign_up=True,
    )
    teacher.subjects.set(account.subjects.all())
    return teacher


@transaction.atomic
def confirm_email(account):
    """The link in the e-mail was followed: the account opens and gets its record, or
    waits for a methodist (see the module's docstring)."""
    user = account.user
    user.is_active = True
    user.save(update_fields=["is_active"])
    account.email_confirmed = timezone.now()
    by_email = list(Teacher.objects.filter(email__iexact=user.email).select_related("account")[:2])
    free = [teacher for teacher in by_email if not hasattr(teacher, "account")]
    if len(by_email) == 1 and free:
        account.teacher = free[0]
        account.status = TeacherAccount.Status.LINKED
    elif not by_email and not same_name_records(account).exists():
        account.teacher = record_from_sign_up(account)
        account.status = TeacherAccount.Status.LINKED
    else:
        account.status = TeacherAccount.Status.PENDING
    account.save()
    return account


@transaction.atomic
def confirm_link(account):
    """A methodist confirms a pending link: to the record they chose, or to a new record
    made from the sign-up when they chose none."""
    if account.teacher is None:
        account.teacher = record_from_sign_up(account)
    elif not account.teacher.email:  # the record the methodist chose gets the address
        account.teacher.email = account.user.email
        account.teacher.save(update_fields=["email", "updated"])
    account.status = TeacherAccount.Status.LINKED
    account.save()
    return account


def _name_and_subjects(person):
    return {
        "surname": person.surname,
        "first_name": person.first_name,
        "patronymic": person.patronymic,
        "institution": person.institution.name if person.institution else None,
        "subjects": [subject.name for subject in person.subjects.all()],
    }


def account_data(account, request):
    """Everything the portal keeps about the teacher's account and record, for download.
    The methodists' note on the record is their working note, not the teacher's data."""
    user = account.user
    data = {
        "account": {
            "email": user.email,
            "created": account.created.isoformat(),
            "email_confirmed": (
                account.email_confirmed.isoformat() if account.email_confirmed else None
            ),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "link": account.status,
        },
        "sign_up": _name_and_subjects(account),
        "teacher_record": None,
    }
    if account.is_linked:
        teacher = account.teacher
        data["teacher_record"] = _name_and_subjects(teacher) | {
            "position": teacher.position,
            "category": teacher.get_category_display(),
            "pedagogical_title": teacher.get_pedagogical_title_display(),
            "email": teacher.email,
            "phone": teacher.phone,
            "public_page": request.build_absolute_uri(teacher.get_absolute_url()),
        }
    return data


def becomes_anonymous(account):
    """Whether deleting the account makes its teacher's record anonymous: a record made from
    the sign-up (not one the centre had) that nothing refers to but rows the figures count
    (registrations, attendance: ``registry.counted_only``)."""
    teacher = account.teacher
    if not account.is_linked or not teacher.created_from_sign_up:
        return False
    counted = {*registry.counted_only, TeacherAccount}
    for relation in Teacher._meta.related_objects:
        if relation.related_model in counted:
            continue
        rows = relation.related_model._base_manager.filter(**{relation.field.name: teacher})
        if rows.exists():
            return False
    return True


def _make_anonymous(teacher):
    """No person named any more; the institution stays, so the figures still count the
    record's registrations and attendance where they did. Its history named the person
    too: it goes, the anonymous state is the first one kept."""
    teacher.history.all().delete()
    teacher.surname = _("Deleted account %(number)d") % {"number": teacher.pk}
    teacher.first_name = teacher.patronymic = ""
    teacher.slug = ""  # made again from the new name
    teacher.email = teacher.phone = teacher.position = teacher.note = ""
    teacher.save()
    teacher.subjects.clear()


@transaction.atomic
def delete_account(account, base_url=None):
    """The login and the account go. First the apps give up what the account holds ahead
    (``registry.account_deletions``: places at events not started, offered to the waiting
    list). A record made from the sign-up and used only in figures is made anonymous (see
    ``becomes_anonymous``); any other record stays with the results and publications the
    centre has recorded (they are the centre's records and public figures), but without the
    account's e-mail address."""
    teacher = account.teacher
    if account.is_linked:
        for give_up in registry.account_deletions:
            give_up(teacher, base_url)
    anonymous = becomes_anonymous(account)
    if anonymous:
        _make_anonymous(teacher)
    elif teacher is not None and teacher.email.lower() == account.user.email.lower():
        teacher.email = ""
        teacher.save(update_fields=["email", "updated"])
    account_pk, account_history = account.pk, account.history.model
    account.user.delete()  # the account with it (CASCADE)
    if anonymous:  # the account's history (its deletion too) named the person
        account_history.objects.filter(id=account_pk).delete()


def teacher_users():
    """Users that are teachers' accounts (never staff): who may log in on the site."""
    return User.objects.filter(Q(teacher_account__isnull=False), is_staff=False, is_superuser=False)
