from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordMixin
from django.utils.translation import gettext_lazy as _

from imc_portal.accounts.services import email_taken, normalise_email, teacher_users
from imc_portal.models import Institution, Subject, Teacher


class SignUpForm(SetPasswordMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=150,  # it is the login (User.username)
        help_text=_("We will send a link to this address to confirm it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields()
    surname = forms.CharField(label=_("surname"), max_length=80)
    first_name = forms.CharField(label=_("first name"), max_length=80)
    patronymic = forms.CharField(label=_("patronymic"), max_length=80, required=False)
    institution = forms.ModelChoiceField(label=_("institution"), queryset=Institution.objects.all())
    subjects = forms.ModelMultipleChoiceField(
        label=_("subjects and areas"),
        queryset=Subject.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    error_messages = {
        **SetPasswordMixin.error_messages,
        "email_taken": _(
            "An account with this e-mail address exists already. Log in, or use “Forgot "
            "your password?” on the login page."
        ),
    }

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if email_taken(email):
            raise forms.ValidationError(self.error_messages["email_taken"], code="email_taken")
        return email

    def clean(self):
        cleaned_data = super().clean()
        self.validate_passwords()
        # The password checks (its likeness to the name and address too) on the user to be.
        user = get_user_model()(
            username=cleaned_data.get("email", ""),
            email=cleaned_data.get("email", ""),
            first_name=cleaned_data.get("first_name", ""),
            last_name=cleaned_data.get("surname", ""),
        )
        self.validate_password_for_user(user)
        return cleaned_data


class TeacherLoginForm(AuthenticationForm):
    """The teachers' login: the e-mail address and the password. ``AuthenticationForm``
    calls ``authenticate(request, …)``, so axes counts each failure per address and IP."""

    username = forms.CharField(
        label=_("E-mail"),
        max_length=150,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not right. If you have just signed up, "
            "follow the link in the e-mail we sent you first."
        ),
        "inactive": _("This account is not active."),
        "not_a_teacher": _(
            "This is a staff account: staff log in to the records (the admin), not here."
        ),
    }

    def clean_username(self):
        return normalise_email(self.cleaned_data["username"])

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # Staff log in to the admin, with its second factor; never through this form.
        if not teacher_users().filter(pk=user.pk).exists():
            raise forms.ValidationError(self.error_messages["not_a_teacher"], code="not_a_teacher")


class TeacherPasswordResetForm(PasswordResetForm):
    """Reset links go to teachers' accounts only: staff passwords are the administrator's."""

    def get_users(self, email):
        return (
            user for user in super().get_users(email) if teacher_users().filter(pk=user.pk).exists()
        )


class TeacherDataForm(forms.ModelForm):
    """What a teacher edits of their own record."""

    class Meta:
        model = Teacher
        fields = ["surname", "first_name", "patronymic", "institution", "position", "subjects"]
        widgets = {"subjects": forms.CheckboxSelectMultiple}


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."), code="password_incorrect")
        return password
