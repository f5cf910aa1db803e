from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "sendco.assessments"
    label = "assessments"
    verbose_name = "Standardised assessments (shared)"

    def ready(self):
        from sendco.audit.registry import register_pupil_model

        from . import models, permissions  # noqa: F401  (the rules)

        register_pupil_model(models.Assessment, label="Assessment", can_read="assessment.view")
        register_pupil_model(models.Score, label="Assessment score", can_read="assessment.view")
