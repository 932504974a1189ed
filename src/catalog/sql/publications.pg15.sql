-- Publications: database-wide, not filtered by schema. PostgreSQL 15+: schemas (FOR TABLES IN
-- SCHEMA), column lists and row filters.
select
  p.pubname as name,
  p.puballtables as all_tables,
  array_remove(array[
    case when p.pubinsert then 'insert' end, case when p.pubupdate then 'update' end,
    case when p.pubdelete then 'delete' end, case when p.pubtruncate then 'truncate' end
  ], null) as operations,
  p.pubviaroot as via_root,
  (
    -- `schema.table`, with its column list and row filter when it has them, as pg_dump writes them.
    select array_agg(
      quote_ident(tn.nspname) || '.' || quote_ident(tc.relname)
      || coalesce(' (' || (
        select string_agg(quote_ident(a.attname), ', ' order by a.attnum)
        from pg_attribute a where a.attrelid = r.prrelid and a.attnum = any(r.prattrs)
      ) || ')', '')
      || coalesce(' WHERE (' || pg_get_expr(r.prqual, r.prrelid) || ')', '')
    )
    from pg_publication_rel r
    join pg_class tc on tc.oid = r.prrelid
    join pg_namespace tn on tn.oid = tc.relnamespace
    where r.prpubid = p.oid
  ) as tables,
  (
    select array_agg(sn.nspname::text)
    from pg_publication_namespace pn join pg_namespace sn on sn.oid = pn.pnnspid
    where pn.pnpubid = p.oid
  ) as schemas,
  (
    select d.description from pg_description d
    where d.objoid = p.oid and d.classoid = 'pg_publication'::regclass and d.objsubid = 0
  ) as comment
from pg_publication p
