from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "gongkai.regions"
    label = "regions"
    verbose_name = "地方节假日"
