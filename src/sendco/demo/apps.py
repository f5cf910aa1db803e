from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "sendco.demo"
    label = "demo"
    verbose_name = "Demo data"
