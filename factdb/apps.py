from django.apps import AppConfig


class FactdbConfig(AppConfig):
    name = "factdb"
    verbose_name = "factdb"
