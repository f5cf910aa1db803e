from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sendco.core"
    label = "core"
    verbose_name = "Schools and pupils"

    def ready(self):
        from sendco.accounts.roles import AGGREGATE_ROLES, AUDITOR_ROLES, Role
        from sendco.audit.registry import register_pupil_model

        from . import access, models  # noqa: F401  (access registers the permission rules)
        from .navigation import NavItem, PupilTab, add_nav, add_pupil_tab

        register_pupil_model(models.Pupil, pupil_field="id", label="Pupil record", can_read="pupil.audit")
        register_pupil_model(models.PupilContact, label="Contact link", can_read="pupil.contacts")
        register_pupil_model(models.TeachingGroupPupil, label="Class place", can_read="pupil.audit")
        register_pupil_model(models.KeyAdult, label="Key adult", can_read="pupil.audit")
        register_pupil_model(models.AccessGrant, label="Access grant", can_read="pupil.audit")

        add_nav(NavItem("Home", "home", lambda roles: True, section="", order=0))
        add_nav(
            NavItem(
                "Pupils",
                "pupil-list",
                lambda roles: bool(roles.all - AGGREGATE_ROLES - {Role.ADMIN}),
                section="pupils",
                order=10,
            )
        )
        add_pupil_tab(PupilTab("Overview", "pupil-detail", "pupil.view", order=0))
        # The audit pages (audit_views) are core's: they need the access policy, which the
        # audit app, the layer below, must not import.
        add_pupil_tab(PupilTab("Audit", "pupil-audit", "pupil.audit", order=100))
        add_nav(
            NavItem(
                "Access changes",
                "audit-access-changes",
                lambda roles: roles.has_any(AUDITOR_ROLES),
                "audit",
                order=60,
            )
        )
        add_nav(
            NavItem(
                "Access log",
                "audit-access-log",
                lambda roles: roles.has_any(AUDITOR_ROLES),
                "audit",
                order=61,
            )
        )
