-- Size, primary key and columns of each relation ($1 schemas, $2 names) in live; one that does
-- not exist comes back with a null oid. pg_total_relation_size takes ACCESS SHARE: bounded by lock_timeout.
select r.schema, r.name, c.oid::int8 as oid, c.relkind as kind, c.reltuples::float8 as reltuples,
  case when c.oid is not null then pg_total_relation_size(c.oid) end::int8 as bytes,
  case when c.oid is not null then pg_relation_size(c.oid) end::int8 as heap_bytes,
  -- the primary key's columns in key order: examples show these values and nothing else
  (select array_agg(a.attname::text order by k.ord)
     from pg_index i
     cross join unnest(i.indkey) with ordinality as k(attnum, ord)
     join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
     where i.indrelid = c.oid and i.indisprimary) as primary_key,
  (select array_agg(a.attname::text) from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns
from unnest($1::text[], $2::text[]) as r(schema, name)
left join pg_namespace n on n.nspname = r.schema
left join pg_class c on c.relnamespace = n.oid and c.relname = r.name
