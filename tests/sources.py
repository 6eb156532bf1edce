"""The syntax tree of a source, parsed once per test run.

Several tests read the whole package's syntax (tests/test_layers.py, tests/test_rules_lint.py,
tests/test_hostile_input.py, tests/audit/test_audit_actions.py): parsing its 300 modules takes
about a second, and between them they parsed it some ten times. Here each text is parsed
once, keyed by the text itself, so a changed file is parsed afresh. The tree is shared between
the tests that ask for it: read it (``ast.walk``, ``ast.get_docstring``), never change it.
"""

from __future__ import annotations

import ast
import functools


@functools.cache
def parse(source: str) -> ast.Module:
    """``ast.parse(source)``, once per text."""
    return ast.parse(source)
