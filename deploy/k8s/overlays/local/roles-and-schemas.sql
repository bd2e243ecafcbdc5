-- One schema and one login role per service, in one database. Each role owns its schema, where its
-- Flyway migrations run, and has no USAGE on the others: a service cannot read another's data.
-- Idempotent: run it on every start. Used by ./cutover, docker-compose and the system tests.
-- Passwords here are for local runs only; real deployments create the roles with their own secrets.

DO $$
DECLARE
    service text;
BEGIN
    FOREACH service IN ARRAY ARRAY['identity', 'payments', 'ledger'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cutover_' || service) THEN
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', 'cutover_' || service, service || '-local-only');
        END IF;
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, 'cutover_' || service);
        EXECUTE format('ALTER SCHEMA %I OWNER TO %I', service, 'cutover_' || service);
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), 'cutover_' || service);
        EXECUTE format('ALTER ROLE %I SET search_path = %I', 'cutover_' || service, service);
    END LOOP;
END
$$;

-- Each service's change stream to the monolith reads the service's own tables by logical replication, as their
-- owner, and creates the publication of those tables, which takes CREATE on the database (ADR 63). Each schema
-- stays its own.
ALTER ROLE cutover_payments REPLICATION;
ALTER ROLE cutover_identity REPLICATION;
ALTER ROLE cutover_ledger REPLICATION;
DO $$
DECLARE
    service text;
BEGIN
    FOREACH service IN ARRAY ARRAY['payments', 'identity', 'ledger'] LOOP
        EXECUTE format('GRANT CREATE ON DATABASE %I TO %I', current_database(), 'cutover_' || service);
    END LOOP;
END
$$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
