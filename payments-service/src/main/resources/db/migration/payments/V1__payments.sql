-- The payments schema: payment methods, transactions, refunds, their audit trail, the ledger accounts
-- this service posts to, the task queue that processes and posts them, and idempotency keys.

CREATE TABLE payment_methods (
    id                  text        PRIMARY KEY,
    user_id             text        NOT NULL,
    type                text        NOT NULL CHECK (type = 'card'),
    brand               text        NOT NULL,
    last4               text        NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
    exp_month           int         NOT NULL CHECK (exp_month BETWEEN 1 AND 12),
    exp_year            int         NOT NULL CHECK (exp_year BETWEEN 2000 AND 2200),
    vault_token         text        NOT NULL,
    created_at          timestamptz NOT NULL,
    deleted_at          timestamptz
);

CREATE INDEX payment_methods_by_user ON payment_methods (user_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

CREATE TABLE transactions (
    id                  text        PRIMARY KEY,
    user_id             text        NOT NULL,
    amount              bigint      NOT NULL CHECK (amount > 0 AND amount <= 99999999999),
    currency            text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    payment_method_id   text        NOT NULL,
    description         text        CHECK (char_length(description) <= 500),
    metadata            jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(metadata) = 'object'),
    status              text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    failure_code        text,
    amount_refunded     bigint      NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT refunds_within_amount CHECK (amount_refunded BETWEEN 0 AND amount),
    CONSTRAINT only_succeeded_is_refunded CHECK (amount_refunded = 0 OR status = 'succeeded'),
    CONSTRAINT failure_code_iff_failed CHECK ((status = 'failed') = (failure_code IS NOT NULL))
);

CREATE INDEX transactions_newest_first ON transactions (created_at DESC, id DESC);
CREATE INDEX transactions_by_user ON transactions (user_id, created_at DESC, id DESC);

-- Settled states are final: the database refuses to move a transaction out of them.
CREATE FUNCTION refuse_leaving_final_state() RETURNS trigger
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

CREATE TRIGGER transactions_final_states
    BEFORE UPDATE ON transactions
    FOR EACH ROW EXECUTE FUNCTION refuse_leaving_final_state();

CREATE TABLE refunds (
    id                  text        PRIMARY KEY,
    transaction_id      text        NOT NULL REFERENCES transactions (id),
    user_id             text        NOT NULL,
    amount              bigint      NOT NULL CHECK (amount > 0 AND amount <= 99999999999),
    currency            text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    status              text        NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    reason              text        CHECK (char_length(reason) <= 500),
    failure_code        text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL
);

CREATE INDEX refunds_by_transaction ON refunds (transaction_id, created_at DESC, id DESC);
CREATE INDEX refunds_by_user ON refunds (user_id, created_at DESC, id DESC);
CREATE INDEX refunds_newest_first ON refunds (created_at DESC, id DESC);

CREATE TRIGGER refunds_final_states
    BEFORE UPDATE ON refunds
    FOR EACH ROW EXECUTE FUNCTION refuse_leaving_final_state();

-- Every state change of a transaction or refund, never changed or removed.
CREATE TABLE audit_log (
    id              bigserial   PRIMARY KEY,
    subject_type    text        NOT NULL CHECK (subject_type IN ('transaction', 'refund')),
    subject_id      text        NOT NULL,
    from_status     text,
    to_status       text        NOT NULL,
    actor           text        NOT NULL,
    request_id      text,
    detail          text,
    occurred_at     timestamptz NOT NULL
);

CREATE INDEX audit_log_by_subject ON audit_log (subject_id, id);

CREATE FUNCTION refuse_audit_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- The ledger accounts this service posts to, one per currency and role, created at first use.
CREATE TABLE ledger_accounts (
    currency    text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    role        text        NOT NULL CHECK (role IN ('clearing', 'merchant_settlement')),
    account_id  text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (currency, role)
);

-- db-scheduler's task table: processing and ledger postings are scheduled in the same transaction as
-- the state change that calls for them (a transactional outbox), and retried until they succeed.
CREATE TABLE scheduled_tasks (
    task_name            text        NOT NULL,
    task_instance        text        NOT NULL,
    task_data            bytea,
    execution_time       timestamptz NOT NULL,
    picked               boolean     NOT NULL,
    picked_by            text,
    last_success         timestamptz,
    last_failure         timestamptz,
    consecutive_failures int,
    last_heartbeat       timestamptz,
    version              bigint      NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);

CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,
    idempotency_key text        NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
    fingerprint     text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('in_flight', 'done')),
    response_status int,
    response_body   text,
    locked_at       timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (scope, idempotency_key),
    CHECK (state = 'in_flight' OR (response_status IS NOT NULL AND response_body IS NOT NULL))
);

CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
