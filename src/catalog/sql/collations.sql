-- User-defined collations. PostgreSQL 14: an ICU collation keeps its locale in collcollate.
select
  n.nspname as schema,
  c.collname as name,
  c.collprovider as collprovider,
  c.collcollate::text as lc_collate,
  c.collctype::text as lc_ctype,
  null::text as locale,
  c.collisdeterministic as deterministic,
  null::text as rules,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = c.oid and d.classoid = 'pg_collation'::regclass and d.objsubid = 0
  ) as comment
from pg_collation c
-- The schema filter applies on the collation's schema.
join pg_namespace n on n.oid = c.collnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Not part of an extension (found from the extension side of pg_depend, through its index).
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_collation'::regclass
  )
