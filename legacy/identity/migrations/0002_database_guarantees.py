"""
What Django 3.2 cannot declare: the case-insensitive unique email, the final decision of a verification, and the
append-only audit trail.
"""
from django.db import migrations, models

EMAIL_INDEX = """
CREATE UNIQUE INDEX identity_user_email_unique ON identity_user (lower(email));
"""

DECIDED_ONCE = """
CREATE FUNCTION identity_refuse_redeciding() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'verification % was already decided', OLD.id USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER identity_verification_decided_once
    BEFORE UPDATE ON identity_verification
    FOR EACH ROW EXECUTE FUNCTION identity_refuse_redeciding();
"""

# Row triggers only: TRUNCATE stays possible for the table's owner (Django's test runner empties tables that way);
# the application's database role is not the owner in production.
APPEND_ONLY = """
CREATE FUNCTION identity_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER identity_audit_event_append_only
    BEFORE UPDATE OR DELETE ON identity_audit_event
    FOR EACH ROW EXECUTE FUNCTION identity_refuse_audit_change();
ALTER TABLE identity_audit_event ADD CONSTRAINT identity_audit_event_details_object
    CHECK (jsonb_typeof(details) = 'object');
"""


class Migration(migrations.Migration):

    dependencies = [("identity", "0001_initial")]

    operations = [
        # Django's state sees a unique constraint on email (its auth checks want USERNAME_FIELD unique); the
        # database gets the index on lower(email), which implies it.
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddConstraint(
                model_name="user",
                constraint=models.UniqueConstraint(fields=("email",), name="identity_user_email_unique"))],
            database_operations=[migrations.RunSQL(
                EMAIL_INDEX, reverse_sql="DROP INDEX identity_user_email_unique;")],
        ),
        migrations.RunSQL(DECIDED_ONCE, reverse_sql="DROP TRIGGER identity_verification_decided_once ON "
                                                    "identity_verification; DROP FUNCTION identity_refuse_redeciding();"),
        migrations.RunSQL(APPEND_ONLY, reverse_sql="ALTER TABLE identity_audit_event DROP CONSTRAINT "
                                                   "identity_audit_event_details_object; DROP TRIGGER "
                                                   "identity_audit_event_append_only ON identity_audit_event; "
                                                   "DROP FUNCTION identity_refuse_audit_change();"),
    ]
