"""One record of any model registered in the admin, for tests that walk every admin."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.forms import FileField, MultiWidget
from django.test import RequestFactory
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from factory.django import DjangoModelFactory

import tests.contests.factories
import tests.events.factories
import tests.factories
import tests.publications.factories
from events.models import Event, Registration
from tests.events.factories import EventFactory, RegistrationFactory

FACTORIES = {
    factory_class._meta.model: factory_class
    for module in (
        tests.factories,
        tests.events.factories,
        tests.contests.factories,
        tests.publications.factories,
    )
    for factory_class in vars(module).values()
    if isinstance(factory_class, type)
    and issubclass(factory_class, DjangoModelFactory)
    and factory_class._meta.model is not None
}


def superuser_request():
    """A request of a superuser, for asking an admin what it offers (its actions, its URLs)."""
    request = RequestFactory().get("/admin/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    return request


def model_of(app_label, model_name):
    return next(
        model
        for model in admin.site._registry
        if (model._meta.app_label, model._meta.model_name) == (app_label, model_name)
    )


def someone():
    """A user who is none of the roles: the owner of the records that are nobody's."""
    user, _created = User.objects.get_or_create(username="someone")
    return user


def registration_for(action):
    """A registration each action changes: one place taken, two on the waiting list (for
    "offer the free places", a second place free)."""
    event = EventFactory(
        registration_enabled=True, capacity=2 if action == "offer_free_places" else 1
    )
    RegistrationFactory(event=event)
    first, second = (
        RegistrationFactory(event=event, status=Registration.Status.WAITING, position=number)
        for number in (1, 2)
    )
    return second if action == "move_up" else first


def make_record(model, action=None):
    if model is User:
        return someone()
    if model is Group:
        return Group.objects.create(name="Someone's group")
    if model is TOTPDevice:
        return TOTPDevice.objects.create(user=someone(), name="Phone")
    if model in (AccessAttempt, AccessLog, AccessFailureLog):
        fields = {"username": "someone", "ip_address": "192.0.2.1", "user_agent": "Browser"}
        fields |= {"path_info": "/admin/login/", "attempt_time": timezone.now()}
        if model is AccessAttempt:
            fields |= {"get_data": "", "post_data": "", "failures_since_start": 10}
        if model is AccessFailureLog:
            fields["locked_out"] = True
        return model.objects.create(**fields)
    if model is Event:
        # Each action finds something to change: publish a draft, hide a published one.
        return EventFactory(is_published=action != "publish")
    if model is Registration and action:
        return registration_for(action)
    if model in FACTORIES:
        return FACTORIES[model]()
    # A fixed list seeded by a migration (the regions).
    if record := model._default_manager.order_by("pk").first():
        return record
    raise LookupError(f"No record of {model._meta.label}: give it a factory in tests/")


def form_data(form):
    """What a browser posts for ``form`` as shown (its files left as they are)."""
    data = {}
    for name, field in form.fields.items():
        key, value = form.add_prefix(name), form[name].value()
        if isinstance(field, FileField):
            continue
        if isinstance(field.widget, MultiWidget):  # a date and a time
            for n, part in enumerate(field.widget.decompress(value)):
                data[f"{key}_{n}"] = "" if part is None else str(part)
        elif value is not None:
            data[key] = value
    return data


def admin_form_data(page):
    """What a browser posts for an admin's change page as shown, with its inlines."""
    data = form_data(page.context["adminform"].form)
    for inline in page.context.get("inline_admin_formsets", []):
        data |= form_data(inline.formset.management_form)
        for form in inline.formset.forms:
            data |= form_data(form)
    return data
