from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims"

    def ready(self):
        # The admin has autodiscovered claims.admin by now (it is listed first); the measure
        # page extends the MeasureAdmin registered there.
        from . import measure_admin  # noqa: F401
