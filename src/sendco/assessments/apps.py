from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "sendco.assessments"
    label = "assessments"
    verbose_name = "Standardised assessments (shared)"

    def ready(self):
        from sendco.audit.registry import register_pupil_model
        from sendco.core.navigation import PupilTab, add_pupil_tab

        from . import models, permissions  # noqa: F401  (the rules)

        register_pupil_model(models.Assessment, label="Assessment", can_read="assessment.view")
        register_pupil_model(models.Score, label="Assessment score", can_read="assessment.view")
        register_pupil_model(models.ProfessionalReport, label="Professional report", can_read="report.view")
        register_pupil_model(models.Recommendation, label="Report recommendation", can_read="report.view")
        add_pupil_tab(PupilTab("Assessments", "assessment-pupil-list", "assessment.view", order=35))
        add_pupil_tab(PupilTab("Reports", "report-pupil-list", "report.view", order=36))
