from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sendco.audit"
    label = "audit"
    verbose_name = "Audit trail"

    def ready(self):
        from sendco.core.navigation import PupilTab, add_pupil_tab

        add_pupil_tab(PupilTab("Audit", "pupil-audit", "pupil.audit", order=100))
