-- Sequences, except identity sequences (compared as their column's identity options).
select
  n.nspname as schema,
  c.relname as name,
  format_type(s.seqtypid, null) as type,
  s.seqstart::text as start,
  s.seqincrement::text as increment,
  s.seqmin::text as min,
  s.seqmax::text as max,
  s.seqcache::text as cache,
  s.seqcycle as cycle,
  owner.owned_by as owned_by,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = c.oid and d.classoid = 'pg_class'::regclass and d.objsubid = 0
  ) as comment
from pg_class c
-- The schema filter applies on the sequence's schema.
join pg_namespace n on n.oid = c.relnamespace
-- The sequence parameters.
join pg_sequence s on s.seqrelid = c.oid
-- OWNED BY: an automatic ('a') dependency of the sequence on one table column.
left join lateral (
  select array[tn.nspname::text, tc.relname::text, ta.attname::text] as owned_by
  from pg_depend dep
  join pg_class tc on tc.oid = dep.refobjid
  join pg_namespace tn on tn.oid = tc.relnamespace
  join pg_attribute ta on ta.attrelid = dep.refobjid and ta.attnum = dep.refobjsubid
  where dep.classid = 'pg_class'::regclass and dep.objid = c.oid and dep.deptype = 'a'
    and dep.refclassid = 'pg_class'::regclass and dep.refobjsubid > 0
) owner on true
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Only these relations (an incremental read of a scratch database); NULL: all.
  and ($3::oid[] is null or c.oid = any($3::oid[]))
  and c.relkind = 'S'
  -- Not part of an extension (found from the extension side of pg_depend, through its index).
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
  -- Not an identity column's sequence: that one depends internally ('i') on its column.
  and not exists (
    select from pg_depend i
    where i.classid = 'pg_class'::regclass and i.objid = c.oid and i.deptype = 'i'
      and i.refclassid = 'pg_class'::regclass and i.refobjsubid > 0
  )
