from django.urls import path

from . import views

urlpatterns = [
    path("api/v1/accounts", views.Accounts.as_view()),
    path("api/v1/accounts/<str:account_id>", views.Account.as_view()),
    path("api/v1/accounts/<str:account_id>/entries", views.AccountEntries.as_view()),
    path("api/v1/entries", views.Entries.as_view()),
    path("internal/v1/entries/batch", views.EntryBatch.as_view()),
    path("api/v1/entries/<str:entry_id>", views.Entry.as_view()),
    path("api/v1/entries/<str:entry_id>/reversal", views.Reversal.as_view()),
    path("api/v1/balances/<str:account_id>", views.Balance.as_view()),
    path("api/v1/ledger/integrity", views.Integrity.as_view()),
]
