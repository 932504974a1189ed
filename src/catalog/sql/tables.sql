-- Ordinary, partitioned and foreign tables. Their column order comes from the columns query.
-- Settings left at their defaults come back NULL (replica identity DEFAULT, the heap access method,
-- no storage parameters), so a snapshot written before they were read compares equal.
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
    select array_agg(array[pn.nspname::text, pc.relname::text] order by i.inhseqno)
    from pg_inherits i
    join pg_class pc on pc.oid = i.inhparent
    join pg_namespace pn on pn.oid = pc.relnamespace
    where i.inhrelid = c.oid and not c.relispartition
  ) as inherits,
  c.relrowsecurity as row_security,
  c.relforcerowsecurity as force_row_security,
  case c.relreplident
    -- A foreign table has no other.
    when 'n' then case when c.relkind <> 'f' then 'NOTHING' end
    when 'f' then 'FULL'
    when 'i' then 'USING INDEX ' || (
      select quote_ident(ic.relname) from pg_index ri join pg_class ic on ic.oid = ri.indexrelid
      where ri.indrelid = c.oid and ri.indisreplident
    )
  end as replica_identity,
  case when c.reloftype <> 0 then format_type(c.reloftype, null) end as of_type,
  -- CLUSTER ON: the index a plain CLUSTER uses.
  (
    select ic.relname from pg_index ci join pg_class ic on ic.oid = ci.indexrelid
    where ci.indrelid = c.oid and ci.indisclustered
  ) as cluster_on,
  -- Partitioned and foreign tables have no access method until one is set (PostgreSQL 17+).
  (select am.amname from pg_am am where am.oid = c.relam and am.amname <> 'heap') as access_method,
  -- WITH (…) and the TOAST table's own, as pg_dump writes them: `toast.autovacuum_enabled=false`.
  (
    select array_agg(o.option order by o.option)
    from (
      select unnest(c.reloptions) as option
      union all
      select 'toast.' || unnest(tc.reloptions) from pg_class tc where tc.oid = c.reltoastrelid
    ) o
  ) as storage_parameters,
  fs.srvname as foreign_server,
  ft.ftoptions as foreign_options,
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
-- A foreign table's server and options.
left join pg_foreign_table ft on ft.ftrelid = c.oid
left join pg_foreign_server fs on fs.oid = ft.ftserver
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Only these relations (an incremental read of a scratch database); NULL: all.
  and ($3::oid[] is null or c.oid = any($3::oid[]))
  and c.relkind in ('r', 'p', 'f')
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
