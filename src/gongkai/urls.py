from django.contrib import admin
from django.urls import path

from gongkai.agencies import views as agencies_views
from gongkai.api import api
from gongkai.core import views as core_views

admin.site.site_header = "gongkai 政府信息公开工作系统"
admin.site.site_title = "gongkai 管理"
admin.site.index_title = "系统管理"

urlpatterns = [
    path("", agencies_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
