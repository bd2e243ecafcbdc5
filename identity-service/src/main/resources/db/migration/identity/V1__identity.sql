-- Identity's own schema: users with their personal data encrypted under per-user data keys, KYC
-- records, verifications, refresh-token families, login throttling, token signing keys, ops and service
-- clients, and an append-only audit trail. Every invariant the Java code checks is also held here.

CREATE TABLE users (
    id                text        PRIMARY KEY,
    email             text        NOT NULL CHECK (char_length(email) BETWEEN 3 AND 254),
    password_hash     text        NOT NULL,
    country           text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    kyc_status        text        NOT NULL CHECK (kyc_status IN ('unverified', 'pending', 'verified', 'rejected')),
    -- AES-256-GCM ciphertexts under the user's data key (see data_keys); NULL once erased.
    full_name_enc     bytea,
    date_of_birth_enc bytea,
    pii_erased_at     timestamptz,
    created_at        timestamptz NOT NULL,
    version           bigint      NOT NULL,
    CONSTRAINT pii_present_until_erased CHECK (
        (pii_erased_at IS NULL AND full_name_enc IS NOT NULL AND date_of_birth_enc IS NOT NULL)
        OR (pii_erased_at IS NOT NULL AND full_name_enc IS NULL AND date_of_birth_enc IS NULL))
);

-- One account per address, whatever its case.
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

-- A user's data key (random 256 bits), itself encrypted with the master key, which never enters the
-- database. Deleting the row is the erasure: every ciphertext under it becomes noise (crypto-shredding).
-- The foreign key is checked at commit, so a sign-up may store the key before the user row.
CREATE TABLE data_keys (
    user_id       text        PRIMARY KEY REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    wrapped_key   bytea       NOT NULL,
    master_key_id text        NOT NULL,
    created_at    timestamptz NOT NULL
);

-- Vacuum right after erasures, so shredded keys leave the live heap promptly.
ALTER TABLE data_keys SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1);

CREATE TABLE kyc_records (
    id                     text        PRIMARY KEY,
    user_id                text        NOT NULL REFERENCES users (id),
    document_type          text        NOT NULL CHECK (document_type IN ('passport', 'national_id', 'driving_licence')),
    document_number_enc    bytea,
    -- Five stars and the last four characters: not personal data on its own, kept for display.
    document_number_masked text        CHECK (document_number_masked ~ '^\*{5}[A-Z0-9]{4}$'),
    issuing_country        text        NOT NULL CHECK (issuing_country ~ '^[A-Z]{2}$'),
    expires_on             date        NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('submitted', 'pending', 'verified', 'rejected')),
    pii_erased_at          timestamptz,
    created_at             timestamptz NOT NULL,
    version                bigint      NOT NULL,
    CONSTRAINT document_number_present_until_erased CHECK (
        (pii_erased_at IS NULL AND document_number_enc IS NOT NULL AND document_number_masked IS NOT NULL)
        OR (pii_erased_at IS NOT NULL AND document_number_enc IS NULL AND document_number_masked IS NULL))
);

CREATE INDEX kyc_records_by_user ON kyc_records (user_id, created_at DESC);

CREATE TABLE verifications (
    id            text        PRIMARY KEY,
    kyc_record_id text        NOT NULL REFERENCES kyc_records (id),
    user_id       text        NOT NULL REFERENCES users (id),
    status        text        NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    reason        text        CHECK (char_length(reason) BETWEEN 1 AND 500),
    decided_by    text,
    decided_at    timestamptz,
    created_at    timestamptz NOT NULL,
    version       bigint      NOT NULL,
    CONSTRAINT decided_exactly_when_not_pending CHECK (
        (status = 'pending' AND decided_at IS NULL AND decided_by IS NULL AND reason IS NULL)
        OR (status <> 'pending' AND decided_at IS NOT NULL AND decided_by IS NOT NULL AND reason IS NOT NULL))
);

-- A user has at most one verification waiting for a decision.
CREATE UNIQUE INDEX verifications_one_pending_per_user ON verifications (user_id) WHERE status = 'pending';
CREATE INDEX verifications_by_user ON verifications (user_id, created_at DESC);

-- A decision is final: only a pending verification may change, and only into a decided one.
CREATE FUNCTION refuse_redeciding() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    IF OLD.status <> 'pending' THEN
        RAISE EXCEPTION 'verification % was already decided', OLD.id USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER verifications_decided_once
    BEFORE UPDATE ON verifications
    FOR EACH ROW EXECUTE FUNCTION refuse_redeciding();

-- Refresh tokens rotate inside a family; reusing a spent token revokes the whole family.
CREATE TABLE refresh_token_families (
    id             text        PRIMARY KEY,
    user_id        text        NOT NULL REFERENCES users (id),
    scope          text        NOT NULL CHECK (scope ~ '^[a-z]+( [a-z]+)*$'),
    created_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text        CHECK (revoked_reason IN ('reuse_detected')),
    CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
);

CREATE INDEX refresh_token_families_by_user ON refresh_token_families (user_id);

-- Only the SHA-256 of a refresh token is kept; the token itself exists only at the client.
CREATE TABLE refresh_tokens (
    token_hash bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    family_id  text        NOT NULL REFERENCES refresh_token_families (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CHECK (expires_at > issued_at)
);

CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

-- Failed sign-ins per principal (keyed HMAC of the email or client id) and per client address, in a
-- fixed window; shared by every replica.
CREATE TABLE login_throttle (
    bucket       text        PRIMARY KEY,
    window_start timestamptz NOT NULL,
    failures     int         NOT NULL CHECK (failures >= 0)
);

CREATE INDEX login_throttle_window ON login_throttle (window_start);

-- Token signing keys. The private key is stored encrypted with the master key, and destroyed when the
-- key retires; the public key stays published until every token it signed has expired.
CREATE TABLE signing_keys (
    kid             text        PRIMARY KEY,
    algorithm       text        NOT NULL CHECK (algorithm = 'RS256'),
    public_jwk      text        NOT NULL,
    private_key_enc bytea,
    master_key_id   text        NOT NULL,
    activated_at    timestamptz NOT NULL,
    retired_at      timestamptz,
    CONSTRAINT only_the_active_key_can_sign CHECK ((retired_at IS NULL) = (private_key_enc IS NOT NULL)),
    CHECK (retired_at IS NULL OR retired_at >= activated_at)
);

-- Exactly one key signs at a time.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((retired_at IS NULL)) WHERE retired_at IS NULL;

-- Ops and service clients of the client_credentials grant, seeded from configuration.
CREATE TABLE clients (
    id          text        PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    secret_hash text        NOT NULL,
    scopes      text        NOT NULL CHECK (scopes ~ '^(ops|service)( (ops|service))?$'),
    updated_at  timestamptz NOT NULL
);

-- Who changed what, never what the personal data was. Rows are facts: never updated, never deleted,
-- and kept through a PII erasure.
CREATE TABLE audit_events (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    subject_id  text        NOT NULL,
    details     jsonb       NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(details) = 'object')
);

CREATE INDEX audit_events_by_subject ON audit_events (subject_id, occurred_at);

CREATE FUNCTION refuse_audit_change() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path FROM CURRENT AS
$$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();

-- Creating POSTs with an Idempotency-Key: see dev.cutover.kit.idempotency.
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
