-- Extended statistics (CREATE STATISTICS), filtered by the schema they live in.
select
  n.nspname as schema,
  s.stxname as name,
  -- The definition without `CREATE STATISTICS name `: `(ndistinct) ON a, b FROM public.t`.
  substr(pg_get_statisticsobjdef(s.oid), length('CREATE STATISTICS ' || quote_ident(n.nspname) || '.' || quote_ident(s.stxname)) + 2) as definition,
  -- -1 (before PostgreSQL 17) and NULL (from 17) both mean "the default".
  nullif(s.stxstattarget, -1) as statistics_target,
  (
    select d.description from pg_description d
    where d.objoid = s.oid and d.classoid = 'pg_statistic_ext'::regclass and d.objsubid = 0
  ) as comment
from pg_statistic_ext s
join pg_namespace n on n.oid = s.stxnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and s.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_statistic_ext'::regclass
  )
