"""A teacher registers for an event, cancels, and takes a place offered from the waiting
list. POSTs from the event's page and from /me/; the answers are messages on the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from events import registration as services
from events.forms import RegistrationForm
from events.ics import build_calendar, site_url
from events.models import Event, Registration
from events.views.common import detail_queryset
from imc_portal.models import TeacherAccount


def base_url(request):
    return request.build_absolute_uri("/").rstrip("/")


def teacher_account(user):
    """The signed-in user's teacher account with its teacher's record, or None (and no
    query for a visitor)."""
    if not user.is_authenticated:
        return None
    return TeacherAccount.objects.select_related("teacher__institution").filter(user=user).first()


def teacher_of(account):
    """The teacher record of a linked account, or None."""
    if account is None or not account.is_linked:
        return None
    return account.teacher


def linked_teacher(user):
    return teacher_of(teacher_account(user))


def unlinked_reason(account):
    """Why a signed-in user without a linked account may not register."""
    if account is None:
        return _("Only teachers' accounts register for events.")
    return _("Your account is not linked to a teacher's record yet: a methodist confirms it soon.")


def _refused(request, event, reason):
    messages.error(request, reason)
    response = redirect(event.get_absolute_url())
    response.status_code = 303
    return response


def registration_context(request, event, account, form=None):
    """What the event's page shows of registration: places left, whether it is open, the
    signed-in teacher's own registration (nobody else's) and the form to register (``form``:
    one sent back with its errors). ``event`` comes from ``detail_queryset``, which counted
    the places and joined the teacher's registration."""
    if not event.registration_enabled:
        return {}
    teacher = teacher_of(account)
    taken = event.places_taken
    # Django leaves a joined relation's attribute unset when the row is missing.
    mine = getattr(event, "own_registration", None)
    if event.has_overdue_offers:
        # Rare: a lapsed offer passes to the next on the list, then the page counts again.
        services.refresh(event, base_url(request))
        taken = event.registrations.holding_places().count()
        if teacher is not None:
            mine = event.registrations.filter(teacher=teacher).first()
    context = {
        "places_left": services.places_left(event.capacity, taken),
        "closed_reason": services.closed_reason(event),
        "teacher": teacher,
        "mine": mine,
        "can_cancel": event.start > timezone.now(),
    }
    if teacher is not None:
        context["ineligible_reason"] = services.ineligible_reason(event, teacher)
        context["form"] = form or RegistrationForm(roles=services.roles_to_choose(event))
    elif request.user.is_authenticated:
        context["unlinked_reason"] = unlinked_reason(account)
    return {"registration": context}


@require_POST
@login_required(login_url="accounts:login")
def register(request, slug):
    event = get_object_or_404(Event.objects.published(), slug=slug)
    account = teacher_account(request.user)
    teacher = teacher_of(account)
    if teacher is None:
        return _refused(request, event, unlinked_reason(account))
    if reason := services.closed_reason(event) or services.ineligible_reason(event, teacher):
        return _refused(request, event, reason)
    form = RegistrationForm(request.POST, roles=services.roles_to_choose(event))
    if not form.is_valid():
        return _page_with_errors(request, event, account, form)
    role = form.cleaned_data.get("role")
    try:
        registration = services.register(event, teacher, base_url(request), role=role)
    except services.RegistrationError as error:
        return _refused(request, event, str(error))
    if registration.status == Registration.Status.WAITING:
        messages.warning(
            request,
            _("All places are taken: you are number %(position)d on the waiting list.")
            % {"position": registration.position},
        )
    else:
        messages.success(request, _("You are registered."))
    return redirect(event.get_absolute_url())


def _page_with_errors(request, event, account, form):
    """The event's page again, its registration form showing what to correct."""
    event = detail_queryset(request, teacher_of(account)).get(pk=event.pk)
    is_past = (event.end or event.start) < timezone.now()
    context = {
        "event": event,
        "is_past": is_past,
        **registration_context(request, event, account, form),
    }
    return render(request, "events/event_detail.html", context, status=400)


def _own_registration(request, pk):
    teacher = linked_teacher(request.user)
    return get_object_or_404(
        Registration.objects.select_related("event"), pk=pk, teacher=teacher or -1
    )


@require_POST
@login_required(login_url="accounts:login")
def cancel(request, pk):
    registration = _own_registration(request, pk)
    try:
        services.cancel(registration, base_url(request), user=request.user)
    except services.RegistrationError as error:
        return _refused(request, registration.event, str(error))
    messages.success(request, _("Your registration is cancelled."))
    if request.POST.get("next") == "me":
        return redirect("accounts:me")
    return redirect(registration.event)


@login_required(login_url="accounts:login")
def accept(request, pk):
    """The link of an offer e-mail: a page with a button (GET), the place taken (POST)."""
    registration = _own_registration(request, pk)
    if request.method != "POST":
        return redirect(registration.event)
    try:
        services.accept_offer(registration, base_url(request))
    except services.RegistrationError as error:
        return _refused(request, registration.event, str(error))
    messages.success(request, _("The place is yours: you are registered."))
    return redirect(registration.event)


@never_cache
@login_required(login_url="accounts:login")
def my_calendar(request):
    """The teacher's confirmed registrations, upcoming and past, as one calendar file."""
    teacher = linked_teacher(request.user)
    if teacher is None:
        raise PermissionDenied
    events = (
        Event.objects.filter(
            registrations__teacher=teacher,
            registrations__status=Registration.Status.CONFIRMED,
        )
        .select_related("venue")
        .order_by("start", "pk")
    )
    body = build_calendar(list(events), site_url(request), _("My registrations"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-registrations.ics"'
    return response
