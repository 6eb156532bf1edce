from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    label = "catalog"
    verbose_name = "主动公开"

    def ready(self) -> None:
        # A unit switched on or off changes what the public sees of its items; the units app,
        # below the catalog, announces it and imports nothing of the catalog.
        from gongkai.catalog import receivers
        from gongkai.units.signals import unit_switched, unit_switching

        unit_switched.connect(receivers.unit_switched, dispatch_uid="gongkai.catalog.units")
        unit_switching.connect(
            receivers.unit_switching, dispatch_uid="gongkai.catalog.units.switching"
        )
