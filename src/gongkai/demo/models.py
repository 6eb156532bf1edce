from __future__ import annotations

from django.db import models
from django.utils import timezone


class BuiltStep(models.Model):
    """A demo step that ran once and is not repeated (re-running the demo leaves it as it is)."""

    name = models.CharField(max_length=64, unique=True)
    done_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.name
