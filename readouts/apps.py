from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadoutsConfig(AppConfig):
    name = "readouts"
    verbose_name = _("Readouts")
