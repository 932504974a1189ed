-- The user objects of the scratch database that a statement can change, as one JSON value:
-- relations (with relfilenode, to see rewrites), columns, constraints, indexes, enums and domains.
select json_build_object(
  'relations', (
    select coalesce(json_agg(json_build_object('oid', c.oid::int8, 'schema', n.nspname, 'relname', c.relname, 'name', n.nspname || '.' || c.relname, 'kind', c.relkind, 'filenode', c.relfilenode::int8, 'table', i.indrelid::int8)), '[]')
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    -- an index names the table it belongs to
    left join pg_index i on i.indexrelid = c.oid
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_(toast|temp)'
      and c.relkind in ('r', 'p', 'i', 'I', 'm', 'S', 'v', 'f')),
  'columns', (
    select coalesce(json_agg(json_build_object('table', a.attrelid::int8, 'num', a.attnum, 'name', a.attname, 'notnull', a.attnotnull,
      'type', format_type(a.atttypid, a.atttypmod), 'typeoid', a.atttypid::int8, 'hasdefault', a.atthasdef,
      'generated', a.attidentity <> '' or a.attgenerated <> '', 'dropped', a.attisdropped)), '[]')
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    where a.attnum > 0 and c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_(toast|temp)'),
  'constraints', (
    select coalesce(json_agg(json_build_object('oid', co.oid::int8, 'name', co.conname, 'type', co.contype, 'table', co.conrelid::int8, 'domain', co.contypid::int8,
      'validated', co.convalidated, 'keys', co.conkey, 'refTable', co.confrelid::int8, 'refKeys', co.confkey, 'match', co.confmatchtype, 'index', co.conindid::int8,
      'expr', case when co.contype = 'c' then pg_get_expr(co.conbin, co.conrelid) end)), '[]')
    from pg_constraint co
    join pg_namespace n on n.oid = co.connamespace
    where co.contype in ('c', 'f', 'p', 'u', 'x') and n.nspname not in ('pg_catalog', 'information_schema')),
  'indexes', (
    select coalesce(json_agg(json_build_object('oid', i.indexrelid::int8, 'table', i.indrelid::int8, 'unique', i.indisunique,
      -- indnullsnotdistinct exists from PostgreSQL 15
      'nullsNotDistinct', coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false),
      'keys', (select array_agg(pg_get_indexdef(i.indexrelid, k, true) order by k) from generate_series(1, i.indnkeyatts) k),
      'predicate', pg_get_expr(i.indpred, i.indrelid))), '[]')
    from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname !~ '^pg_(toast|temp)'),
  'enums', (
    select coalesce(json_agg(json_build_object('oid', t.oid::int8, 'name', n.nspname || '.' || t.typname,
      'labels', (select array_agg(e.enumlabel order by e.enumsortorder) from pg_enum e where e.enumtypid = t.oid))), '[]')
    from pg_type t
    join pg_namespace n on n.oid = t.typnamespace
    where t.typtype = 'e' and n.nspname not in ('pg_catalog', 'information_schema')),
  'domains', (
    select coalesce(json_agg(json_build_object('oid', t.oid::int8, 'name', n.nspname || '.' || t.typname, 'notnull', t.typnotnull)), '[]')
    from pg_type t
    join pg_namespace n on n.oid = t.typnamespace
    where t.typtype = 'd' and n.nspname not in ('pg_catalog', 'information_schema')),
  -- sequential scans not yet reported to the statistics system: compared within one transaction, where they are never flushed
  'scans', (select coalesce(json_object_agg(relid::int8, seq_scan), '{}') from pg_stat_xact_user_tables where seq_scan > 0)
) as state
