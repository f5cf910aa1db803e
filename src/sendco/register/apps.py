from django.apps import AppConfig


class RegisterConfig(AppConfig):
    name = "sendco.register"
    label = "register"
    verbose_name = "SEND register"

    def ready(self):
        from sendco.accounts.roles import WHOLE_SCHOOL_ROLES
        from sendco.audit.registry import register_pupil_model
        from sendco.core.home_panels import HomePanel, add_home_panel
        from sendco.core.navigation import NavItem, PupilTab, add_nav, add_pupil_tab

        from . import columns, integrations, models, permissions, selectors  # noqa: F401  (rules, column)

        register_pupil_model(models.SenStatus, label="SEN status", can_read="register.history")
        register_pupil_model(models.PupilNeed, label="Need", can_read="register.history")
        add_nav(
            NavItem(
                "SEND register",
                "register",
                lambda roles: roles.has_any(WHOLE_SCHOOL_ROLES),
                "register",
                order=20,
            )
        )
        add_pupil_tab(PupilTab("SEN", "register-pupil", "register.history", order=10))
        add_home_panel(HomePanel("register/_home_panel.html", selectors.home_panel, order=10))
        integrations.register()  # the pupil page's statuses and needs, the EHC request's section
