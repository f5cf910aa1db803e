"""What each part of the agencies app adds to the product (navigation, pupil tabs, home
panels, reminders, audited models), called once from AppConfig.ready()."""


def setup_directory() -> None:
    from sendco.audit.registry import register_pupil_model  # noqa: F401

    from . import models  # noqa: F401


def setup_referrals() -> None:
    from sendco.audit.registry import register_pupil_model

    from . import models

    register_pupil_model(models.Consent, label="Consent", can_read="agencies.view_referrals")
    register_pupil_model(models.Referral, label="Referral", can_read="agencies.view_referrals")
    register_pupil_model(models.ReferralEvent, label="Referral status", can_read="agencies.view_referrals")
    register_pupil_model(
        models.ReferralDocument, label="Referral document", can_read="agencies.view_referrals"
    )
    register_pupil_model(models.VisitPupil, label="Agency visit", can_read="agencies.view_referrals")


def setup_access() -> None:
    pass


def setup_dashboards() -> None:
    """The SEN team's home panel of referrals to chase and the reminder email's rows; the
    navigation entry to the dashboard (SEN team and head)."""
    from sendco.core.home_panels import HomePanel, add_home_panel
    from sendco.core.navigation import NavItem, add_nav
    from sendco.core.reminders import add_reminder_source

    from . import selectors_dashboard
    from .permissions import READERS

    add_home_panel(HomePanel("agencies/_home_panel.html", selectors_dashboard.home_panel, order=35))
    add_reminder_source(selectors_dashboard.referral_reminders, title="Referrals")
    add_nav(
        NavItem(
            "Referrals",
            "referral-dashboard",
            lambda roles: roles.has_any(READERS),
            section="agencies",
            order=70,
        )
    )
