from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "gongkai.inspections"
    label = "inspections"
    verbose_name = "监督检查与整改"
