-- Encoding conversions (CREATE CONVERSION), filtered by the schema they live in; not an extension's.
select
  n.nspname as schema,
  c.conname as name,
  pg_encoding_to_char(c.conforencoding) as source,
  pg_encoding_to_char(c.contoencoding) as target,
  c.conproc::regproc::text as function,
  c.condefault as is_default,
  (
    select d.description from pg_description d
    where d.objoid = c.oid and d.classoid = 'pg_conversion'::regclass and d.objsubid = 0
  ) as comment
from pg_conversion c
join pg_namespace n on n.oid = c.connamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_conversion'::regclass
  )
