-- User triggers on tables and views. Internal triggers (foreign keys, deferred uniqueness) and a
-- partition's clones of its parent's triggers (implied by the parent's) are left out.
select
  n.nspname as schema,
  c.relname as table_name,
  t.tgname as name,
  pg_get_triggerdef(t.oid) as definition,
  t.tgenabled as tgenabled,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = t.oid and d.classoid = 'pg_trigger'::regclass and d.objsubid = 0
  ) as comment
from pg_trigger t
-- The table the trigger is on; the schema filter applies on its schema.
join pg_class c on c.oid = t.tgrelid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and not t.tgisinternal
  and t.tgparentid = 0
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
