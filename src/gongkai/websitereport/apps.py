from django.apps import AppConfig


class WebsiteReportConfig(AppConfig):
    name = "gongkai.websitereport"
    label = "websitereport"
    verbose_name = "政府网站工作年度报表"

    def ready(self) -> None:
        # A published return locks its year for the response log it counts, through the same
        # closed-year lock as the annual report (gongkai.core.locks).
        from gongkai.core import locks
        from gongkai.websitereport.locks import BOOK, locking_return

        locks.set_finder(locking_return, book=BOOK)
