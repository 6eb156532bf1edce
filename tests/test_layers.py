"""The layers of docs/architecture.md, held by reading every module's imports.

Each module of ``src/gongkai`` belongs to a layer; it may import its own app and the layers
below, never one above, and a sibling app of its own layer only where the table allows it. Every
import counts: at the top of the module, inside a function, under ``if TYPE_CHECKING:``. A
module whose docstring calls it pure imports neither Django nor ``gongkai.settings`` nor any
module that is not pure itself. The checker is tested on small sources of its own first.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests import sources

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
DOC = ROOT / "docs" / "architecture.md"


# --- the rules (docs/architecture.md says the same, and a test below checks that it does) --------
@dataclass(frozen=True)
class Layer:
    name: str
    parts: tuple[str, ...]  # packages and modules, by dotted name


LAYERS: tuple[Layer, ...] = (
    Layer(
        "law and pure rules",
        ("gongkai.law", "gongkai.remedies", "gongkai.report_format", "gongkai.env"),
    ),
    Layer("core", ("gongkai.core",)),
    Layer("audit", ("gongkai.audit",)),
    Layer("units and calendar", ("gongkai.units", "gongkai.workdays")),
    Layer("accounts", ("gongkai.accounts", "gongkai.regions")),
    Layer(
        "domain",
        (
            "gongkai.applications",
            "gongkai.appeals",
            "gongkai.catalog",
            "gongkai.training",
            "gongkai.questions",
        ),
    ),
    Layer(
        "reports, search and oversight",
        (
            "gongkai.reports",
            "gongkai.search",
            "gongkai.statistics",
            "gongkai.inspections",
            "gongkai.sitecheck",
            "gongkai.assessment",
            "gongkai.consultations",
            "gongkai.reuse",
            "gongkai.websitereport",
        ),
    ),
    Layer(
        "portal and entry points",
        (
            "gongkai.portal",
            "gongkai.opendata",
            "gongkai.demo",
            "gongkai.tasks",
            "gongkai.staff_home",
            "gongkai.backup",
            "gongkai.urls",
            "gongkai.staff_urls",
            "gongkai.settings",
            "gongkai.wsgi",
            "gongkai.__main__",
        ),
    ),
)
TOP = len(LAYERS) - 1

# Parts of one layer that may import another part of it: (importer, imported).
SIBLINGS = frozenset(
    {
        ("gongkai.remedies", "gongkai.law"),  # the remedies cite the Regulation
        # a government's office enters its region's days: the page's getter asks access
        ("gongkai.regions", "gongkai.accounts"),
        ("gongkai.appeals", "gongkai.applications"),  # an appeal contests an application's reply
        # a question that asks for information is registered as an application
        ("gongkai.questions", "gongkai.applications"),
        ("gongkai.sitecheck", "gongkai.search"),  # the check probes the site's search
        # the assessment scores the rectifications of the inspections (考核 of 整改落实)
        ("gongkai.assessment", "gongkai.inspections"),
        # a survey's results are drawn with the statistics' SVG charts
        ("gongkai.consultations", "gongkai.statistics"),
        # applications compared as the index cuts text; the report counts 第四十四条 items
        ("gongkai.reuse", "gongkai.search"),
        ("gongkai.reports", "gongkai.reuse"),
        # the website's return reconciles with table 二 of the annual report, and counts the
        # consultations and surveys under 互动交流
        ("gongkai.websitereport", "gongkai.reports"),
        ("gongkai.websitereport", "gongkai.consultations"),
    }
)

# What every view may import besides its own layer and those below: the gate it is wrapped in
# and the Staff record (with its Role) that the gate hands it. None means every name.
GATE: dict[str, frozenset[str] | None] = {
    "gongkai.accounts.access": None,
    "gongkai.units.models": frozenset({"Staff", "Role"}),
}

# Imports that go up although they should not, each with its reason (docs/architecture.md).
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("gongkai.audit.services", "gongkai.units.models"): (
        "record(unit=…) is annotated with Unit under TYPE_CHECKING only; the audit table points "
        "at units by a lazy foreign key ('units.Unit'), and every app above audit, units "
        "included, writes to it"
    ),
}

PURE = re.compile(r"\bPure\b")
FORBIDDEN_IN_PURE = ("django", "gongkai.settings")


# --- reading a module's imports -----------------------------------------------------------------
@dataclass(frozen=True)
class Import:
    line: int
    target: str  # the module imported, resolved against the known modules
    names: frozenset[str]  # the names taken from it by ``from … import``; empty for ``import``


def _resolve(name: str, modules: frozenset[str]) -> str:
    """The longest known module that ``name`` starts with; ``name`` itself when none is known
    (a module outside the package)."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return name


def imports_of(
    source: str, module: str, *, is_package: bool, modules: frozenset[str]
) -> Iterator[Import]:
    """Every import in ``source`` (the text of ``module``), wherever it stands."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    found: list[Import] = []
    for node in ast.walk(sources.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(node.lineno, _resolve(alias.name, modules), frozenset()))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                origin = ".".join([*base, *([node.module] if node.module else [])])
            else:
                origin = node.module or ""
            by_target: dict[str, set[str]] = {}
            for alias in node.names:
                submodule = f"{origin}.{alias.name}"
                if submodule in modules:  # ``from gongkai.core import locks``
                    by_target.setdefault(submodule, set())
                else:
                    by_target.setdefault(_resolve(origin, modules), set()).add(alias.name)
            for target, names in by_target.items():
                found.append(Import(node.lineno, target, frozenset(names)))
    yield from sorted(found, key=lambda i: (i.line, i.target))  # ast.walk goes breadth first


# --- where a module stands ----------------------------------------------------------------------
def part_of(module: str) -> str:
    """The layer part (app, or top-level module) a module of the package belongs to."""
    known = [p for layer in LAYERS for p in layer.parts]
    found = [p for p in known if module == p or module.startswith(p + ".")]
    if not found:
        raise LookupError(f"{module} is in no layer: place it in docs/architecture.md and LAYERS")
    return max(found, key=len)


def layer_of_part(part: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if part in layer.parts)


def is_view(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last == "views" or last.endswith("_views")


def is_entry_point(module: str) -> bool:
    """URLconfs and management commands: what Django and the operator call. They stand on top
    whatever their app, like the portal."""
    return module.rsplit(".", 1)[-1] == "urls" or ".management.commands." in module


def layer_of(module: str) -> int:
    return TOP if is_entry_point(module) else layer_of_part(part_of(module))


def problem(module: str, imported: Import) -> str | None:
    """Why ``module`` may not make this import, or None when it may."""
    target = imported.target
    if target == "gongkai" or not target.startswith("gongkai."):
        return None
    here, there = part_of(module), part_of(target)
    if here == there:
        return None
    mine, theirs = layer_of(module), layer_of(target)
    if (module, target) in EXCEPTIONS or mine == TOP:
        return None
    if is_view(target) or is_entry_point(target):
        return f"imports {target}, an entry point of another app (only the top imports those)"
    if is_view(module) and target in GATE:
        allowed = GATE[target]
        if allowed is None or (imported.names and imported.names <= allowed):
            return None
    if theirs > mine:
        return f"({LAYERS[mine].name}) imports {target} ({LAYERS[theirs].name}), a layer above it"
    if theirs == mine and (here, there) not in SIBLINGS:
        return f"({LAYERS[mine].name}) imports {target}, a sibling it may not import"
    return None


def declared_pure(source: str) -> bool:
    docstring = ast.get_docstring(sources.parse(source)) or ""
    return bool(PURE.search(docstring))


def impurity(imported: Import, pure_modules: frozenset[str], known: frozenset[str]) -> str | None:
    target = imported.target
    if any(target == f or target.startswith(f + ".") for f in FORBIDDEN_IN_PURE):
        return f"imports {target}, and a pure module imports neither Django nor settings"
    if not target.startswith("gongkai."):
        return None
    parts = target.split(".")
    # importing gongkai.a.b runs gongkai/a/__init__.py too: each must be pure (or empty)
    for end in range(1, len(parts) + 1):
        name = ".".join(parts[:end])
        if name in known and name not in pure_modules:
            return f"imports {name}, which is not pure"
    return None


# --- the package --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    source: str

    @property
    def is_package(self) -> bool:
        return self.path.name == "__init__.py"

    @property
    def where(self) -> str:
        return str(self.path.relative_to(ROOT))


def _package() -> list[Module]:
    found = []
    for path in sorted((SRC / "gongkai").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.append(Module(".".join(parts), path, path.read_text(encoding="utf-8")))
    return found


PACKAGE = _package()
MODULES = frozenset(m.name for m in PACKAGE)
PURE_MODULES = frozenset(
    m.name for m in PACKAGE if declared_pure(m.source) or (m.is_package and not m.source.strip())
)


@functools.cache
def _imports(module: Module, modules: frozenset[str] = MODULES) -> tuple[Import, ...]:
    """A module's imports, read once per run (four tests read the whole package's)."""
    return tuple(
        imports_of(module.source, module.name, is_package=module.is_package, modules=modules)
    )


def layer_violations(modules: list[Module], known: frozenset[str]) -> list[str]:
    found = []
    for module in modules:
        for imported in _imports(module, known):
            if (why := problem(module.name, imported)) is not None:
                found.append(f"{module.where}:{imported.line}: {module.name} {why}")
    return found


def purity_violations(modules: list[Module], pure: frozenset[str]) -> list[str]:
    found = []
    known = frozenset(m.name for m in modules) | MODULES
    for module in modules:
        if module.name not in pure:
            continue
        for imported in _imports(module, known):
            if (why := impurity(imported, pure, known)) is not None:
                found.append(f"{module.where}:{imported.line}: {module.name} is pure but {why}")
    return found


# --- the checker, on sources of its own ---------------------------------------------------------
def _fake(name: str, source: str) -> Module:
    tail = name.split(".")
    return Module(name, SRC.joinpath(*tail).with_suffix(".py"), source)


FAKE_KNOWN = MODULES | {
    "gongkai.catalog.fake",
    "gongkai.units.fake",
    "gongkai.units.fake_views",
    "gongkai.appeals.fake",
    "gongkai.reports.fake",
}


def test_the_checker_accepts_imports_that_go_down():
    good = _fake(
        "gongkai.catalog.fake",
        "from gongkai import law\n"
        "from gongkai.accounts.access import can\n"
        "from gongkai.catalog import selectors\n"
        "from gongkai.core import locks\n"
        "from gongkai.units.models import Unit\n"
        "import django.db\n"
        "def later():\n"
        "    from gongkai.workdays import clock\n",
    )
    sibling = _fake("gongkai.appeals.fake", "from gongkai.applications.models import Application\n")
    view = _fake(
        "gongkai.units.fake_views",
        "from gongkai.accounts.access import Action, staff_view\n"
        "from gongkai.units.models import Unit\n",
    )
    assert layer_violations([good, sibling, view], FAKE_KNOWN) == []


def test_the_checker_names_file_and_line_of_each_import_that_goes_up():
    bad = _fake(
        "gongkai.catalog.fake",
        "from gongkai.reports import locks\n"  # 1: a layer above
        "import gongkai.search.engine\n"  # 2: above too, a plain import
        "def later():\n"
        "    from gongkai.applications.models import Application\n"  # 4: a sibling
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from ..reports.models import AnnualReport\n"  # 7: relative, typing only
        "from gongkai.units import views\n",  # 8: another app's views
    )
    found = layer_violations([bad], FAKE_KNOWN)
    assert [line.split(": ", 1)[0] for line in found] == [
        f"src/gongkai/catalog/fake.py:{n}" for n in (1, 2, 4, 7, 8)
    ]
    assert (
        "imports gongkai.reports.locks (reports, search and oversight), a layer above it"
        in (found[0])
    )
    assert "imports gongkai.applications.models, a sibling it may not import" in found[2]
    assert "gongkai.reports.models" in found[3]
    assert "an entry point of another app" in found[4]


def test_the_gate_opens_to_views_only_and_only_for_who_is_calling():
    not_a_view = _fake("gongkai.units.fake", "from gongkai.accounts.access import can\n")
    view = _fake("gongkai.units.fake_views", "from gongkai.catalog.models import Item\n")
    assert len(layer_violations([not_a_view, view], FAKE_KNOWN)) == 2
    low_view = _fake("gongkai.units.fake_views", "from gongkai.units.models import Staff\n")
    audit_view = Module(
        "gongkai.audit.views",
        SRC / "gongkai" / "audit" / "views.py",
        "from gongkai.units.models import Staff\nfrom gongkai.units.models import Unit\n",
    )
    found = layer_violations([low_view, audit_view], FAKE_KNOWN)
    assert found == [
        "src/gongkai/audit/views.py:2: gongkai.audit.views (audit) imports gongkai.units.models "
        "(units and calendar), a layer above it"
    ]


def test_the_checker_holds_pure_modules_to_their_word():
    pure = _fake(
        "gongkai.reports.fake",
        '"""Sums. Pure."""\nimport datetime\nfrom gongkai import report_format\n',
    )
    assert declared_pure(pure.source)
    assert purity_violations([pure], PURE_MODULES | {pure.name}) == []
    impure = _fake(
        "gongkai.reports.fake",
        '"""Sums. Pure: no ORM."""\n'
        "from gongkai.reports import models\n"
        "def later():\n"
        "    from django.conf import settings\n"
        "    import gongkai.settings\n",
    )
    found = purity_violations([impure], PURE_MODULES | {impure.name})
    assert [line.split(": ", 1)[0] for line in found] == [
        f"src/gongkai/reports/fake.py:{n}" for n in (2, 4, 5)
    ]
    assert "gongkai.reports.models, which is not pure" in found[0]
    assert "neither Django nor settings" in found[1]


def test_a_module_in_no_layer_is_an_error_that_says_where_to_place_it():
    with pytest.raises(LookupError, match=r"docs/architecture\.md"):
        part_of("gongkai.oversight.models")


# --- the package --------------------------------------------------------------------------------
def test_every_module_stands_in_a_layer():
    for module in PACKAGE:
        if module.name != "gongkai":  # the package itself, empty
            layer_of(module.name)


def test_no_module_imports_a_layer_above_its_own():
    found = layer_violations(PACKAGE, MODULES)
    assert found == [], "imports against docs/architecture.md:\n" + "\n".join(found)


def test_pure_modules_import_neither_django_nor_settings():
    found = purity_violations(PACKAGE, PURE_MODULES)
    assert found == [], "\n".join(found)


def test_the_bottom_layer_is_pure_or_reads_only_the_environment():
    for module in PACKAGE:
        if module.name != "gongkai" and layer_of(module.name) == 0:
            for imported in _imports(module):
                assert not imported.target.startswith("django"), (module.where, imported)


def test_every_exception_is_still_needed():
    used = {
        (module.name, imported.target)
        for module in PACKAGE
        for imported in _imports(module)
        if (module.name, imported.target) in EXCEPTIONS
    }
    assert used == set(EXCEPTIONS)


# --- the document -------------------------------------------------------------------------------
def _doc_section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index(f"## {title}")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _dotted(path: str) -> str:
    """``core/`` → ``gongkai.core``, ``law.py`` → ``gongkai.law``, as the document writes them."""
    return "gongkai." + path.strip("/").removesuffix(".py").replace("/", ".")


def test_the_layer_table_of_the_architecture_document_is_the_one_enforced():
    rows = [row for row in _doc_section("Layers").splitlines() if re.match(r"\|\s*\d+\s*\|", row)]
    documented = [{_dotted(p) for p in re.findall(r"`([^`]+)`", row.split("|")[3])} for row in rows]
    assert documented == [set(layer.parts) for layer in LAYERS]


def test_the_architecture_document_names_each_exception_and_pure_rule_module():
    exceptions = _doc_section("Exceptions")
    for importer, imported in EXCEPTIONS:
        assert f"`{importer}`" in exceptions
        assert f"`{imported}`" in exceptions
    pure = re.findall(r"`(gongkai/[\w/]+\.py)`", _doc_section("Pure modules"))
    assert pure, "docs/architecture.md lists the pure rule modules"
    for path in pure:
        name = path.removesuffix(".py").replace("/", ".")
        assert name in PURE_MODULES, f"{path} is listed as pure but its docstring does not say so"


# --- the tests mirror the code ------------------------------------------------------------------
# The tests of an app live in tests/<app>/; at the top level only the tests of the project as a
# whole (layers, rules, settings, deployment, backup, every page, hostile input).
PROJECT_WIDE = {
    "test_backup.py",
    "test_deploy.py",
    "test_hostile_input.py",
    "test_layers.py",
    "test_pages.py",
    "test_rules_lint.py",
    "test_settings.py",
}


def test_the_tests_of_an_app_are_in_the_folder_named_after_it():
    apps = {p.name for p in (SRC / "gongkai").iterdir() if (p / "__init__.py").exists()}
    tests = ROOT / "tests"
    astray = sorted(
        str(path.relative_to(tests))
        for path in tests.rglob("test_*.py")
        if "node_modules" not in path.parts
        and path.parent.name != "browser"
        and not (path.parent == tests and path.name in PROJECT_WIDE)
        and not (path.parent.parent == tests and path.parent.name in apps)
    )
    assert astray == [], "tests/<app>/ for an app's tests (docs/architecture.md)"
    folders = {p.name for p in tests.iterdir() if p.is_dir() and any(p.glob("test_*.py"))}
    assert folders - apps <= {"browser"}
