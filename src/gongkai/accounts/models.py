"""The accounts app's tables: staff members' second factor (TOTP), and the table of the shared
cache (rate limits, login lockouts) when no Redis is configured."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TotpDevice(models.Model):
    """An authenticator app bound to an account. Until ``confirmed_at`` is set (the user typed
    a code from the app), it is an enrolment in progress and asks for nothing at login."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        on_delete=models.CASCADE,
        related_name="totp_device",
    )
    secret = models.CharField("密钥", max_length=64)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    confirmed_at = models.DateTimeField("启用时间", null=True, blank=True)
    # The last time step whose code was accepted: each code logs in once (RFC 6238 §5.2).
    last_step = models.BigIntegerField("最近使用的时间步", default=0)

    class Meta:
        verbose_name = "动态口令"
        verbose_name_plural = "动态口令"

    def __str__(self) -> str:
        return f"{self.user.get_username()} 的动态口令"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class CacheEntry(models.Model):
    """The table of Django's database cache (``gongkai.core.cache.DatabaseCache``), with the
    columns ``createcachetable`` would give it: a migration creates it, so ``gongkai migrate``
    is all a new installation runs. Read and written by the cache backend only."""

    cache_key = models.CharField(max_length=255, primary_key=True)
    value = models.TextField()
    expires = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "gongkai_cache"
        verbose_name = "缓存条目"
        verbose_name_plural = "缓存条目"

    def __str__(self) -> str:
        return self.cache_key
