-- Indexes of tables and materialized views, except those implementing a primary key, unique or
-- exclusion constraint (compared as constraints). indnullsnotdistinct exists from PostgreSQL 15: it is
-- read by name through to_jsonb (absent on 14 → false), so one query serves every major.
select
  n.nspname as schema,
  t.relname as table_name,
  ic.relname as name,
  -- How pg_get_indexdef spells the table, to find the column list in the definition.
  quote_ident(n.nspname) || '.' || quote_ident(t.relname) as quoted_table,
  pg_get_indexdef(i.indexrelid) as definition,
  am.amname as method,
  i.indisunique as is_unique,
  coalesce((to_jsonb(i) ->> 'indnullsnotdistinct')::boolean, false) as nulls_not_distinct,
  -- Keys and INCLUDE columns are read from the definition, where keys carry their options.
  i.indnkeyatts as key_count,
  i.indnatts - i.indnkeyatts as include_count,
  -- The predicate is the definition's WHERE clause (a second deparse would cost as much again).
  i.indpred is not null as partial,
  i.indisvalid as valid,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = i.indexrelid and d.classoid = 'pg_class'::regclass and d.objsubid = 0
  ) as comment
from pg_index i
-- The index's own relation: name and access method.
join pg_class ic on ic.oid = i.indexrelid
join pg_am am on am.oid = ic.relam
-- The indexed table, whose schema the filter applies to.
join pg_class t on t.oid = i.indrelid
join pg_namespace n on n.oid = t.relnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Only these relations (an incremental read of a scratch database); NULL: all.
  and ($3::oid[] is null or t.oid = any($3::oid[]))
  and t.relkind in ('r', 'p', 'm')
  and not exists (
    select from pg_constraint k
    where k.conindid = i.indexrelid and k.conrelid = i.indrelid and k.contype in ('p', 'u', 'x')
  )
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and t.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
