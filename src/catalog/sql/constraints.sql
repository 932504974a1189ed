-- Primary key, unique, foreign key, check and exclusion constraints on tables. NOT NULL rows
-- (contype 'n', PostgreSQL 18) are left out: pg_attribute.attnotnull carries them. Constraint
-- triggers (contype 't') are compared as triggers.
with key_columns as (
  -- Names of the constrained columns in key order, for all constraints in one pass (a subquery
  -- per constraint would scan its table's attributes each time).
  select k.oid as conoid, array_agg(a.attname::text order by u.ord) as names
  from pg_constraint k
  cross join unnest(k.conkey) with ordinality u(attnum, ord)
  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
  where k.contype in ('p', 'u', 'f', 'c', 'x')
  group by k.oid
),
referenced_columns as (
  -- Likewise for the referenced columns of foreign keys.
  select k.oid as conoid, array_agg(a.attname::text order by u.ord) as names
  from pg_constraint k
  cross join unnest(k.confkey) with ordinality u(attnum, ord)
  join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum
  where k.contype = 'f'
  group by k.oid
)
select
  n.nspname as schema,
  c.relname as table_name,
  k.conname as name,
  k.contype as contype,
  pg_get_constraintdef(k.oid) as definition,
  kc.names as columns,
  k.convalidated as validated,
  k.condeferrable as deferrable,
  k.condeferred as initially_deferred,
  case when k.contype = 'f' then (
    select fn.nspname || '.' || fc.relname
    from pg_class fc
    join pg_namespace fn on fn.oid = fc.relnamespace
    where fc.oid = k.confrelid
  ) end as ref_table,
  rc.names as ref_columns,
  k.confupdtype as confupdtype,
  k.confdeltype as confdeltype,
  k.confmatchtype as confmatchtype,
  -- A scalar lookup by pg_description's primary key: cheap, whatever the planner thinks of the row count.
  (
    select d.description from pg_description d
    where d.objoid = k.oid and d.classoid = 'pg_constraint'::regclass and d.objsubid = 0
  ) as comment
from pg_constraint k
-- Table constraints only (conrelid = 0 for domain constraints).
join pg_class c on c.oid = k.conrelid
-- The schema filter applies on the table's schema.
join pg_namespace n on n.oid = c.relnamespace
left join key_columns kc on kc.conoid = k.oid
left join referenced_columns rc on rc.conoid = k.oid
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and k.contype in ('p', 'u', 'f', 'c', 'x')
  and not exists (
    select from pg_depend e
    where e.classid = 'pg_class'::regclass and e.objid = c.oid and e.deptype = 'e'
  )
  -- A constraint a partition inherited is listed on the partition; but a foreign key that
  -- references a partitioned table also gets one hidden clone per referenced partition on the
  -- same table (named by creation order), which is implementation detail.
  and not exists (
    select from pg_constraint pk
    where k.conparentid <> 0 and pk.oid = k.conparentid and pk.conrelid = k.conrelid
  )
