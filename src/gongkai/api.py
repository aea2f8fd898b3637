"""The one NinjaAPI of gongkai: routers per app under /api/v1/, domain errors mapped once."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from gongkai.agencies.api import router as agencies_router
from gongkai.appeals.api import router as appeals_router
from gongkai.applications.api import router as applications_router
from gongkai.core.errors import DomainError
from gongkai.inquiries.api import router as inquiries_router
from gongkai.publishing.api import router as publishing_router

api = NinjaAPI(
    title="gongkai API",
    version="1",
    description="政府信息公开工作系统接口 — government information disclosure API",
    urls_namespace="api-v1",
)
api.add_router("/agencies/", agencies_router)
api.add_router("/applications/", applications_router)
api.add_router("/inquiries/", inquiries_router)
api.add_router("/publishing/", publishing_router)
api.add_router("/appeals/", appeals_router)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(
        request,
        {"code": exc.code, "message": exc.message, "data": exc.data},
        status=exc.http_status,
    )
