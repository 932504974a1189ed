-- Casts made in this database (not the built-in ones, not an extension's): database-wide, not
-- filtered by schema.
select
  format_type(c.castsource, null) as source,
  format_type(c.casttarget, null) as target,
  case when c.castfunc <> 0 then c.castfunc::regprocedure::text end as function,
  c.castcontext as context,
  c.castmethod as method,
  (
    select d.description from pg_description d
    where d.objoid = c.oid and d.classoid = 'pg_cast'::regclass and d.objsubid = 0
  ) as comment
from pg_cast c
-- Objects made after initdb have OIDs from FirstNormalObjectId (16384) on.
where c.oid >= 16384
  -- Not made along with another object (a range type's casts to its multirange).
  and c.oid not in (
    select i.objid from pg_depend i where i.classid = 'pg_cast'::regclass and i.deptype = 'i'
  )
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_cast'::regclass
  )
