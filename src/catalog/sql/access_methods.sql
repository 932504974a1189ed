-- Access methods made in this database (CREATE ACCESS METHOD), not an extension's: database-wide,
-- not filtered by schema.
select
  a.amname as name,
  a.amtype as type,
  a.amhandler::regproc::text as handler,
  (
    select d.description from pg_description d
    where d.objoid = a.oid and d.classoid = 'pg_am'::regclass and d.objsubid = 0
  ) as comment
from pg_am a
-- Objects made after initdb have OIDs from FirstNormalObjectId (16384) on.
where a.oid >= 16384
  and a.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_am'::regclass
  )
