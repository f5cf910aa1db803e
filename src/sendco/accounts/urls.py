from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .forms import LoginForm

urlpatterns = [
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/two-step/", views.verify, name="mfa-verify"),
    path("accounts/two-step/set-up/", views.setup, name="mfa-setup"),
    path("accounts/tokens/", views.api_tokens, name="account-tokens"),
    path("accounts/tokens/<int:pk>/revoke/", views.revoke_api_token, name="account-token-revoke"),
]
