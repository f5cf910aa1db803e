from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "sendco.register"
    label = "register"
    verbose_name = "SEND register"

    def ready(self):
        from sendco.audit.registry import register_pupil_model

        from . import models

        register_pupil_model(models.SenStatus, label="SEN status")
        register_pupil_model(models.PupilNeed, label="Need")
