-- Event triggers: database-wide, not filtered by schema; not part of an extension.
select
  t.evtname as name,
  t.evtevent as event,
  t.evttags as tags,
  t.evtfoid::regproc::text as function,
  t.evtenabled as enabled,
  (
    select d.description from pg_description d
    where d.objoid = t.oid and d.classoid = 'pg_event_trigger'::regclass and d.objsubid = 0
  ) as comment
from pg_event_trigger t
where t.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_event_trigger'::regclass
  )
