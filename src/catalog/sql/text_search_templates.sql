-- Text search parsers and templates, filtered by the schema they live in; not an extension's. One
-- row per parser (its five functions) and one per template (its two).
select
  'parser' as variant,
  n.nspname as schema,
  p.prsname as name,
  array[
    'START = ' || p.prsstart::regproc::text, 'GETTOKEN = ' || p.prstoken::regproc::text, 'END = ' || p.prsend::regproc::text,
    'LEXTYPES = ' || p.prslextype::regproc::text, 'HEADLINE = ' || case when p.prsheadline <> 0 then p.prsheadline::regproc::text else '-' end
  ] as functions,
  (
    select d.description from pg_description d
    where d.objoid = p.oid and d.classoid = 'pg_ts_parser'::regclass and d.objsubid = 0
  ) as comment
from pg_ts_parser p
join pg_namespace n on n.oid = p.prsnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and p.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_ts_parser'::regclass
  )
union all
select
  'template',
  n.nspname,
  t.tmplname,
  array['INIT = ' || case when t.tmplinit <> 0 then t.tmplinit::regproc::text else '-' end, 'LEXIZE = ' || t.tmpllexize::regproc::text],
  (
    select d.description from pg_description d
    where d.objoid = t.oid and d.classoid = 'pg_ts_template'::regclass and d.objsubid = 0
  )
from pg_ts_template t
join pg_namespace n on n.oid = t.tmplnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and t.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_ts_template'::regclass
  )
