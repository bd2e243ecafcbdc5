"""Django's test runner, whose database sessions say they belong to a test run."""
from django.db import connections
from django.db.backends.signals import connection_created
from django.test.runner import DiscoverRunner

TEST_RUN_SETTING = "cutover.test_run"


def _mark(sender, connection, **kwargs):
    with connection.cursor() as cursor:
        cursor.execute(f"SET {TEST_RUN_SETTING} = 'on'")


class TestRunner(DiscoverRunner):
    """
    The journal and the audit logs refuse TRUNCATE, which Django's runner uses to empty tables between
    TransactionTestCases: the triggers let it through for a session that set ``cutover.test_run``, which only this
    runner does.
    """

    def setup_databases(self, **kwargs):
        connection_created.connect(_mark)
        for connection in connections.all():
            if connection.connection is not None:
                _mark(None, connection)
        return super().setup_databases(**kwargs)
