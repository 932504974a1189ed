-- Views and materialized views.
select
  n.nspname as schema,
  c.relname as name,
  c.relkind as relkind,
  pg_get_viewdef(c.oid, true) as definition,
  c.reloptions as options,
  -- A materialized view's access method, when not heap.
  (select am.amname from pg_am am where am.oid = c.relam and am.amname <> 'heap') as access_method,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = c.oid and d.classoid = 'pg_class'::regclass and d.objsubid = 0
  ) as comment
from pg_class c
-- The schema filter applies on the view's schema.
join pg_namespace n on n.oid = c.relnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Only these relations (an incremental read of a scratch database); NULL: all.
  and ($3::oid[] is null or c.oid = any($3::oid[]))
  and c.relkind in ('v', 'm')
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
