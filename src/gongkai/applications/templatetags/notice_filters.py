"""Filters for notice templates (loaded into the notice engine only)."""

from __future__ import annotations

import datetime as dt

from django import template

register = template.Library()


@register.filter
def cn_date(value: object) -> str:
    """2025-01-24 → 2025年1月24日."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return "" if value is None else str(value)
