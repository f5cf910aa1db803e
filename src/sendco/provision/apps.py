from django.apps import AppConfig


class ProvisionConfig(AppConfig):
    name = "sendco.provision"
    label = "provision"
    verbose_name = "Provision map"

    def ready(self):
        from sendco.audit.registry import register_pupil_model
        from sendco.core.home_panels import HomePanel, add_home_panel
        from sendco.core.navigation import NavItem, PupilTab, add_nav, add_pupil_tab

        from . import models, permissions  # noqa: F401  (registers the rules)
        from .selectors import home_panel

        register_pupil_model(models.GroupMember, label="Provision place", can_read="provision.pupil")
        register_pupil_model(models.Score, label="Provision scores", can_read="provision.pupil")
        register_pupil_model(models.Attendance, label="Provision attendance", can_read="provision.pupil")
        # Money: a pupil's top-up is for SENCO and head only (provision.permissions).
        register_pupil_model(models.TopUp, label="Top-up funding", can_read="provision.pupil_money")
        add_pupil_tab(PupilTab("Provision", "provision-pupil", "provision.pupil", order=40))
        add_nav(
            NavItem(
                "Provision",
                "provision-home",
                visible=lambda roles: roles.has_any(
                    permissions.MANAGER_ROLES
                    + (permissions.Role.TEACHER, permissions.Role.TA, permissions.Role.GOVERNOR)
                ),
                section="provision",
                order=80,
            )
        )
        add_home_panel(HomePanel("provision/_home_panel.html", home_panel, order=30))

        from . import integrations

        integrations.register()
