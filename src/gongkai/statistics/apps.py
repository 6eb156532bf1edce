from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "gongkai.statistics"
    label = "statistics"
    verbose_name = "统计"
