-- User triggers on tables and views. Internal triggers (foreign keys, deferred uniqueness) and a
-- partition's clones of its parent's triggers (implied by the parent's) are left out.
select
  n.nspname as schema,
  c.relname as table_name,
  t.tgname as name,
  pg_get_triggerdef(t.oid) as definition,
  -- Bits: 1 row, 2 before, 64 instead of; 4 insert, 8 delete, 16 update, 32 truncate.
  t.tgtype::int as tgtype,
  (
    -- UPDATE OF columns, in the order given.
    select array_agg(a.attname::text order by u.ord)
    from unnest(t.tgattr::int2[]) with ordinality u(attnum, ord)
    join pg_attribute a on a.attrelid = t.tgrelid and a.attnum = u.attnum
  ) as update_columns,
  t.tgfoid::regproc::text as function_name,
  t.tgoldtable as old_table,
  t.tgnewtable as new_table,
  t.tgconstraint <> 0 as constraint_trigger,
  t.tgdeferrable as deferrable,
  t.tginitdeferred as initially_deferred,
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
  -- Only these relations (an incremental read of a scratch database); NULL: all.
  and ($3::oid[] is null or c.oid = any($3::oid[]))
  and not t.tgisinternal
  and t.tgparentid = 0
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
