"""What each part of the agencies app adds to the product (navigation, pupil tabs, home
panels, reminders, audited models), called once from AppConfig.ready()."""


def setup_directory() -> None:
    from sendco.accounts.roles import STAFF_ROLES
    from sendco.core.navigation import NavItem, add_nav

    from . import models  # noqa: F401

    # Staff at a school read its directory; a trust officer reads the trust's shared entries.
    # A system administrator holds no school, so has no directory to open.
    add_nav(
        NavItem(
            "Agencies",
            "agency-list",
            lambda roles: bool(roles.schools_with(STAFF_ROLES) or roles.organisations),
            section="agencies",
            order=88,
        )
    )


def setup_referrals() -> None:
    from sendco.audit.registry import register_pupil_model
    from sendco.core.navigation import PupilTab, add_pupil_tab

    from . import models

    register_pupil_model(models.Consent, label="Consent", can_read="agencies.view_referrals")
    register_pupil_model(models.Referral, label="Referral", can_read="agencies.view_referrals")
    register_pupil_model(models.ReferralEvent, label="Referral status", can_read="agencies.view_referrals")
    register_pupil_model(
        models.ReferralDocument, label="Referral document", can_read="agencies.view_referrals"
    )
    register_pupil_model(models.VisitPupil, label="Agency visit", can_read="agencies.view_referrals")
    add_pupil_tab(PupilTab("Referrals", "referral-pupil-list", "agencies.view_referrals", order=45))


def setup_access() -> None:
    from sendco.core.home_panels import HomePanel, add_home_panel
    from sendco.core.navigation import PupilTab, add_pupil_tab

    from . import selectors_access

    add_pupil_tab(PupilTab("Access", "access-pupil-list", "agencies.view_grants", order=46))
    # The professionals and grants pages are in the agencies sub-navigation (agencies_tags).
    # A professional's own pupils and the day each grant ends (None for everyone else).
    add_home_panel(HomePanel("agencies/_access_home_panel.html", selectors_access.home_panel, order=5))


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
