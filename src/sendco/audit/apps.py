from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sendco.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from sendco.accounts.roles import AUDITOR_ROLES
        from sendco.core.navigation import NavItem, PupilTab, add_nav, add_pupil_tab

        add_pupil_tab(PupilTab("Audit", "pupil-audit", "pupil.audit", order=100))
        add_nav(
            NavItem(
                "Access changes", "audit-access-changes", lambda roles: roles.has_any(AUDITOR_ROLES), "audit"
            )
        )
