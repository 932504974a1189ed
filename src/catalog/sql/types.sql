-- User-defined enum, domain, range and free-standing composite types. Array types, multiranges,
-- base types and table row types are left out: each is implied by something compared elsewhere.
select
  n.nspname as schema,
  t.typname as name,
  t.typtype as typtype,
  (
    select array_agg(e.enumlabel::text order by e.enumsortorder)
    from pg_enum e
    where e.enumtypid = t.oid
  ) as enum_labels,
  case when t.typtype = 'd' then format_type(t.typbasetype, t.typtypmod) end as base_type,
  quote_ident(dcn.nspname) || '.' || quote_ident(dco.collname) as domain_collation,
  pg_get_expr(t.typdefaultbin, 0) as domain_default,
  t.typnotnull as domain_not_null,
  (
    -- Only CHECKs: from PostgreSQL 17 a domain's NOT NULL is also a pg_constraint row (contype 'n').
    select array_agg(pg_get_constraintdef(k.oid))
    from pg_constraint k
    where k.contypid = t.oid and k.contype = 'c'
  ) as domain_checks,
  (
    select array_agg(
      a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
        || coalesce(' COLLATE ' || quote_ident(acn.nspname) || '.' || quote_ident(aco.collname), '')
      order by a.attnum)
    from pg_attribute a
    -- The attribute type's own collation, to show a COLLATE only where it differs.
    join pg_type att on att.oid = a.atttypid
    left join pg_collation aco on aco.oid = a.attcollation and a.attcollation <> att.typcollation
    left join pg_namespace acn on acn.oid = aco.collnamespace
    where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped
  ) as composite_attributes,
  format_type(r.rngsubtype, null) as range_subtype,
  case when r.rngtypid is not null then array_remove(array[
    -- A non-default operator class or collation, the canonical and subtype_diff functions, and the
    -- multirange type's name (PostgreSQL 14 and later create one with each range type).
    case when not opc.opcdefault then 'subtype_opclass = ' || quote_ident(opcn.nspname) || '.' || quote_ident(opc.opcname) end,
    case when r.rngcollation <> 0 and r.rngcollation <> st.typcollation then 'collation = ' || r.rngcollation::regcollation::text end,
    case when r.rngcanonical <> 0 then 'canonical = ' || r.rngcanonical::regproc::text end,
    case when r.rngsubdiff <> 0 then 'subtype_diff = ' || r.rngsubdiff::regproc::text end,
    'multirange_type_name = ' || r.rngmultitypid::regtype::text
  ], null) end as range_options,
  -- The comment: a lookup by pg_description's primary key, cheap whatever the row estimates.
  (
    select d.description from pg_description d
    where d.objoid = t.oid and d.classoid = 'pg_type'::regclass and d.objsubid = 0
  ) as comment
from pg_type t
-- The schema filter applies to the type's schema.
join pg_namespace n on n.oid = t.typnamespace
-- A composite type's pg_class row: relkind 'c' tells a free-standing type from a table's row type.
left join pg_class c on c.oid = t.typrelid
-- A domain's base type, for its default collation.
left join pg_type bt on bt.oid = t.typbasetype
-- A domain's collation, only when it differs from its base type's.
left join pg_collation dco
  on t.typtype = 'd' and dco.oid = t.typcollation and t.typcollation <> bt.typcollation
left join pg_namespace dcn on dcn.oid = dco.collnamespace
-- A range type's subtype, its operator class and the subtype's own collation.
left join pg_range r on r.rngtypid = t.oid
left join pg_opclass opc on opc.oid = r.rngsubopc
left join pg_namespace opcn on opcn.oid = opc.opcnamespace
left join pg_type st on st.oid = r.rngsubtype
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and (t.typtype in ('e', 'd', 'r') or (t.typtype = 'c' and c.relkind = 'c'))
  -- Not part of an extension. Members are found from the extension side of pg_depend (its
  -- reference index), much cheaper than probing pg_depend for every object.
  and t.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_type'::regclass
  )
