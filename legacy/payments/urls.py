from django.urls import path, re_path

from . import views

urlpatterns = [
    path("api/v1/payment-methods", views.PaymentMethods.as_view()),
    path("api/v1/payment-methods/<str:payment_method_id>", views.PaymentMethod.as_view()),
    path("api/v1/transactions", views.Transactions.as_view()),
    path("api/v1/transactions/<str:transaction_id>", views.Transaction.as_view()),
    path("api/v1/refunds", views.Refunds.as_view()),
    path("api/v1/refunds/<str:refund_id>", views.Refund.as_view()),
    # every other path of the payments domain: raw card data is refused there too, as the service's filter does
    re_path(r"^api/v1/(?:payment-methods|transactions|refunds)(?:/.*)?$", views.NoSuchPath.as_view()),
]
