-- Columns of ordinary, partitioned and foreign tables (view and composite columns are not compared).
with identity_sequences as not materialized (
  -- An identity column's sequence: the sequence depends internally ('i') on the column.
  select dep.refobjid, dep.refobjsubid,
    array[format_type(s.seqtypid, null), s.seqstart::text, s.seqincrement::text,
      s.seqmin::text, s.seqmax::text, s.seqcache::text, s.seqcycle::text] as options
  from pg_depend dep
  join pg_sequence s on s.seqrelid = dep.objid
  where dep.classid = 'pg_class'::regclass and dep.refclassid = 'pg_class'::regclass
    and dep.deptype = 'i' and dep.refobjsubid > 0
)
select
  n.nspname as schema,
  c.relname as table_name,
  a.attname as name,
  -- Only to rank live columns (done by the caller): a dropped column must not shift what follows it.
  a.attnum as attnum,
  format_type(a.atttypid, a.atttypmod) as type,
  quote_ident(cn.nspname) || '.' || quote_ident(co.collname) as collation,
  a.attnotnull as not_null,
  -- A default cannot refer to columns, so it deparses without the table as context: with it,
  -- pg_get_expr would open and lock the table for every call.
  case when a.attgenerated = '' then pg_get_expr(ad.adbin, 0) end as default_expr,
  case when a.attgenerated <> '' then pg_get_expr(ad.adbin, ad.adrelid) end as generated_expr,
  a.attgenerated as attgenerated,
  -- STORAGE only where it differs from the type's; COMPRESSION and STATISTICS only where set
  -- (the statistics target is -1 for "the default" before PostgreSQL 17, NULL from 17).
  case when a.attstorage <> t.typstorage then a.attstorage end as storage,
  nullif(a.attcompression, '') as compression,
  nullif(a.attstattarget, -1) as statistics_target,
  a.attfdwoptions as foreign_options,
  -- ALTER COLUMN … SET (n_distinct = …).
  a.attoptions as options,
  a.attidentity as attidentity,
  case when a.attidentity <> '' then coalesce(ident.options, (
    -- From PostgreSQL 17 a partition's identity column shares its root table's sequence.
    select ri.options
    from pg_attribute ra
    join identity_sequences ri on ri.refobjid = ra.attrelid and ri.refobjsubid = ra.attnum
    where c.relispartition and ra.attrelid = pg_partition_root(c.oid) and ra.attname = a.attname
  )) end as identity_options,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = a.attrelid and d.classoid = 'pg_class'::regclass and d.objsubid = a.attnum
  ) as comment
from pg_attribute a
-- The column's table (its relkind picks tables) and schema (the filter applies there).
join pg_class c on c.oid = a.attrelid
join pg_namespace n on n.oid = c.relnamespace
-- The column type's default collation: a COLLATE is reported only where it differs.
join pg_type t on t.oid = a.atttypid
left join pg_collation co on co.oid = a.attcollation and a.attcollation <> t.typcollation
left join pg_namespace cn on cn.oid = co.collnamespace
-- Default or generation expression.
left join pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
-- The identity sequence of an identity column (other than a partition's).
left join identity_sequences ident on ident.refobjid = a.attrelid and ident.refobjsubid = a.attnum
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Only these relations (an incremental read of a scratch database); NULL: all.
  and ($3::oid[] is null or c.oid = any($3::oid[]))
  and c.relkind in ('r', 'p', 'f')
  and a.attnum > 0 and not a.attisdropped
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
