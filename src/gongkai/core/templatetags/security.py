"""``{% inline_style "gongkai/casefile.css" %}``: a static stylesheet written into the page as a
``<style>`` block allowed by its hash (gongkai.core.security), for documents that must also
render when saved or opened from a ZIP without the site."""

from __future__ import annotations

import functools
from pathlib import Path

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import SafeString, mark_safe

from gongkai.core import security

register = template.Library()


@functools.cache
def _stylesheet(path: str) -> str:
    found = finders.find(path)
    if not isinstance(found, str):
        raise template.TemplateSyntaxError(f"inline_style: no static file {path!r}")
    return security.inline_style(Path(found).read_text(encoding="utf-8"))


@register.simple_tag
def inline_style(path: str) -> SafeString:
    # our own static file, checked by security.inline_style: ASCII, and no "</" to end the element
    return mark_safe(f"<style>{_stylesheet(path)}</style>")  # noqa: S308
