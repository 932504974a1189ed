-- Rules of tables and views, except the _RETURN rule that makes a view (compared as the view's query).
select
  n.nspname as schema,
  c.relname as table_name,
  r.rulename as name,
  -- pg_get_ruledef without `CREATE RULE name AS`: `ON INSERT TO public.t DO INSTEAD NOTHING;`.
  substr(pg_get_ruledef(r.oid, true), length('CREATE RULE ' || quote_ident(r.rulename) || ' AS') + 1) as definition,
  r.ev_enabled as enabled,
  (
    select d.description from pg_description d
    where d.objoid = r.oid and d.classoid = 'pg_rewrite'::regclass and d.objsubid = 0
  ) as comment
from pg_rewrite r
join pg_class c on c.oid = r.ev_class
join pg_namespace n on n.oid = c.relnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Only these relations (an incremental read of a scratch database); NULL: all.
  and ($3::oid[] is null or c.oid = any($3::oid[]))
  and r.rulename <> '_RETURN'
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
