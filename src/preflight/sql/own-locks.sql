-- The locks this backend (or the backend $1) holds or waits for: relation locks in the current
-- database, and any other lock it waits for (relation is null for those).
select case when l.locktype = 'relation' then l.relation::int8 end as relation, l.mode, l.granted
from pg_locks l
where l.pid = coalesce($1::int, pg_backend_pid())
  and ((l.locktype = 'relation' and l.database = (select oid from pg_database where datname = current_database())) or not l.granted)
