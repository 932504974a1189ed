-- Publications: database-wide, not filtered by schema. PostgreSQL 14: tables only, without
-- column lists or row filters.
select
  p.pubname as name,
  p.puballtables as all_tables,
  array_remove(array[
    case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
    case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end
  ], null) as operations,
  p.pubviaroot as via_root,
  (
    select array_agg(quote_ident(tn.nspname) || '.' || quote_ident(tc.relname))
    from pg_publication_rel r
    join pg_class tc on tc.oid = r.prrelid
    join pg_namespace tn on tn.oid = tc.relnamespace
    where r.prpubid = p.oid
  ) as tables,
  null::text[] as schemas,
  (
    select d.description from pg_description d
    where d.objoid = p.oid and d.classoid = 'pg_publication'::regclass and d.objsubid = 0
  ) as comment
from pg_publication p
