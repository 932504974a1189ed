-- Functions, procedures, aggregates and window functions outside extensions.
select
  n.nspname as schema,
  p.proname as name,
  -- The identity: argument types only (input ones, and a procedure's OUT ones), not their names.
  oidvectortypes(p.proargtypes) as identity_types,
  (
    -- Every parameter but RETURNS TABLE columns (the result type shows those), in order.
    select array_agg(
      case a.mode when 'o' then 'OUT ' when 'b' then 'INOUT ' when 'v' then 'VARIADIC ' else '' end
        || format_type(a.type, null) order by a.ord)
    from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargmodes) with ordinality a(type, mode, ord)
    where a.type is not null and a.mode is distinct from 't'
  ) as argument_types,
  (
    select array_agg(coalesce(a.name, '') order by a.ord)
    from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]), p.proargmodes, p.proargnames) with ordinality a(type, mode, name, ord)
    where a.type is not null and a.mode is distinct from 't'
  ) as argument_names,
  pg_get_expr(p.proargdefaults, 0) as argument_defaults,
  p.prokind as prokind,
  pg_get_function_result(p.oid) as returns,
  l.lanname as language,
  p.provolatile as provolatile,
  p.proisstrict as strict,
  p.prosecdef as security_definer,
  p.proparallel as proparallel,
  p.proconfig as config,
  case
    -- SQL-standard body (BEGIN ATOMIC / RETURN): prosrc is empty, the parsed body is in prosqlbody.
    when p.prosqlbody is not null then pg_get_function_sqlbody(p.oid)
    when p.probin is not null then p.probin || ', ' || p.prosrc
    when ag.aggfnoid is not null then concat_ws(', ',
      'SFUNC = ' || ag.aggtransfn::text,
      'STYPE = ' || format_type(ag.aggtranstype, null),
      'FINALFUNC = ' || nullif(ag.aggfinalfn, 0)::regproc::text,
      'COMBINEFUNC = ' || nullif(ag.aggcombinefn, 0)::regproc::text,
      'INITCOND = ' || quote_literal(ag.agginitval),
      'SORTOP = ' || nullif(ag.aggsortop, 0)::regoperator::text,
      case ag.aggkind when 'o' then 'ORDERED' when 'h' then 'HYPOTHETICAL' end)
    else p.prosrc
  end as body,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = p.oid and d.classoid = 'pg_proc'::regclass and d.objsubid = 0
  ) as comment
from pg_proc p
-- The schema filter applies on the function's schema.
join pg_namespace n on n.oid = p.pronamespace
-- The language's name.
join pg_language l on l.oid = p.prolang
-- An aggregate's definition lives in pg_aggregate; prosrc holds only a placeholder.
left join pg_aggregate ag on ag.aggfnoid = p.oid
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  -- Not part of an extension (found from the extension side of pg_depend, through its index).
  and p.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_proc'::regclass
  )
  -- Not created along with another object (a range type's constructors): implied by it.
  and not exists (
    select from pg_depend i
    where i.classid = 'pg_proc'::regclass and i.objid = p.oid and i.deptype = 'i'
  )
