-- Foreign-data wrappers and their servers, database-wide (not filtered by schema), not an
-- extension's. One row per wrapper (server_name null) and one per server.
select
  w.fdwname as name,
  null::text as server_name,
  case when w.fdwhandler <> 0 then w.fdwhandler::regproc::text end as handler,
  case when w.fdwvalidator <> 0 then w.fdwvalidator::regproc::text end as validator,
  null::text as type,
  null::text as version,
  w.fdwoptions as options,
  (
    select d.description from pg_description d
    where d.objoid = w.oid and d.classoid = 'pg_foreign_data_wrapper'::regclass and d.objsubid = 0
  ) as comment
from pg_foreign_data_wrapper w
where w.oid not in (
  select e.objid from pg_depend e
  where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_foreign_data_wrapper'::regclass
)
union all
select
  w.fdwname,
  s.srvname,
  null,
  null,
  s.srvtype,
  s.srvversion,
  s.srvoptions,
  (
    select d.description from pg_description d
    where d.objoid = s.oid and d.classoid = 'pg_foreign_server'::regclass and d.objsubid = 0
  )
from pg_foreign_server s
join pg_foreign_data_wrapper w on w.oid = s.srvfdw
where s.oid not in (
  select e.objid from pg_depend e
  where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_foreign_server'::regclass
)
