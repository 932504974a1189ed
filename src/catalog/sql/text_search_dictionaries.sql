-- Text search dictionaries, filtered by the schema they live in.
select
  n.nspname as schema,
  d.dictname as name,
  quote_ident(tn.nspname) || '.' || quote_ident(t.tmplname) as template,
  d.dictinitoption as options,
  (
    select ds.description from pg_description ds
    where ds.objoid = d.oid and ds.classoid = 'pg_ts_dict'::regclass and ds.objsubid = 0
  ) as comment
from pg_ts_dict d
join pg_namespace n on n.oid = d.dictnamespace
join pg_ts_template t on t.oid = d.dicttemplate
join pg_namespace tn on tn.oid = t.tmplnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and d.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_ts_dict'::regclass
  )
