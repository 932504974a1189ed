-- Owners and privileges, read only with --include owner / privileges. One row per object that
-- has them, with the name parts and (functions) argument types its key is built from. A NULL ACL means the defaults, which
-- acldefault spells out, so that granting and revoking back to the defaults compares equal.
with objects as not materialized (
  select 'schema' as kind, array[n.nspname::text] as parts, null::text as arguments, n.nspname as schema, n.nspowner as owner, n.nspacl as acl, 'n' as acl_type
  from pg_namespace n
  union all
  select 'extension', array[e.extname::text], null, n.nspname, e.extowner, null, null
  from pg_extension e join pg_namespace n on n.oid = e.extnamespace
  union all
  select 'collation', array[n.nspname::text, c.collname::text], null, n.nspname, c.collowner, null, null
  from pg_collation c join pg_namespace n on n.oid = c.collnamespace
  union all
  -- Enums, domains, ranges and free-standing composite types (not row or array types).
  select 'type', array[n.nspname::text, t.typname::text], null, n.nspname, t.typowner, t.typacl, 'T'
  from pg_type t join pg_namespace n on n.oid = t.typnamespace
  left join pg_class c on c.oid = t.typrelid
  where t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and c.relkind = 'c')
  union all
  select case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized_view' else 'table' end,
    array[n.nspname::text, c.relname::text], null, n.nspname, c.relowner, c.relacl, case c.relkind when 'S' then 's' else 'r' end
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'f', 'v', 'm', 'S')
  union all
  -- Column privileges: no defaults, no owner of their own.
  select 'column', array[n.nspname::text, c.relname::text, a.attname::text], null, n.nspname, null, a.attacl, null
  from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
  where a.attacl is not null and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p', 'f')
  union all
  select 'function', array[n.nspname::text, p.proname::text], oidvectortypes(p.proargtypes), n.nspname, p.proowner, p.proacl, 'f'
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
)
select
  o.kind,
  o.parts,
  o.arguments,
  pg_get_userbyid(o.owner) as owner,
  (
    -- `grantee: PRIVILEGE, …` per grantee; role 0 is PUBLIC; the grantor is left out. The owner's
    -- own default privileges are not listed (they differ between majors: MAINTAIN came with 17),
    -- only what was granted beyond them or revoked from them.
    select array_agg(g.entry)
    from (
      select coalesce(r.rolname, 'PUBLIC') || ': '
        || string_agg(x.privilege_type || case when x.is_grantable then ' WITH GRANT OPTION' else '' end, ', ' order by x.privilege_type) as entry
      from aclexplode(coalesce(o.acl, d.acl)) x
      left join pg_roles r on r.oid = x.grantee
      where not (x.grantee = o.owner and exists (
        select from aclexplode(d.acl) own
        where own.grantee = o.owner and own.privilege_type = x.privilege_type and own.is_grantable = x.is_grantable
      ))
      group by x.grantee, r.rolname
      union all
      select pg_get_userbyid(o.owner) || ' (revoked): ' || string_agg(own.privilege_type, ', ' order by own.privilege_type)
      from aclexplode(d.acl) own
      where own.grantee = o.owner and not exists (
        select from aclexplode(o.acl) x where x.grantee = own.grantee and x.privilege_type = own.privilege_type
      ) and o.acl is not null
      having count(*) > 0
    ) g
  ) as privileges
from objects o
-- The defaults a NULL ACL stands for (none for kinds without an ACL).
cross join lateral (select case when o.acl_type is not null then acldefault(o.acl_type::"char", o.owner) end as acl) d
where o.schema !~ '^pg_' and o.schema <> 'information_schema'
  and ($1::text[] is null or o.schema = any($1::text[]))
  and ($2::text[] is null or o.schema <> all($2::text[]))
