import json

from axes.utils import reset as reset_login_failures
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from imc_portal import registry
from imc_portal.accounts import services
from imc_portal.accounts.forms import (
    DeleteAccountForm,
    SignUpForm,
    TeacherDataForm,
    TeacherLoginForm,
    TeacherPasswordResetForm,
)
from imc_portal.accounts.tokens import email_confirmation_token
from imc_portal.models import Centre, TeacherAccount

User = get_user_model()


def _own_account(request):
    """The signed-in teacher's account; staff have none (they use the admin)."""
    account = (
        TeacherAccount.objects.select_related("user", "institution", "teacher__institution")
        .filter(user=request.user)
        .first()
    )
    if account is None:
        raise PermissionDenied
    return account


def _has_account(user):
    return user.is_authenticated and TeacherAccount.objects.filter(user=user).exists()


@never_cache
@sensitive_post_parameters("password1", "password2")
def sign_up(request):
    if _has_account(request.user):
        return redirect("accounts:me")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        account = services.sign_up(
            email=data["email"],
            password=data["password1"],
            surname=data["surname"],
            first_name=data["first_name"],
            patronymic=data["patronymic"],
            institution=data["institution"],
            subjects=data["subjects"],
        )
        services.send_confirmation(request, account.user)
        return render(request, "accounts/sign_up_sent.html", {"email": account.user.email})
    status = 400 if form.errors else 200
    return render(request, "accounts/sign_up.html", {"form": form}, status=status)


def _user_of_link(uidb64, token):
    try:
        user = User.objects.select_related("teacher_account").get(
            pk=force_str(urlsafe_base64_decode(uidb64))
        )
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
    # Only a sign-up that waits for its confirmation: an account a superuser has made
    # inactive since is not opened again by an old link.
    account = getattr(user, "teacher_account", None)
    if account is None or account.status != TeacherAccount.Status.UNCONFIRMED:
        return None
    return user if email_confirmation_token.check_token(user, token) else None


@never_cache
def confirm(request, uidb64, token):
    """The link in the sign-up e-mail shows a button: a POST confirms, so a mail scanner
    that opens links does not use it up."""
    user = _user_of_link(uidb64, token)
    if user is None:
        return render(request, "accounts/confirm_invalid.html", status=400)
    if request.method == "POST":
        account = services.confirm_email(user.teacher_account)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        if account.is_linked:
            messages.success(request, _("Your address is confirmed and you are logged in."))
        else:
            messages.info(
                request,
                _(
                    "Your address is confirmed and you are logged in. A methodist will link "
                    "your account to your record in the centre’s records."
                ),
            )
        return redirect("accounts:me")
    return render(request, "accounts/confirm.html", {"email": user.email})


class TeacherLoginView(auth_views.LoginView):
    form_class = TeacherLoginForm
    template_name = "accounts/login.html"
    next_page = "accounts:me"

    def get(self, request, *args, **kwargs):
        if _has_account(request.user):
            return redirect("accounts:me")
        return super().get(request, *args, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response


class TeacherLogoutView(auth_views.LogoutView):
    next_page = "home"


class TeacherPasswordResetView(auth_views.PasswordResetView):
    form_class = TeacherPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        self.extra_email_context = {"centre": Centre.current()}
        return super().form_valid(form)


class TeacherPasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class TeacherPasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # The failures that locked the login out were with the old password: a teacher who
        # proved the address and chose a new one logs in at once, without waiting.
        reset_login_failures(username=self.user.get_username())
        return response


class TeacherPasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@never_cache
@login_required(login_url="accounts:login")
def me(request):
    """The teacher's page: their data (edited here once linked) and what the portal
    records of them in public, as on their public page."""
    account = _own_account(request)
    teacher = account.teacher if account.is_linked else None
    form = None
    if teacher is not None:
        form = TeacherDataForm(request.POST or None, instance=teacher)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Your data is saved."))
            return redirect("accounts:me")
    elif request.method == "POST":
        return HttpResponseNotAllowed(["GET"])  # nothing to edit before the link
    sections = own_sections = []
    if teacher is not None:
        sections = [section for found in registry.person_sections for section in found(teacher)]
        own_sections = [section for found in registry.own_sections for section in found(teacher)]
    context = {
        "account": account,
        "teacher": teacher,
        "form": form,
        "sections": sections,
        "own_sections": own_sections,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "accounts/me.html", context, status=status)


@never_cache
@login_required(login_url="accounts:login")
def me_data(request):
    account = _own_account(request)
    body = json.dumps(services.account_data(account, request), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    return response


@never_cache
@sensitive_post_parameters("password")
@login_required(login_url="accounts:login")
def me_delete(request):
    account = _own_account(request)
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        logout(request)
        services.delete_account(account, request.build_absolute_uri("/").rstrip("/"))
        messages.success(request, _("Your account is deleted."))
        return redirect("home")
    status = 400 if form.errors else 200
    context = {"form": form, "becomes_anonymous": services.becomes_anonymous(account)}
    return render(request, "accounts/me_delete.html", context, status=status)
