from django.apps import AppConfig


class AccessArrangementsConfig(AppConfig):
    name = "sendco.access_arrangements"
    label = "access_arrangements"
    verbose_name = "Exam access arrangements (JCQ)"

    def ready(self):
        from sendco.audit.registry import register_pupil_model
        from sendco.core.home_panels import HomePanel, add_home_panel
        from sendco.core.navigation import NavItem, PupilTab, add_nav, add_pupil_tab
        from sendco.core.reminders import add_reminder_source

        from . import models, permissions, selectors_centre
        from .reminders import TITLE, access_arrangement_reminders

        register_pupil_model(models.Arrangement, label="Access arrangement", can_read="aa.view")
        register_pupil_model(models.Form8, label="Form 8", can_read="aa.detail")
        register_pupil_model(
            models.NormalWayRequest, label="Normal way of working evidence", can_read="aa.detail"
        )
        register_pupil_model(
            models.AlternativeEvidence, label="Access arrangement evidence", can_read="aa.detail"
        )
        # One landing page (aa-home) sends the SEN team and head to the centre check and the
        # exams officer to the exam-day lists.
        add_nav(
            NavItem(
                "Access arrangements",
                "aa-home",
                lambda roles: roles.has_any(permissions.EXAMS_ROLES),
                section="access-arrangements",
                order=85,
            )
        )
        add_home_panel(
            HomePanel("access_arrangements/centre/_home_panel.html", selectors_centre.home_panel, order=40)
        )
        add_reminder_source(access_arrangement_reminders, title=TITLE)
        add_pupil_tab(PupilTab("Access arrangements", "aa-pupil", "aa.tab", order=60))
