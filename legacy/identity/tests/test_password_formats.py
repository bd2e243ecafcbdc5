"""The new identity's password hashes, carried to the monolith in Django's form, verify here: a customer who signed
in on the new side (and so has an Argon2id hash) signs in on the monolith with the same password."""
from django.contrib.auth.hashers import check_password, identify_hasher
from django.test import SimpleTestCase

# Made by the new identity's Argon2PasswordEncoder (Spring Security) for "correct horse battery staple", then written
# in Django's form as the identity service's PasswordHashes.toLegacy writes it: "argon2" + the PHC string.
SPRING_ARGON2_IN_DJANGO_FORM = ("argon2$argon2id$v=19$m=4096,t=1,p=1$nAR5Q/usgpHknecdvseTbg"
                                "$+9HDS3qchwdKj1ZF7ZrOPZ6Segvx3RaLykakHhriw3g")


class PasswordFormatsTest(SimpleTestCase):
    def test_an_argon2id_hash_of_the_new_identity_verifies_the_same_password(self):
        self.assertEqual("argon2", identify_hasher(SPRING_ARGON2_IN_DJANGO_FORM).algorithm)
        self.assertTrue(check_password("correct horse battery staple", SPRING_ARGON2_IN_DJANGO_FORM))
        self.assertFalse(check_password("correct horse battery stapler", SPRING_ARGON2_IN_DJANGO_FORM))
