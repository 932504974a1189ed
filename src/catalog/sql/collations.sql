-- User-defined collations. The locale columns differ by major and are read by name through
-- to_jsonb (absent → null): 14 keeps an ICU locale in collcollate, 15–16 in colliculocale,
-- 17+ in colllocale (also the builtin provider's); ICU tailoring rules (collicurules) from 16.
select
  n.nspname as schema,
  c.collname as name,
  c.collprovider as collprovider,
  c.collcollate::text as lc_collate,
  c.collctype::text as lc_ctype,
  coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale') as locale,
  c.collisdeterministic as deterministic,
  to_jsonb(c) ->> 'collicurules' as rules,
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
