-- Operators, filtered by the schema they live in; not an extension's.
select
  n.nspname as schema,
  o.oprname as name,
  -- The identity: `public.===(integer, integer)`, NONE for a prefix operator's left side.
  o.oid::regoperator::text as signature,
  o.oprcode::regprocedure::text as function,
  case when o.oprcom <> 0 then o.oprcom::regoperator::text end as commutator,
  case when o.oprnegate <> 0 then o.oprnegate::regoperator::text end as negator,
  case when o.oprrest <> 0 then o.oprrest::regproc::text end as restrict,
  case when o.oprjoin <> 0 then o.oprjoin::regproc::text end as join_estimator,
  o.oprcanhash as hashes,
  o.oprcanmerge as merges,
  (
    select d.description from pg_description d
    where d.objoid = o.oid and d.classoid = 'pg_operator'::regclass and d.objsubid = 0
  ) as comment
from pg_operator o
join pg_namespace n on n.oid = o.oprnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and o.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_operator'::regclass
  )
