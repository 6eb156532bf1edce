"""Rules written once stay written once: a second copy fails here, with its file and line.

In the manner of Zulip's custom linters (tools/linter_lib/custom_check.py): a table of rules,
each a pattern over lines (a regular expression) or over Python's syntax tree, the files it
applies to, and a message in Chinese and English saying where the rule lives instead. Each rule
carries good and bad example lines, and the test checks its pattern against them first: a
pattern that misses one of its bad lines, or hits one of its good ones, fails before the source
is scanned.

A line that must stay as it is carries ``# rule-ok: <reason>`` (``{# rule-ok: <reason> #}`` in a
template). The reason is required, and a marker that no rule needs any more fails too.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

import pytest

from gongkai.applications.status import HANDLING
from tests import sources

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "gongkai"

MARKER = re.compile(r"rule-ok:(?P<reason>.*?)(?:#\}|$)")

# Where each kind of file lives, relative to src/gongkai.
VIEWS = ("*views.py", "staff_home.py")
TEMPLATES = ("templates/*.html",)
SERVICES = ("*services.py", "*services/*.py")
FORMS = ("*forms.py",)

# What a check returns: the 1-based line numbers it finds in a source.
Check = Callable[[str], list[int]]


def lines_matching(pattern: str) -> Check:
    compiled = re.compile(pattern)

    def check(source: str) -> list[int]:
        return [n for n, line in enumerate(source.splitlines(), 1) if compiled.search(line)]

    return check


@dataclass(frozen=True)
class Rule:
    name: str
    check: Check
    paths: tuple[str, ...]  # shell patterns relative to src/gongkai
    message: str  # where the rule lives instead, in Chinese and English
    good: tuple[str, ...]
    bad: tuple[str, ...]
    exempt: tuple[str, ...] = ()  # the rule's own home

    def applies_to(self, relative: str) -> bool:
        if any(fnmatch(relative, p) for p in self.exempt) or "/migrations/" in relative:
            return False
        return any(fnmatch(relative, p) for p in self.paths)


# --- AST checks ---------------------------------------------------------------------------------
HANDLING_STATES = {state.name for state in HANDLING}
HANDLING_VALUES = {state.value for state in HANDLING}


def _nodes(source: str) -> Iterator[ast.AST]:
    return ast.walk(sources.parse(source))  # the package parses, and so must the examples


def handling_state_sets(source: str) -> list[int]:
    """A literal set, tuple or list naming two or more of the handling states (by member or by
    value): a copy of ``status.HANDLING``, or a part of it."""
    found = []
    for node in _nodes(source):
        if isinstance(node, ast.Set | ast.Tuple | ast.List):
            named = set()
            for element in node.elts:
                if isinstance(element, ast.Attribute) and element.attr in HANDLING_STATES:
                    named.add(element.attr)
                elif isinstance(element, ast.Constant) and element.value in HANDLING_VALUES:
                    named.add(str(element.value).upper())
            if len(named) >= 2:
                found.append(node.lineno)
    return found


def published_filters(source: str) -> list[int]:
    """A query that writes the catalog's "published" itself: ``filter``, ``exclude``, ``get`` or
    ``Q`` with ``status=State.PUBLISHED`` (or ``"published"``) instead of
    ``Item.objects.published()`` / ``.public()``. The annual reports' own status
    (``ReportStatus.PUBLISHED``) is another thing and not matched."""
    found = []
    for node in _nodes(source):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in ("filter", "exclude", "get", "Q"):
            continue
        for keyword in node.keywords:
            value = keyword.value
            if keyword.arg != "status":
                continue
            if (
                isinstance(value, ast.Attribute)
                and value.attr == "PUBLISHED"
                and isinstance(value.value, ast.Name)
                and value.value.id in ("State", "ItemStatus")
            ) or (isinstance(value, ast.Constant) and value.value == "published"):
                found.append(node.lineno)
    return found


# --- the rules ----------------------------------------------------------------------------------
RULES: tuple[Rule, ...] = (
    Rule(
        "role-comparison",
        lines_matching(
            r"\bRole\.(OFFICE|SUPERVISOR|CLERK|REVIEWER)\b"
            r"|\b(staff|staff_member|member)\.role\s*(==|!=|not\s+in\b|in\b)"
            r"|(==|!=)\s*(staff|staff_member|member)\.role\b"
            r"|\brole\s*(==|!=)\s*[\"'](office|supervisor|clerk|reviewer)[\"']"
        ),
        VIEWS + TEMPLATES,
        "视图和模板不判断角色，请询问 accounts/access.py（can、is_office、is_district_wide、"
        "is_read_only、acts_for），模板用视图给的标志 / Views and templates never test a role: ask "
        "gongkai/accounts/access.py, and give a template a flag (docs/access.md)",
        good=(
            "    if is_district_wide(staff):",
            "    fields = UNIT_EDIT_FIELDS if is_office(staff) else UNIT_CONTACT_FIELDS",
            '    role = params.choice(request.GET, "role", Role.values)',
            '        {"page": page, "roles": Role.choices, "role": role, "q": q},',
            '                    role=Role(data["role"]),',
            "{% if read_only %}监督角色可以查看全部信息，不能修改。{% endif %}",
            '<div class="errors" role="alert">',
            '{% if cell.role == "head" or cell.role == "label" %}<th>',
            "<td>{{ p.get_role_display }}</td>",
        ),
        bad=(
            "    district_wide = staff.role in (Role.OFFICE, Role.SUPERVISOR)",
            "    if staff.role != Role.OFFICE:",
            "    if staff.role == Role.REVIEWER and staff.unit_id == unit.pk:",
            "    if staff.unit_id and staff.role not in DISTRICT_WIDE:",
            '        if member.pk == staff.pk and data["role"] != staff.role:',
            '{% if staff_member.role == "supervisor" %}监督角色可以查看全部信息{% endif %}',
            "{% if r.unit or staff_member.role == 'office' %}",
        ),
    ),
    Rule(
        "handling-states",
        handling_state_sets,
        ("*.py",),
        "办理中的状态只在 applications/status.py 的 HANDLING 中列出 / The handling states are "
        "listed once, as HANDLING in gongkai/applications/status.py",
        good=(
            "handled = application.status in HANDLING",
            "waiting = case.status != Status.AWAITING_FEE",
            "ANSWERED = frozenset({Status.DECIDED, Status.CLOSED, Status.WITHDRAWN})",
            "return _not_in(case, {Status.UNROUTED, Status.PROCESSING}, '分办')",
        ),
        bad=(
            "HANDLING = (Status.PROCESSING, Status.CONSULTING, Status.AWAITING_FEE)",
            "paused = app.status in {Status.CONSULTING, Status.AWAITING_FEE}",
            "open_states = ['processing', 'consulting']",
        ),
        exempt=("applications/status.py",),
    ),
    Rule(
        "working-day-literal",
        lines_matching(
            r"(?<![\d{])([2-9]|[1-9]\d+)\s*个?工作日"
            r"|(?<!timedelta\()\b(days|period_days|reply_days|extension_days)\s*(:\s*int\s*)?"
            r"(=|<=|>=|<|>)\s*([2-9]|[1-9]\d+)\b"
            r"|\b[A-Z0-9_]*DAYS[A-Z0-9_]*\s*=\s*([2-9]|[1-9]\d+)\b"
            r"|\.add\([^,()]+,\s*([2-9]|[1-9]\d+)\)"
        ),
        SERVICES + FORMS + VIEWS + TEMPLATES + ("applications/rules.py", "*/selectors.py"),
        "工作日期限只写在 workdays/clock.py（Period、ChosenPeriod），模板用 periods "
        "/ A number of working days is written only in gongkai/workdays/clock.py; templates read "
        "{{ periods.answer.days }} (docs/deadlines.md)",
        good=(
            "    period_days: int = clock.CORRECTION_PERIOD.default,",
            '            "max_value": f"补正期限不超过{clock.CORRECTION_PERIOD.high}个工作日",',
            '            "min_value": "至少延长1个工作日",',
            "自收到申请之日起{{ periods.answer.days }}个工作日内答复",
            "    reply_by = calendar.add(on, reply_days)",
            "    since = timezone.localdate() - dt.timedelta(days=3 * 366)",
            "MAX_ATTACHMENTS = 20",
        ),
        bad=(
            "    period_days: int = 15,",
            "    if not 1 <= period_days <= 60:",
            '        raise ApplicationError("补正期限应为1至60个工作日")',
            "<p>答复期限15个工作日，延长不超过15个工作日。</p>",
            "    due = calendar.add(received, 20)",
            "    reply_days=10,",
            "ART35_REPLY_DAYS_DEFAULT = 10",
        ),
    ),
    Rule(
        "published-filter",
        published_filters,
        ("*.py",),
        "“已发布”和“公众可见”只在 catalog/models.py 中定义：Item.objects.published()、"
        "Item.objects.public() / What is published and what the public sees are defined once, "
        "as Item.objects.published() and Item.objects.public() (docs/catalog.md)",
        good=(
            "items = Item.objects.public().filter(unit=unit)",
            "last = Item.objects.published().filter(column__in=columns)",
            "reports = AnnualReport.objects.filter(unit=unit, status=ReportStatus.PUBLISHED)",
            "counts = Item.objects.filter(status__in=[State.PUBLISHED, State.WITHDRAWN])",
        ),
        bad=(
            "return Item.objects.filter(status=State.PUBLISHED, column__is_active=True)",
            "published = column.items.filter(status=State.PUBLISHED)",
            "found = Item.objects.filter(\n    index_number=number, status=State.PUBLISHED\n)",
            "q = Q(status=State.PUBLISHED, published_on__gte=since)",
            "items.exclude(status='published')",
        ),
        exempt=("catalog/models.py",),
    ),
    Rule(
        "whole-registry",
        lines_matching(r"\b(Unit|Staff)\.objects\b"),
        VIEWS,
        "员工页面只经 accounts/access.py 的 visible_units、visible_staff 读取单位和人员，"
        "一级政府的公开办只看本级政府的下级单位 / A staff page reads units and staff only "
        "through visible_units and visible_staff of gongkai/accounts/access.py: the office of a "
        "government sees its own subtree (docs/governments.md)",
        good=(
            "    units = list(visible_units(staff).filter(is_active=True))",
            "    people = visible_staff(staff).order_by('name')",
            "    count = Unit.DoesNotExist",
        ),
        bad=(
            "        units = list(Unit.objects.filter(is_active=True).order_by('sort_order'))",
            '        "staff_total": Staff.objects.filter(user__is_active=True).count()',
        ),
        # the public's pages, which show a government's subtree by the host (docs/governments.md)
        exempt=(
            "portal/views.py",
            "portal/catalog_views.py",
            "portal/lookup_views.py",
            "portal/reuse_views.py",
            "applications/public_views.py",
            "questions/public_views.py",
        ),
    ),
    Rule(
        "due-soon-days",
        lines_matching(
            r"\bdays_left\s*(<=|<)\s*[1-9]"
            r"|\bsoon_days\s*=\s*\d"
            r"|\bGONGKAI_DUE_SOON_DAYS\b"
        ),
        ("*.py", *TEMPLATES),
        "“即将到期”的天数是设置 GONGKAI_DUE_SOON_DAYS，只由 applications/selectors.soon_days() "
        "读取 / Due soon is the setting GONGKAI_DUE_SOON_DAYS, read only by "
        "gongkai.applications.selectors.soon_days()",
        good=(
            "{% elif days_left is not None and days_left <= soon_days %} warn{% endif %}",
            "{% if days_left < 0 %}已超期{% elif days_left == 0 %}今日届满{% endif %}",
            "        soon_days=soon_days(),",
        ),
        bad=(
            "{% elif days_left is not None and days_left <= 3 %} warn{% endif %}",
            "    limit = calendar.add(today, int(settings.GONGKAI_DUE_SOON_DAYS))",
            "        soon_days=3,",
        ),
        exempt=("settings.py", "applications/selectors.py"),
    ),
)


# --- the scan -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Finding:
    rule: Rule
    where: str
    line: int

    def __str__(self) -> str:
        return f"{self.where}:{self.line}: [{self.rule.name}] {self.rule.message}"


def _files() -> list[Path]:
    return sorted(p for p in SRC.rglob("*") if p.suffix in (".py", ".html") and p.is_file())


def scan(files: list[Path], root: Path = SRC) -> tuple[list[Finding], set[tuple[str, int]]]:
    """Every finding, and every marked line (``rule-ok``) that a rule would have found."""
    findings: list[Finding] = []
    used: set[tuple[str, int]] = set()
    for path in files:
        relative = path.relative_to(root).as_posix()
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for rule in RULES:
            if not rule.applies_to(relative):
                continue
            for line in sorted(set(rule.check(source))):
                if "rule-ok" in lines[line - 1]:
                    used.add((relative, line))
                else:
                    findings.append(Finding(rule, f"src/gongkai/{relative}", line))
    return findings, used


def markers(files: list[Path], root: Path = SRC) -> Iterator[tuple[str, int, str]]:
    """Every ``rule-ok`` marker: where, and the reason it gives."""
    for path in files:
        relative = path.relative_to(root).as_posix()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "rule-ok" in line:
                found = MARKER.search(line)
                yield relative, n, (found.group("reason") if found else "").strip()


# --- the rules' own examples --------------------------------------------------------------------
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_each_rule_finds_its_bad_examples_and_none_of_its_good_ones(rule):
    assert rule.good
    assert rule.bad
    for good in rule.good:
        assert rule.check(good) == [], f"{rule.name} wrongly matches its good example: {good!r}"
    for bad in rule.bad:
        assert rule.check(bad), f"{rule.name} misses its bad example: {bad!r}"


def test_rule_names_are_unique_and_every_rule_says_where_the_rule_lives():
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert re.search(r"[\u4e00-\u9fff]", rule.message), rule.name  # Chinese
        assert re.search(r"[A-Za-z]{4,}", rule.message), rule.name  # and English
        assert rule.paths


def test_each_rule_applies_to_files_that_exist():
    relative = [str(p.relative_to(SRC)) for p in _files()]
    for rule in RULES:
        assert any(rule.applies_to(r) for r in relative), f"{rule.name} applies to nothing"
        for home in rule.exempt:
            assert (SRC / home).exists(), f"{rule.name}: its home {home} does not exist"


def test_the_scan_reports_file_line_and_message_and_honours_a_marker(tmp_path):
    views = tmp_path / "fake" / "views.py"
    views.parent.mkdir()
    views.write_text(
        "def page(staff):\n"
        "    if staff.role == Role.OFFICE:\n"
        "        pass\n"
        "    if staff.role == Role.SUPERVISOR:  # rule-ok: an exempted line, for the test\n"
        "        pass\n",
        encoding="utf-8",
    )
    findings, used = scan([views], root=tmp_path)
    assert [str(f).split(" [")[0] for f in findings] == ["src/gongkai/fake/views.py:2:"]
    assert "[role-comparison]" in str(findings[0])
    assert "accounts/access.py" in str(findings[0])
    assert used == {("fake/views.py", 4)}
    assert list(markers([views], root=tmp_path)) == [
        ("fake/views.py", 4, "an exempted line, for the test")
    ]


# --- the source ---------------------------------------------------------------------------------
@functools.cache
def _package_scan() -> tuple[list[Finding], set[tuple[str, int]]]:
    """The scan of the package, made once for the two tests below."""
    return scan(_files())


def test_no_rule_is_written_a_second_time():
    findings, _used = _package_scan()
    assert not findings, "\n" + "\n".join(str(f) for f in findings)


def test_every_rule_ok_marker_gives_its_reason_and_is_still_needed():
    files = _files()
    _findings, used = _package_scan()
    for relative, line, reason in markers(files):
        assert len(reason) >= 8, f"src/gongkai/{relative}:{line}: rule-ok needs a reason"
        assert (relative, line) in used, (
            f"src/gongkai/{relative}:{line}: no rule needs this rule-ok marker any more"
        )
