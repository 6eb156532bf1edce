from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gongkai.core"
    label = "core"
    verbose_name = "公共部件"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from gongkai.core import storedfiles

        # After every request: files written for a transaction that rolled back are removed.
        request_finished.connect(storedfiles.discard_rolled_back, dispatch_uid="gongkai-files")
