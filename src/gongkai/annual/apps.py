from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "gongkai.annual"
    verbose_name = "年度报告"
    default_auto_field = "django.db.models.BigAutoField"
