"""
The payments rules, held by the database itself as the payments service's Flyway migration V1 holds them, so no code
path (a bug, a shell, a sync job) can break them:

- CHECKs on payment methods (type, last four, expiry), amounts, currencies, statuses, lengths and metadata;
- a transaction refunds at most its amount, only once succeeded, and carries a failure code exactly when failed;
- a trigger that refuses to move a settled (succeeded or failed) transaction or refund to another status;
- an audit log that refuses UPDATE, DELETE and TRUNCATE; TRUNCATE only in a test run's sessions (core.tests.runner),
  which the test runner empties by TRUNCATE between tests (as the ledger's journal allows it).
"""
from django.db import migrations

FORWARD = r"""
ALTER TABLE payments_payment_method
    ADD CONSTRAINT payments_pm_type_card CHECK (type = 'card'),
    ADD CONSTRAINT payments_pm_last4_digits CHECK (last4 ~ '^[0-9]{4}$'),
    ADD CONSTRAINT payments_pm_exp_month_range CHECK (exp_month BETWEEN 1 AND 12),
    ADD CONSTRAINT payments_pm_exp_year_range CHECK (exp_year BETWEEN 2000 AND 2200);

ALTER TABLE payments_transaction
    ADD CONSTRAINT payments_txn_amount_range CHECK (amount > 0 AND amount <= 99999999999),
    ADD CONSTRAINT payments_txn_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT payments_txn_description_length CHECK (char_length(description) <= 500),
    ADD CONSTRAINT payments_txn_metadata_object CHECK (jsonb_typeof(metadata) = 'object'),
    ADD CONSTRAINT payments_txn_status_known CHECK (status IN ('pending', 'succeeded', 'failed')),
    ADD CONSTRAINT payments_txn_refunds_within_amount CHECK (amount_refunded BETWEEN 0 AND amount),
    ADD CONSTRAINT payments_txn_only_succeeded_is_refunded CHECK (amount_refunded = 0 OR status = 'succeeded'),
    ADD CONSTRAINT payments_txn_failure_code_iff_failed CHECK ((status = 'failed') = (failure_code IS NOT NULL));

ALTER TABLE payments_refund
    ADD CONSTRAINT payments_refund_amount_range CHECK (amount > 0 AND amount <= 99999999999),
    ADD CONSTRAINT payments_refund_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT payments_refund_status_known CHECK (status IN ('pending', 'succeeded', 'failed')),
    ADD CONSTRAINT payments_refund_reason_length CHECK (char_length(reason) <= 500),
    ADD CONSTRAINT payments_refund_failure_code_iff_failed CHECK ((status = 'failed') = (failure_code IS NOT NULL));

ALTER TABLE payments_audit_log
    ADD CONSTRAINT payments_audit_subject_type_known CHECK (subject_type IN ('transaction', 'refund'));

ALTER TABLE payments_ledger_account
    ADD CONSTRAINT payments_ledger_account_currency_code CHECK (currency ~ '^[A-Z]{3}$'),
    ADD CONSTRAINT payments_ledger_account_role_known CHECK (role IN ('clearing', 'merchant_settlement'));

ALTER TABLE payments_task
    ADD CONSTRAINT payments_task_name_known CHECK (name IN ('process-transaction', 'process-refund')),
    ADD CONSTRAINT payments_task_attempts_not_negative CHECK (attempts >= 0);

-- Settled states are final: the database refuses to move a transaction or refund out of them.
CREATE FUNCTION payments_refuse_leaving_final_state() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    IF OLD.status <> 'pending' AND NEW.status <> OLD.status THEN
        RAISE EXCEPTION '% % is % and cannot become %', TG_TABLE_NAME, OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER payments_transaction_final_states
    BEFORE UPDATE ON payments_transaction
    FOR EACH ROW EXECUTE FUNCTION payments_refuse_leaving_final_state();
CREATE TRIGGER payments_refund_final_states
    BEFORE UPDATE ON payments_refund
    FOR EACH ROW EXECUTE FUNCTION payments_refuse_leaving_final_state();

-- Every state change, never changed or removed.
CREATE FUNCTION payments_refuse_audit_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('cutover.test_run', true) = 'on' THEN
        RETURN NULL;  -- Django's test runner (core.tests.runner) empties the tables between tests
    END IF;
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER payments_audit_log_append_only
    BEFORE UPDATE OR DELETE ON payments_audit_log
    FOR EACH ROW EXECUTE FUNCTION payments_refuse_audit_change();
CREATE TRIGGER payments_audit_log_no_truncate
    BEFORE TRUNCATE ON payments_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION payments_refuse_audit_change();
"""

BACKWARD = r"""
DROP TRIGGER payments_audit_log_no_truncate ON payments_audit_log;
DROP TRIGGER payments_audit_log_append_only ON payments_audit_log;
DROP FUNCTION payments_refuse_audit_change();
DROP TRIGGER payments_refund_final_states ON payments_refund;
DROP TRIGGER payments_transaction_final_states ON payments_transaction;
DROP FUNCTION payments_refuse_leaving_final_state();
ALTER TABLE payments_task
    DROP CONSTRAINT payments_task_attempts_not_negative,
    DROP CONSTRAINT payments_task_name_known;
ALTER TABLE payments_ledger_account
    DROP CONSTRAINT payments_ledger_account_role_known,
    DROP CONSTRAINT payments_ledger_account_currency_code;
ALTER TABLE payments_audit_log
    DROP CONSTRAINT payments_audit_subject_type_known;
ALTER TABLE payments_refund
    DROP CONSTRAINT payments_refund_failure_code_iff_failed,
    DROP CONSTRAINT payments_refund_reason_length,
    DROP CONSTRAINT payments_refund_status_known,
    DROP CONSTRAINT payments_refund_currency_code,
    DROP CONSTRAINT payments_refund_amount_range;
ALTER TABLE payments_transaction
    DROP CONSTRAINT payments_txn_failure_code_iff_failed,
    DROP CONSTRAINT payments_txn_only_succeeded_is_refunded,
    DROP CONSTRAINT payments_txn_refunds_within_amount,
    DROP CONSTRAINT payments_txn_status_known,
    DROP CONSTRAINT payments_txn_metadata_object,
    DROP CONSTRAINT payments_txn_description_length,
    DROP CONSTRAINT payments_txn_currency_code,
    DROP CONSTRAINT payments_txn_amount_range;
ALTER TABLE payments_payment_method
    DROP CONSTRAINT payments_pm_exp_year_range,
    DROP CONSTRAINT payments_pm_exp_month_range,
    DROP CONSTRAINT payments_pm_last4_digits,
    DROP CONSTRAINT payments_pm_type_card;
"""


class Migration(migrations.Migration):

    dependencies = [
        ("payments", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
