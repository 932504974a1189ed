-- Ordinary, partitioned and foreign tables. Their column order comes from the columns query.
select
  n.nspname as schema,
  c.relname as name,
  c.relkind as relkind,
  c.relpersistence as relpersistence,
  case when c.relkind = 'p' then pg_get_partkeydef(c.oid) end as partition_key,
  parent.qualified_name as partition_of,
  case when c.relispartition then pg_get_expr(c.relpartbound, c.oid) end as partition_bound,
  parent.detach_pending as detach_pending,
  (
    -- Inheritance parents in declaration order; a partition's parent is reported as partition_of instead.
    select json_agg(json_build_array(pn.nspname, pc.relname) order by i.inhseqno)
    from pg_inherits i
    join pg_class pc on pc.oid = i.inhparent
    join pg_namespace pn on pn.oid = pc.relnamespace
    where i.inhrelid = c.oid and not c.relispartition
  ) as inherits,
  c.relrowsecurity as row_security,
  c.relforcerowsecurity as force_row_security,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = c.oid and d.classoid = 'pg_class'::regclass and d.objsubid = 0
  ) as comment
from pg_class c
-- The schema filter applies first, on the table's schema.
join pg_namespace n on n.oid = c.relnamespace
-- A partition has exactly one pg_inherits row: its parent.
left join lateral (
  select array[pn.nspname::text, pc.relname::text] as qualified_name, i.inhdetachpending as detach_pending
  from pg_inherits i
  join pg_class pc on pc.oid = i.inhparent
  join pg_namespace pn on pn.oid = pc.relnamespace
  where i.inhrelid = c.oid
) parent on c.relispartition
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and c.relkind in ('r', 'p', 'f')
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
