from django.urls import path

from . import views

urlpatterns = [
    path("api/v1/users", views.Users.as_view()),
    path("api/v1/users/me", views.Me.as_view()),
    path("api/v1/users/<str:user_id>", views.UserById.as_view()),
    path("api/v1/users/<str:user_id>/pii", views.PersonalData.as_view()),
    path("api/v1/auth/token", views.Token.as_view()),
    path(".well-known/jwks.json", views.Jwks.as_view()),
    path("api/v1/kyc-records", views.KycRecords.as_view()),
    path("api/v1/kyc-records/<str:record_id>", views.KycRecord.as_view()),
    path("api/v1/verifications", views.Verifications.as_view()),
    path("api/v1/verifications/<str:verification_id>", views.Verification.as_view()),
    path("api/v1/verifications/<str:verification_id>/decision", views.Decision.as_view()),
    path("internal/v1/users/<str:user_id>/kyc-status", views.KycStatus.as_view()),
]
