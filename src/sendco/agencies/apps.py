from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "sendco.agencies"
    label = "agencies"
    verbose_name = "External agencies and referrals"

    def ready(self):
        # Each part registers its own tabs, navigation, home panels and reminders.
        from . import permissions  # noqa: F401  (the rules)
        from .setup import setup_access, setup_dashboards, setup_directory, setup_referrals

        setup_directory()
        setup_referrals()
        setup_access()
        setup_dashboards()
