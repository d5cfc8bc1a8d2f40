from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """The link in the sign-up e-mail. It holds the account's state (not active yet), so it
    works once: a confirmed account makes it invalid. It expires with
    ``PASSWORD_RESET_TIMEOUT`` (3 days)."""

    key_salt = "imc_portal.accounts.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.is_active}{user.email}{timestamp}"


email_confirmation_token = EmailConfirmationTokenGenerator()
