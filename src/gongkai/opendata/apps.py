from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "gongkai.opendata"
    label = "opendata"
    verbose_name = "开放数据接口"
