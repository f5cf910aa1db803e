"""What each part of the agencies app adds to the product (navigation, pupil tabs, home
panels, reminders, audited models), called once from AppConfig.ready()."""


def setup_directory() -> None:
    from sendco.audit.registry import register_pupil_model  # noqa: F401

    from . import models  # noqa: F401


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
    pass
