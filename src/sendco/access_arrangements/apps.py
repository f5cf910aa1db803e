from django.apps import AppConfig


class AccessArrangementsConfig(AppConfig):
    name = "sendco.access_arrangements"
    label = "access_arrangements"
    verbose_name = "Exam access arrangements (JCQ)"

    def ready(self):
        import rules

        from sendco.audit.registry import register_pupil_model
        from sendco.core.access import can_see_pupil
        from sendco.core.navigation import PupilTab, add_pupil_tab

        from . import lookups, models, permissions  # noqa: F401  (the rules)

        register_pupil_model(models.Arrangement, label="Access arrangement", can_read="aa.view")
        register_pupil_model(models.Form8, label="Form 8", can_read="aa.detail")
        register_pupil_model(
            models.NormalWayRequest, label="Normal way of working evidence", can_read="aa.detail"
        )
        register_pupil_model(
            models.AlternativeEvidence, label="Access arrangement evidence", can_read="aa.detail"
        )
        # The tab shows from Year 9, or earlier once a pupil has arrangements.
        rules.set_rule("aa.tab", can_see_pupil & permissions.reads_arrangements & lookups.tab_applies)
        add_pupil_tab(PupilTab("Access arrangements", "aa-pupil", "aa.tab", order=60))
