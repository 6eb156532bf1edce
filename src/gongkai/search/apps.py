from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "检索"

    def ready(self) -> None:
        # The catalog announces its changes; the index follows (the catalog imports no search).
        from gongkai.catalog.signals import items_changed
        from gongkai.search import sync

        items_changed.connect(sync.items_changed, dispatch_uid="gongkai.search.sync")
