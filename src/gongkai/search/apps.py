from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "gongkai.search"
    label = "search"
    verbose_name = "检索"

    def ready(self) -> None:
        # The catalog announces its changes; the index follows (the catalog imports no search).
        from gongkai.catalog.signals import items_changed, items_changing
        from gongkai.search import engine, sync

        items_changing.connect(sync.log_changes, dispatch_uid="gongkai.search.log")
        items_changed.connect(sync.items_changed, dispatch_uid="gongkai.search.sync")
        engine.before_search = sync.catch_up
