from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "sendco.privacy"
    label = "privacy"
    verbose_name = "Data protection"

    def ready(self):
        from sendco.audit.registry import register_pupil_model
        from sendco.core.navigation import PupilTab, add_pupil_tab

        from . import models, permissions  # noqa: F401  (permissions registers rules)

        register_pupil_model(models.LegalHold, label="Legal hold", can_read="privacy.manage")
        register_pupil_model(
            models.SubjectAccessRequest, label="Subject access request", can_read="privacy.manage"
        )
        add_pupil_tab(PupilTab("Subject access", "privacy-sar", "privacy.manage", order=90))
