from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        # The apps below the reports refuse changes in a closed year by asking this app,
        # through gongkai.core.locks, which year a published report locks.
        from gongkai.core import locks
        from gongkai.reports.locks import locking_report

        locks.set_finder(locking_report)
