-- Databases and least-privilege roles for both services. Run it as a superuser with psql 15 or newer:
--   psql -h localhost -U postgres -d postgres -v ON_ERROR_STOP=1 -f deploy/postgres/init.sql
-- The postgres image runs it from /docker-entrypoint-initdb.d on a fresh volume; scripts/run-local.sh runs it on
-- every start. It is idempotent: a second run changes nothing, but it does reset the passwords and privileges.
--
-- Names and passwords come from the environment (defaults in parentheses): EVENTSTORE_DB (eventstore),
-- READMODEL_DB (readmodel), COMMAND_DB_USER (eventbank_command), COMMAND_DB_PASSWORD (command),
-- QUERY_DB_USER (eventbank_query), QUERY_DB_PASSWORD (query).
--
-- The command role owns the event store. The query role owns the read-model database and may only CONNECT to the
-- event store and SELECT from its tables and views, including those Flyway creates later as the command role.

\set ON_ERROR_STOP on
\getenv eventstore_db EVENTSTORE_DB
\getenv readmodel_db READMODEL_DB
\getenv command_role COMMAND_DB_USER
\getenv command_password COMMAND_DB_PASSWORD
\getenv query_role QUERY_DB_USER
\getenv query_password QUERY_DB_PASSWORD
\if :{?eventstore_db}
\else
    \set eventstore_db eventstore
\endif
\if :{?readmodel_db}
\else
    \set readmodel_db readmodel
\endif
\if :{?command_role}
\else
    \set command_role eventbank_command
\endif
\if :{?command_password}
\else
    \set command_password command
\endif
\if :{?query_role}
\else
    \set query_role eventbank_query
\endif
\if :{?query_password}
\else
    \set query_password query
\endif

-- Roles: log in, nothing else
SELECT format('CREATE ROLE %I', r) FROM unnest(ARRAY[:'command_role', :'query_role']) AS r
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L', r, p)
FROM (VALUES (:'command_role', :'command_password'), (:'query_role', :'query_password')) AS roles (r, p) \gexec

-- Databases: the event store belongs to the command role, the read models to the query role
SELECT format('CREATE DATABASE %I OWNER %I', d, o)
FROM (VALUES (:'eventstore_db', :'command_role'), (:'readmodel_db', :'query_role')) AS dbs (d, o)
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = d) \gexec
ALTER DATABASE :"eventstore_db" OWNER TO :"command_role";
ALTER DATABASE :"readmodel_db" OWNER TO :"query_role";
REVOKE ALL ON DATABASE :"eventstore_db" FROM PUBLIC;
REVOKE ALL ON DATABASE :"readmodel_db" FROM PUBLIC;
REVOKE ALL ON DATABASE :"eventstore_db" FROM :"query_role";
GRANT CONNECT ON DATABASE :"eventstore_db" TO :"query_role";

-- Event store: the command role creates and owns every table; the query role reads them and creates nothing
\connect :eventstore_db
ALTER SCHEMA public OWNER TO pg_database_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM :"query_role";
GRANT USAGE ON SCHEMA public TO :"query_role";
-- objects a superuser created here before these roles existed are handed to the owner
SELECT format('ALTER %s public.%I OWNER TO %I',
              CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
              c.relname, :'command_role')
FROM pg_class c
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND c.relowner <> :'command_role'::regrole
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
ORDER BY c.relname \gexec
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"query_role";
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM :"query_role";
GRANT SELECT ON ALL TABLES IN SCHEMA public TO :"query_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"command_role" IN SCHEMA public GRANT SELECT ON TABLES TO :"query_role";

-- Read models: only the query role creates tables here
\connect :readmodel_db
ALTER SCHEMA public OWNER TO pg_database_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('ALTER %s public.%I OWNER TO %I',
              CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END,
              c.relname, :'query_role')
FROM pg_class c
WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
  AND c.relowner <> :'query_role'::regrole
  AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
ORDER BY c.relname \gexec
