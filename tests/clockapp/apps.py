from django.apps import AppConfig


class ClockAppConfig(AppConfig):
    name = "tests.clockapp"
    label = "clockapp"

    def ready(self) -> None:
        from tests.clockapp import models  # noqa: F401 - connects the receiver
