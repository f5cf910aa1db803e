from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "sendco.chronology"
    label = "chronology"
    verbose_name = "Chronology"

    def ready(self):
        from sendco.audit.registry import register_pupil_model
        from sendco.core.home_panels import HomePanel, add_home_panel
        from sendco.core.navigation import PupilTab, add_pupil_tab

        from . import models, permissions, selectors  # noqa: F401  (permissions registers rules)

        register_pupil_model(
            models.ChronologyEntry, label="Chronology entry", can_read=permissions.entry_reader
        )
        register_pupil_model(
            models.ChronologyAttachment, label="Chronology attachment", can_read=permissions.attachment_reader
        )
        add_pupil_tab(PupilTab("Chronology", "chronology-list", "chronology.view_tab", order=40))
        add_home_panel(HomePanel("chronology/_home_follow_ups.html", selectors.follow_ups_panel, order=30))

        from . import integrations

        integrations.register()
