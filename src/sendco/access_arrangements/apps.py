from django.apps import AppConfig


class AccessArrangementsConfig(AppConfig):
    name = "sendco.access_arrangements"
    label = "access_arrangements"
    verbose_name = "Exam access arrangements (JCQ)"

    def ready(self):
        from sendco.audit.registry import register_pupil_model
        from sendco.core.reminders import add_reminder_source

        from . import models, permissions  # noqa: F401  (the rules)
        from .reminders import TITLE, access_arrangement_reminders

        register_pupil_model(models.Arrangement, label="Access arrangement", can_read="aa.view")
        register_pupil_model(models.Form8, label="Form 8", can_read="aa.detail")
        register_pupil_model(
            models.NormalWayRequest, label="Normal way of working evidence", can_read="aa.detail"
        )
        register_pupil_model(
            models.AlternativeEvidence, label="Access arrangement evidence", can_read="aa.detail"
        )
        add_reminder_source(access_arrangement_reminders, title=TITLE)
