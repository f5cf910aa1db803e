from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "sendco.plans"
    label = "plans"
    verbose_name = "Passports and SEN support plans"

    def ready(self):
        from sendco.accounts.roles import Role
        from sendco.audit.registry import register_pupil_model
        from sendco.core.home_panels import HomePanel, add_home_panel
        from sendco.core.navigation import NavItem, PupilTab, add_nav, add_pupil_tab

        from . import models, permissions  # noqa: F401  (permissions registers the rules)
        from .selectors import home_panel_context

        notes = permissions.STAFF_NOTES
        register_pupil_model(
            models.Passport, label="Pupil passport", can_read="plans.view", field_perms=notes
        )
        register_pupil_model(models.Plan, label="SEN support plan", can_read="plans.view")
        register_pupil_model(
            models.PlanCycle, label="Plan cycle", can_read="plans.view", field_perms=permissions.CYCLE_NOTES
        )
        register_pupil_model(models.Target, label="Plan target", can_read=permissions.target_reader)
        register_pupil_model(models.Review, label="Plan review", can_read="plans.view", field_perms=notes)
        register_pupil_model(models.TargetRating, label="Target rating", can_read=permissions.rating_reader)
        register_pupil_model(models.ParentContribution, label="Parent's views", can_read="plans.view")
        register_pupil_model(models.PlanAcknowledgement, label="Plan read by parent", can_read="plans.view")
        # Invitations (addresses, messages) are sent and read by staff.
        register_pupil_model(
            models.ReviewInvitation, label="Review invitation", can_read="plans.staff_content"
        )

        staff = {Role.SENCO, Role.ASSISTANT_SENCO, Role.HEAD, Role.TEACHER, Role.TA}
        add_nav(
            NavItem(
                "Reviews",
                "plans-reviews-due",
                lambda roles: roles.has_any(staff),
                section="reviews",
                order=30,
            )
        )
        add_nav(
            NavItem(
                "Class passports",
                "plans-classes",
                lambda roles: roles.has_any(staff),
                section="classes",
                order=31,
            )
        )
        add_pupil_tab(PupilTab("Passport", "plans-passport", "plans.view", order=20))
        add_pupil_tab(PupilTab("Support plan", "plans-plan", "plans.view", order=21))
        add_home_panel(HomePanel("plans/_home_panel.html", home_panel_context, order=20))

        from . import integrations

        integrations.register()
