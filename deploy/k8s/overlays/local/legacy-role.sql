-- The legacy monolith's login role on its own Postgres (legacy-db in docker-compose.yml and the local
-- Kubernetes overlay), run once on an empty data directory by the image's entrypoint, in the database
-- `legacy`. The role owns that database, and so its public schema (PostgreSQL 15), where Django's
-- migrations create the tables; it is not a superuser. The superuser stays for operators and for change
-- data capture (wal_level=logical), which need more than the application does.
-- The password is for local runs only; real deployments create the role with their own secret.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'cutover_legacy') THEN
        CREATE ROLE cutover_legacy LOGIN PASSWORD 'legacy-local-only';
    END IF;
    EXECUTE format('ALTER DATABASE %I OWNER TO cutover_legacy', current_database());
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
END
$$;
