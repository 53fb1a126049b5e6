from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo work plan (`manage.py load_demo`): it uses every app, so it sits above them."""

    name = "demo"
    verbose_name = _("Demo data")
