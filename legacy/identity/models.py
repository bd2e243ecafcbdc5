"""Placeholder: the identity domain's tables (the users table is Django's AUTH_USER_MODEL)."""
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models


class User(AbstractBaseUser):
    id = models.CharField(max_length=64, primary_key=True)
    email = models.CharField(max_length=254, unique=True)
    created_at = models.DateTimeField()

    USERNAME_FIELD = "email"

    class Meta:
        db_table = "identity_user"
