from django.apps import AppConfig


class ReuseConfig(AppConfig):
    name = "gongkai.reuse"
    label = "reuse"
    verbose_name = "申请的再利用"
