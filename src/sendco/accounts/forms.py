from django import forms
from django.contrib.auth.forms import AuthenticationForm


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your school's sendco administrator.",
    }


class AuthenticatorCodeForm(forms.Form):
    """The 6-digit code from an authenticator app (the browser and phone may fill it in)."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code the app shows now.",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input govuk-input--width-10",
            }
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())  # people type "123 456"


class RecoveryCodeForm(forms.Form):
    """One of the ten recovery codes given at set-up; each works once."""

    recovery_code = forms.CharField(
        label="Recovery code",
        help_text="One of the codes you saved when you set up two-step verification.",
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "class": "govuk-input govuk-input--width-10"}
        ),
    )

    def clean_recovery_code(self):
        return "".join(self.cleaned_data["recovery_code"].split()).lower()
