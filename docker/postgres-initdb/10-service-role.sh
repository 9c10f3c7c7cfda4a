#!/bin/sh
# Runs once, when the PostgreSQL volume is new (the image's /docker-entrypoint-initdb.d): the service's own login role,
# restricted as README "Two roles" explains. The service grants it its privileges at every start, after the migrations.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$RECERT_SERVICE_PASSWORD" <<'SQL'
-- BYPASSRLS: graphile-worker (warranty expiry) keeps row-level security on its queue tables; it grants nothing else.
CREATE ROLE recert_service LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT BYPASSRLS;
SQL
