"""``gongkai demo``: build (or repair) the demo district and print its logins; ``--city``: the
demo city of three districts instead (gongkai.demo.city). Safe to re-run."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import CommandParser

from gongkai.core.cli import GongkaiCommand
from gongkai.demo import build, city, district


class Command(GongkaiCommand):
    help = "建立演示区（62个公开单位及其工作人员），并列出登录账号。可重复运行，不会重复建立。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000", help="平台地址，用于打印登录网址"
        )
        parser.add_argument("--quiet", action="store_true", help="只打印摘要，不列出全部账号")
        parser.add_argument(
            "--city",
            action="store_true",
            help="改为建立演示市：北京市及3个区（各为演示区的缩减版，各有门户主机名和区公开办）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(message: str) -> None:
            sys.stderr.write(f"  … {message}\n")

        url = options["url"].rstrip("/")
        if options["city"]:
            self.stdout.write(f"正在建立演示市：{city.CITY['name']}及{len(city.DISTRICTS)}个区")
            report = city.build(progress)
        else:
            self.stdout.write(f"正在建立演示区：{district.DISTRICT_NAME}")
            report = build.build(progress)
        for line in report.lines:
            self.stdout.write(f"  {line}")
        self.stdout.write("")
        self.stdout.write(f"门户网站：{url}/")
        if options["city"]:
            port = url.rsplit(":", 1)[1] if url.count(":") == 2 else ""
            for name, host in [("市", city.CITY_HOST)] + [(d.name, d.host) for d in city.DISTRICTS]:
                self.stdout.write(f"  {name}门户：http://{host}{':' + port if port else ''}/")
            hosts = ",".join([city.CITY_HOST, *(d.host for d in city.DISTRICTS)])
            self.stdout.write(f"  （须设置 GONGKAI_ALLOWED_HOSTS=localhost,127.0.0.1,{hosts}）")
        self.stdout.write(f"工作人员登录：{url}/accounts/login/")
        self.stdout.write(f"全部演示账号的密码：{build.DEMO_PASSWORD}")
        shown = report.logins if not options["quiet"] else report.logins[:5]
        width = max(len(login.username) for login in shown) if shown else 0
        for login in shown:
            where = f"，{login.unit}" if login.unit else ""
            self.stdout.write(f"  {login.username.ljust(width)}  {login.role}：{login.name}{where}")
        if options["quiet"] and len(report.logins) > len(shown):
            rest = len(report.logins) - len(shown)
            self.stdout.write(f"  ……其余 {rest} 个账号：<单位代码>.clerk、<单位代码>.reviewer")
