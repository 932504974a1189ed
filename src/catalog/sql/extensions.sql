-- Extensions, filtered by the schema they live in (plpgsql lives in pg_catalog and is kept
-- unless an include list leaves pg_catalog out).
select
  e.extname as name,
  n.nspname as schema,
  e.extversion as version,
  -- The version CREATE EXTENSION installs on this server: another major's server may install another.
  (select a.default_version from pg_available_extensions a where a.name = e.extname) as default_version,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = e.oid and d.classoid = 'pg_extension'::regclass and d.objsubid = 0
  ) as comment
from pg_extension e
-- The schema holding the extension's objects.
join pg_namespace n on n.oid = e.extnamespace
where ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
