-- The relations whose definitions may show the names of these objects (a rename changes how
-- they deparse): whatever belongs to a relation and depends on them in pg_depend, as the
-- relation's OID, schema and name. $3, $4: the objects, as pg_depend's (refclassid, refobjid).
with refs as (
  select * from unnest($3::oid[], $4::oid[]) as r (classid, objid)
),
dependents as (
  select distinct d.classid, d.objid
  from refs r
  join pg_depend d on d.refclassid = r.classid and d.refobjid = r.objid
),
owners as (
  select
    case d.classid
      when 'pg_class'::regclass then coalesce(
        (select i.indrelid from pg_index i where i.indexrelid = d.objid),
        (select t.oid from pg_class t where t.reltoastrelid = d.objid),
        (
          select s.refobjid from pg_depend s
          where s.classid = 'pg_class'::regclass and s.objid = d.objid and s.refclassid = 'pg_class'::regclass and s.deptype = 'i'
        ),
        d.objid
      )
      when 'pg_constraint'::regclass then (select nullif(k.conrelid, 0) from pg_constraint k where k.oid = d.objid)
      when 'pg_attrdef'::regclass then (select a.adrelid from pg_attrdef a where a.oid = d.objid)
      when 'pg_trigger'::regclass then (select t.tgrelid from pg_trigger t where t.oid = d.objid)
      when 'pg_policy'::regclass then (select p.polrelid from pg_policy p where p.oid = d.objid)
      when 'pg_rewrite'::regclass then (select w.ev_class from pg_rewrite w where w.oid = d.objid)
    end as relid
  from dependents d
)
select distinct c.oid::text as relid, n.nspname as schema, c.relname as name
from owners o
join pg_class c on c.oid = o.relid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and c.relkind in ('r', 'p', 'f', 'v', 'm', 'S')
