from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    verbose_name = "工作日"
    default_auto_field = "django.db.models.BigAutoField"
