-- Primary key, unique, foreign key, check and exclusion constraints on tables. NOT NULL rows
-- (contype 'n', PostgreSQL 18) are left out: pg_attribute.attnotnull carries them. Constraint
-- triggers (contype 't') are compared as triggers.
select
  n.nspname as schema,
  c.relname as table_name,
  k.conname as name,
  k.contype as contype,
  pg_get_constraintdef(k.oid) as definition,
  -- Key column numbers: their names come from the columns query.
  k.conkey as key_attnums,
  k.convalidated as validated,
  k.condeferrable as deferrable,
  k.condeferred as initially_deferred,
  case when k.contype = 'f' then (
    select array[fn.nspname::text, fc.relname::text]
    from pg_class fc
    join pg_namespace fn on fn.oid = fc.relnamespace
    where fc.oid = k.confrelid
  ) end as ref_table,
  case when k.contype = 'f' then (
    -- The referenced table may lie outside the schemas read, so its column names are looked up here.
    select array_agg(a.attname::text order by u.ord)
    from unnest(k.confkey) with ordinality u(attnum, ord)
    join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.attnum
  ) end as ref_columns,
  k.confupdtype as confupdtype,
  k.confdeltype as confdeltype,
  k.confmatchtype as confmatchtype,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = k.oid and d.classoid = 'pg_constraint'::regclass and d.objsubid = 0
  ) as comment
from pg_constraint k
-- Table constraints only (conrelid = 0 for domain constraints).
join pg_class c on c.oid = k.conrelid
-- The schema filter applies on the table's schema.
join pg_namespace n on n.oid = c.relnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Only these relations (an incremental read of a scratch database); NULL: all.
  and ($3::oid[] is null or c.oid = any($3::oid[]))
  and k.contype in ('p', 'u', 'f', 'c', 'x')
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
  -- A constraint a partition inherited is listed on the partition; but a foreign key that
  -- references a partitioned table also gets one hidden clone per referenced partition on the
  -- same table (named by creation order), which is implementation detail.
  -- (The OR keeps the lookup to clones.)
  and (k.conparentid = 0 or not exists (
    select from pg_constraint pk
    where pk.oid = k.conparentid and pk.conrelid = k.conrelid
  ))
