from django.urls import include, path

from core import views

urlpatterns = [
    path("health", views.health),
    path("health/readiness", views.health),
    path("health/liveness", views.liveness),
    path("", include("identity.urls")),
    path("", include("payments.urls")),
    path("", include("ledger.urls")),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.forbidden"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
