"""``gongkai search``: rebuild the search index from the database, or check it against it.

gongkai search reindex     build a new index of every published item beside the served one,
                           with progress, and swap it in when complete
gongkai search check       compare the index with the database; exit status 1 if they differ
gongkai search check --quick   compare the counts only (what `gongkai serve` runs at start-up)
gongkai search query 征收 [--unit CODE] [--year 2019]   search from the command line
gongkai search follow      apply the change log after this host's position (rebuild first
                           when the host cannot follow); --every N to keep following
gongkai search prune [--keep-days 30]   delete the change log's older rows
"""

from __future__ import annotations

import sys
import time
from datetime import timedelta
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.core.cli import GongkaiCommand, UsageError
from gongkai.search import engine, health, sync
from gongkai.units.models import Unit


class Command(GongkaiCommand):
    help = "全文检索索引：重建、核对、查询。"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="action", required=True, metavar="reindex|check|query|follow|prune"
        )
        follow = sub.add_parser("follow", help="按数据库中的变更日志更新本机索引")
        follow.add_argument("--every", type=float, default=0, help="每隔若干秒继续跟进")
        prune = sub.add_parser("prune", help="清理较早的变更日志")
        prune.add_argument("--keep-days", type=int, default=sync.KEEP_DAYS)
        sub.add_parser("reindex", help="按数据库重建索引（显示进度）")
        check = sub.add_parser("check", help="核对索引与数据库是否一致")
        check.add_argument("--quick", action="store_true", help="只比较条数")
        query = sub.add_parser("query", help="检索")
        query.add_argument("text")
        query.add_argument("--unit", help="单位代码")
        query.add_argument("--year", type=int)
        query.add_argument("--limit", type=int, default=10)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "reindex":
            self._reindex()
        elif action == "follow":
            self._follow(options["every"])
        elif action == "prune":
            self._prune(options["keep_days"])
        elif action == "check" and options["quick"]:
            self._quick()
        elif action == "check":
            self._check()
        else:
            self._query(options)

    def _reindex(self) -> None:
        total = Item.objects.public().count()
        started = time.monotonic()

        def progress(done: int) -> None:
            self.stderr.write(f"\r已索引 {done}/{total}", ending="")
            self.stderr.flush()

        count = sync.rebuild(progress=progress)
        self.stderr.write("")
        seconds = time.monotonic() - started
        self.stdout.write(
            f"索引重建完成：{count} 条，用时 {seconds:.1f} 秒，"
            f"索引 {engine.size_on_disk() / 1048576:.1f} MB（{engine.index_dir()}）"
        )

    def _follow(self, every: float) -> None:
        while True:
            done = sync.follow()
            if done.rebuilt:
                self.stdout.write(f"{done.rebuilt}：已重建索引。")
            if done.applied or not every:
                self.stdout.write(
                    f"已应用变更 {done.applied} 条，本机索引位于日志位置 {done.position}。"
                )
            if not every:
                return
            time.sleep(every)

    def _prune(self, keep_days: int) -> None:
        if keep_days < 1:
            raise UsageError("--keep-days 至少为 1")
        deleted = sync.prune(keep_days=keep_days)
        self.stdout.write(
            f"已清理 {keep_days} 天前的变更日志 {deleted} 条"
            f"（清理至位置 {sync.pruned_through()}）；落后于此位置的主机下次跟进时重建索引。"
        )

    def _position(self) -> None:
        """This host's place in the change log, and its lag."""
        state = sync.lag()
        if state.position is None:
            self.stdout.write(
                f"本机索引未跟进变更日志（日志最新位置 {state.newest}）："
                "运行 gongkai search follow 开始跟进。"
            )
            return
        line = f"本机索引位于变更日志位置 {state.position}，日志最新位置 {state.newest}"
        if state.behind:
            age = ""
            if state.oldest is not None:
                waited = max(timedelta(0), timezone.now() - state.oldest)
                age = f"，最早一条已等待 {int(waited.total_seconds())} 秒"
            line += f"，落后 {state.behind} 条{age}"
        else:
            line += "，没有落后"
        self.stdout.write(line + "。")
        if state.reason:
            self.stdout.write(f"{state.reason}：gongkai search follow 将先重建索引。")

    def _quick(self) -> None:
        found = health.measure()
        self._storage()
        self._position()
        if not found.agrees:
            self.stdout.write(found.problem())
            sys.exit(1)
        self.stdout.write(f"索引与数据库条数一致（{found.indexed} 条）。")

    def _storage(self) -> None:
        state = engine.storage()
        if state.building:
            self.stdout.write("索引正在重建：检索使用旧索引，重建完成后自动切换。")
        if state.leftovers:
            self.stdout.write(
                f"上次索引重建未完成（中断或出错），留下 {len(state.leftovers)} 个未完成的目录；"
                "检索照常使用旧索引，下次重建时自动清理。"
            )

    def _check(self) -> None:
        self._storage()
        self._position()
        items = Item.objects.public().only(*engine.SOURCE_FIELDS).order_by("pk")
        expected = {d.id: d.stamp for d in sync.documents(items.iterator(chunk_size=2000))}
        indexed = engine.indexed_stamps()
        missing = sorted(set(expected) - set(indexed))
        extra = sorted(set(indexed) - set(expected))
        stale = sorted(k for k in set(expected) & set(indexed) if expected[k] != indexed[k])
        self.stdout.write(
            f"数据库中应检索的信息 {len(expected)} 条；索引中 {len(indexed)} 条；"
            f"缺少 {len(missing)} 条，多余 {len(extra)} 条，内容过期 {len(stale)} 条。"
        )
        for label, ids in (("缺少", missing), ("多余", extra), ("过期", stale)):
            if ids:
                shown = "、".join(str(i) for i in ids[:20]) + ("……" if len(ids) > 20 else "")
                self.stdout.write(f"  {label}：{shown}")
        self._tiers()
        if missing or extra or stale:
            self.stdout.write("索引与数据库不一致：请运行 gongkai search reindex")
            sys.exit(1)
        self.stdout.write("索引与数据库一致。")

    def _tiers(self) -> None:
        """The impact tiers of the hot words: a matter of speed, never of results."""
        status = engine.tiers_status()
        words = sum(status.hot_words.values())
        if not words:
            self.stdout.write("高频词分层：未启用（索引重建时文档较少）；高频词检索按全表计分。")
        else:
            self.stdout.write(
                f"高频词分层：{words} 个高频词（单字 {status.hot_words.get('uni', 0)}，"
                f"双字 {status.hot_words.get('bi', 0)}）；"
                f"{status.current}/{status.documents} 条按当前参数建立索引。"
            )
        # counts include deleted documents until segments merge, so "more than" is possible
        if words and status.current < status.documents:
            self.stdout.write(
                "  部分文档按旧参数建立，高频词检索暂按全表计分：可运行 gongkai search reindex"
            )

    def _query(self, options: dict[str, Any]) -> None:
        unit_id = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise UsageError(f"没有代码为“{options['unit']}”的单位")
            unit_id = unit.pk
        results = engine.search(
            options["text"],
            engine.Filters(unit=unit_id, year=options["year"]),
            limit=max(1, min(options["limit"], 100)),
        )
        titles = dict(Item.objects.public().filter(pk__in=results.ids).values_list("pk", "title"))
        self.stdout.write(f"共 {results.total} 条")
        for item_id, score in zip(results.ids, results.scores, strict=True):
            self.stdout.write(f"{score:7.2f}  {item_id}  {titles.get(item_id, '')}")
