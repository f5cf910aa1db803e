from django.apps import AppConfig


class ConcernsConfig(AppConfig):
    name = "sendco.concerns"
    label = "concerns"
    verbose_name = "Concerns (identification of need)"

    def ready(self):
        from sendco.audit.registry import register_pupil_model
        from sendco.core.home_panels import HomePanel, add_home_panel
        from sendco.core.navigation import NavItem, PupilTab, add_nav, add_pupil_tab

        from . import models, permissions, selectors

        by_concern = permissions.concern_reader("concern_id")
        register_pupil_model(models.Concern, label="Concern", can_read=permissions.concern_reader())
        register_pupil_model(models.InputRequest, label="Concern input request", can_read=by_concern)
        register_pupil_model(models.Evidence, label="Concern evidence", can_read=by_concern)
        add_pupil_tab(PupilTab("Concerns", "concern-pupil-list", "concern.tab", order=30))
        add_nav(
            NavItem(
                "Concerns",
                "concern-list",
                lambda roles: roles.has_any(permissions.CONCERN_ROLES),
                section="concerns",
                order=40,
            )
        )
        add_home_panel(HomePanel("concerns/_home_panel.html", selectors.home_panel, order=20))
