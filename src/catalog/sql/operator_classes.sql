-- Operator families and classes, filtered by the schema they live in; not an extension's. One
-- row per family (with its operators and support functions) and one per class.
select
  'family' as variant,
  n.nspname as schema,
  f.opfname as name,
  am.amname as method,
  null::text as type,
  null::boolean as is_default,
  null::text as family,
  null::text as storage,
  (
    select array_agg(m.entry)
    from (
      select 'OPERATOR ' || ao.amopstrategy || ' ' || ao.amopopr::regoperator::text
        || case when ao.amoppurpose = 'o' then ' FOR ORDER BY ' || quote_ident(sfn.nspname) || '.' || quote_ident(sf.opfname) else '' end as entry
      from pg_amop ao
      left join pg_opfamily sf on sf.oid = ao.amopsortfamily
      left join pg_namespace sfn on sfn.oid = sf.opfnamespace
      where ao.amopfamily = f.oid
      union all
      select 'FUNCTION ' || ap.amprocnum || ' (' || format_type(ap.amproclefttype, null) || ', '
        || format_type(ap.amprocrighttype, null) || ') ' || ap.amproc::regprocedure::text
      from pg_amproc ap
      where ap.amprocfamily = f.oid
    ) m
  ) as members,
  (
    select d.description from pg_description d
    where d.objoid = f.oid and d.classoid = 'pg_opfamily'::regclass and d.objsubid = 0
  ) as comment
from pg_opfamily f
join pg_namespace n on n.oid = f.opfnamespace
join pg_am am on am.oid = f.opfmethod
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and f.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_opfamily'::regclass
  )
union all
select
  'class',
  n.nspname,
  c.opcname,
  am.amname,
  format_type(c.opcintype, null),
  c.opcdefault,
  quote_ident(fn.nspname) || '.' || quote_ident(f.opfname),
  case when c.opckeytype <> 0 then format_type(c.opckeytype, null) end,
  null,
  (
    select d.description from pg_description d
    where d.objoid = c.oid and d.classoid = 'pg_opclass'::regclass and d.objsubid = 0
  )
from pg_opclass c
join pg_namespace n on n.oid = c.opcnamespace
join pg_am am on am.oid = c.opcmethod
join pg_opfamily f on f.oid = c.opcfamily
join pg_namespace fn on fn.oid = f.opfnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_opclass'::regclass
  )
