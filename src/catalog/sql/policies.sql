-- Row-level security policies.
select
  n.nspname as schema,
  c.relname as table_name,
  p.polname as name,
  p.polpermissive as permissive,
  p.polcmd as polcmd,
  (
    -- Role 0 stands for PUBLIC.
    select array_agg(coalesce(r.rolname::text, 'public'))
    from unnest(p.polroles) u(roleid)
    left join pg_roles r on r.oid = u.roleid
  ) as roles,
  pg_get_expr(p.polqual, p.polrelid) as using_expr,
  pg_get_expr(p.polwithcheck, p.polrelid) as with_check_expr,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = p.oid and d.classoid = 'pg_policy'::regclass and d.objsubid = 0
  ) as comment
from pg_policy p
-- The table the policy is on; the schema filter applies on its schema.
join pg_class c on c.oid = p.polrelid
join pg_namespace n on n.oid = c.relnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Only these relations (an incremental read of a scratch database); NULL: all.
  and ($3::oid[] is null or c.oid = any($3::oid[]))
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_class'::regclass
  )
