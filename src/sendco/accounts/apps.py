from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sendco.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
