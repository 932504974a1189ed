-- What changed in a database nobody else changes since the last read of it (incremental.ts):
-- the catalog rows inserted or updated since the transaction horizon $3 (every row when NULL),
-- each with the relation it belongs to (for what relation-bound queries read), the number of
-- such rows per catalog (so a deletion shows as a count lower than expected), the user objects of
-- the catalogs other kinds are read from, the horizon for the next read and the roles (owners and
-- policies name them). One row per:
-- 'c': a changed row. relid: its relation, or NULL for an object other objects refer to (a type,
--      function, schema, collation, operator…); classid and refid: what objects that refer to it
--      depend on in pg_depend, when its change may be a rename they show.
-- 'n': a catalog's row count (objid holds the count).
-- 'e': a catalog's objects made after initdb (objid holds the count).
-- 'w': the new horizon (in objid); 'g': the roles (in objid).
with rels as (
  select c.oid, n.nspname, c.relname
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
    and ($1::text[] is null or n.nspname = any($1::text[]))
    and ($2::text[] is null or n.nspname <> all($2::text[]))
    and c.relkind in ('r', 'p', 'f', 'v', 'm', 'S')
),
-- A row is new since the horizon when its inserting transaction is younger (age is relative to
-- now, so both sides move together; a frozen row is as old as can be).
changed (cat, objid, classid, refid, relid) as (
  select 'pg_class', c.oid::text, 'pg_class'::regclass::oid, c.oid,
    case
      when c.relkind in ('i', 'I') then i.indrelid
      when c.relkind = 't' then toast.oid
      -- An identity column's sequence: its options are the column's.
      else coalesce(ident.refobjid, c.oid)
    end
  from pg_class c
  left join pg_index i on i.indexrelid = c.oid
  left join pg_class toast on toast.reltoastrelid = c.oid and c.relkind = 't'
  left join pg_depend ident on ident.classid = 'pg_class'::regclass and ident.objid = c.oid
    and ident.refclassid = 'pg_class'::regclass and ident.deptype = 'i' and c.relkind = 'S'
  where c.oid >= 16384 and ($3::xid is null or age(c.xmin) <= age($3::xid))
  union all
  select 'pg_attribute', a.attrelid::text || '.' || a.attnum::text, 'pg_class'::regclass::oid, a.attrelid, a.attrelid
  from pg_attribute a where a.attrelid >= 16384 and $3::xid is not null and age(a.xmin) <= age($3::xid)
  union all
  select 'pg_index', i.indexrelid::text, null, null, i.indrelid
  from pg_index i where i.indexrelid >= 16384 and ($3::xid is null or age(i.xmin) <= age($3::xid))
  union all
  select 'pg_constraint', k.oid::text, 'pg_constraint'::regclass::oid, k.oid, nullif(k.conrelid, 0)
  from pg_constraint k where k.oid >= 16384 and ($3::xid is null or age(k.xmin) <= age($3::xid))
  union all
  select 'pg_attrdef', d.oid::text, null, null, d.adrelid
  from pg_attrdef d where d.oid >= 16384 and ($3::xid is null or age(d.xmin) <= age($3::xid))
  union all
  select 'pg_trigger', t.oid::text, 'pg_trigger'::regclass::oid, t.oid, t.tgrelid
  from pg_trigger t where t.oid >= 16384 and ($3::xid is null or age(t.xmin) <= age($3::xid))
  union all
  select 'pg_policy', p.oid::text, null, null, p.polrelid
  from pg_policy p where p.oid >= 16384 and ($3::xid is null or age(p.xmin) <= age($3::xid))
  union all
  select 'pg_rewrite', w.oid::text, null, null, w.ev_class
  from pg_rewrite w where w.oid >= 16384 and ($3::xid is null or age(w.xmin) <= age($3::xid))
  union all
  select 'pg_description', d.objoid::text || '.' || d.classoid::text || '.' || d.objsubid::text, null, null,
    case d.classoid
      when 'pg_class'::regclass then coalesce((select i.indrelid from pg_index i where i.indexrelid = d.objoid), d.objoid)
      when 'pg_constraint'::regclass then (select k.conrelid from pg_constraint k where k.oid = d.objoid)
      when 'pg_trigger'::regclass then (select t.tgrelid from pg_trigger t where t.oid = d.objoid)
      when 'pg_policy'::regclass then (select p.polrelid from pg_policy p where p.oid = d.objoid)
      when 'pg_rewrite'::regclass then (select w.ev_class from pg_rewrite w where w.oid = d.objoid)
    end
  from pg_description d where d.objoid >= 16384 and ($3::xid is null or age(d.xmin) <= age($3::xid))
  union all
  select 'pg_inherits', i.inhrelid::text || '.' || i.inhseqno::text, null, null, i.inhrelid
  from pg_inherits i where i.inhrelid >= 16384 and ($3::xid is null or age(i.xmin) <= age($3::xid))
  union all
  select 'pg_partitioned_table', p.partrelid::text, null, null, p.partrelid
  from pg_partitioned_table p where p.partrelid >= 16384 and $3::xid is not null and age(p.xmin) <= age($3::xid)
  union all
  select 'pg_foreign_table', f.ftrelid::text, null, null, f.ftrelid
  from pg_foreign_table f where f.ftrelid >= 16384 and $3::xid is not null and age(f.xmin) <= age($3::xid)
  union all
  select 'pg_sequence', s.seqrelid::text, null, null, coalesce((
    select d.refobjid from pg_depend d
    where d.classid = 'pg_class'::regclass and d.objid = s.seqrelid and d.refclassid = 'pg_class'::regclass and d.deptype = 'i'
  ), s.seqrelid)
  from pg_sequence s where s.seqrelid >= 16384 and $3::xid is not null and age(s.xmin) <= age($3::xid)
  -- Objects relations refer to, by name: a change may be a rename their definitions show.
  union all
  -- A row type goes with its relation.
  select 'pg_type', t.oid::text, 'pg_type'::regclass::oid, t.oid, nullif(t.typrelid, 0)
  from pg_type t where t.oid >= 16384 and $3::xid is not null and age(t.xmin) <= age($3::xid)
  union all
  select 'pg_enum', e.enumtypid::text, 'pg_type'::regclass::oid, e.enumtypid, null
  from pg_enum e where e.oid >= 16384 and $3::xid is not null and age(e.xmin) <= age($3::xid)
  union all
  select 'pg_proc', p.oid::text, 'pg_proc'::regclass::oid, p.oid, null
  from pg_proc p where p.oid >= 16384 and $3::xid is not null and age(p.xmin) <= age($3::xid)
  union all
  select 'pg_namespace', n.oid::text, 'pg_namespace'::regclass::oid, n.oid, null
  from pg_namespace n where n.oid >= 16384 and $3::xid is not null and age(n.xmin) <= age($3::xid)
  union all
  select 'pg_collation', c.oid::text, 'pg_collation'::regclass::oid, c.oid, null
  from pg_collation c where c.oid >= 16384 and $3::xid is not null and age(c.xmin) <= age($3::xid)
  union all
  select 'pg_operator', o.oid::text, 'pg_operator'::regclass::oid, o.oid, null
  from pg_operator o where o.oid >= 16384 and $3::xid is not null and age(o.xmin) <= age($3::xid)
  union all
  select 'pg_opclass', o.oid::text, 'pg_opclass'::regclass::oid, o.oid, null
  from pg_opclass o where o.oid >= 16384 and $3::xid is not null and age(o.xmin) <= age($3::xid)
  union all
  select 'pg_opfamily', o.oid::text, 'pg_opfamily'::regclass::oid, o.oid, null
  from pg_opfamily o where o.oid >= 16384 and $3::xid is not null and age(o.xmin) <= age($3::xid)
  union all
  select 'pg_ts_config', t.oid::text, 'pg_ts_config'::regclass::oid, t.oid, null
  from pg_ts_config t where t.oid >= 16384 and $3::xid is not null and age(t.xmin) <= age($3::xid)
  union all
  select 'pg_foreign_server', s.oid::text, 'pg_foreign_server'::regclass::oid, s.oid, null
  from pg_foreign_server s where s.oid >= 16384 and $3::xid is not null and age(s.xmin) <= age($3::xid)
)
select 'c'::"char" as kind, x.cat, x.objid, x.classid::text as classid, x.refid::text as refid, x.relid::text as relid, r.nspname as schema, r.relname as name
from changed x
left join rels r on r.oid = x.relid
union all
-- Rows that can disappear without their relation's other rows changing (a dropped index,
-- constraint, trigger, policy, rule, default, comment or inheritance).
select 'n', 'pg_class', (select count(*) from pg_class c where c.oid >= 16384)::text, null, null, null, null, null
union all
select 'n', 'pg_index', (select count(*) from pg_index i where i.indexrelid >= 16384)::text, null, null, null, null, null
union all
select 'n', 'pg_constraint', (select count(*) from pg_constraint k where k.oid >= 16384)::text, null, null, null, null, null
union all
select 'n', 'pg_attrdef', (select count(*) from pg_attrdef d where d.oid >= 16384)::text, null, null, null, null, null
union all
select 'n', 'pg_trigger', (select count(*) from pg_trigger t where t.oid >= 16384)::text, null, null, null, null, null
union all
select 'n', 'pg_policy', (select count(*) from pg_policy p where p.oid >= 16384)::text, null, null, null, null, null
union all
select 'n', 'pg_rewrite', (select count(*) from pg_rewrite w where w.oid >= 16384)::text, null, null, null, null, null
union all
select 'n', 'pg_description', (select count(*) from pg_description d where d.objoid >= 16384)::text, null, null, null, null, null
union all
select 'n', 'pg_inherits', (select count(*) from pg_inherits i where i.inhrelid >= 16384)::text, null, null, null, null, null
union all
-- Objects of kinds that do not belong to a relation, made after initdb (OIDs from 16384 on): a
-- kind none of whose catalogs has any has nothing to read. Types: those neither a row type nor
-- an array (an array comes with its element type), and the composite types.
select 'e', x.cat, x.n::text, null, null, null, null, null
from (
  select 'pg_type' as cat,
    (select count(*) from pg_type t where t.oid >= 16384 and t.typrelid = 0 and t.typelem = 0)
    + (select count(*) from pg_class c where c.oid >= 16384 and c.relkind = 'c') as n
  union all select 'pg_proc', count(*) from pg_proc where oid >= 16384
  union all select 'pg_collation', count(*) from pg_collation where oid >= 16384
  union all select 'pg_statistic_ext', count(*) from pg_statistic_ext where oid >= 16384
  union all select 'pg_ts_parser', count(*) from pg_ts_parser where oid >= 16384
  union all select 'pg_ts_template', count(*) from pg_ts_template where oid >= 16384
  union all select 'pg_ts_dict', count(*) from pg_ts_dict where oid >= 16384
  union all select 'pg_ts_config', count(*) from pg_ts_config where oid >= 16384
  union all select 'pg_operator', count(*) from pg_operator where oid >= 16384
  union all select 'pg_opfamily', count(*) from pg_opfamily where oid >= 16384
  union all select 'pg_opclass', count(*) from pg_opclass where oid >= 16384
  union all select 'pg_conversion', count(*) from pg_conversion where oid >= 16384
  union all select 'pg_am', count(*) from pg_am where oid >= 16384
  union all select 'pg_cast', count(*) from pg_cast where oid >= 16384
  union all select 'pg_foreign_data_wrapper', count(*) from pg_foreign_data_wrapper where oid >= 16384
  union all select 'pg_foreign_server', count(*) from pg_foreign_server where oid >= 16384
  union all select 'pg_publication', count(*) from pg_publication where oid >= 16384
  union all select 'pg_event_trigger', count(*) from pg_event_trigger where oid >= 16384
) x
union all
-- The next transaction: whatever it and later ones write is new to the next read (the 32-bit xid
-- of the 64-bit one). Not the oldest one still running: that may be in another database of the
-- cluster, whose catalogs are not these, and would make every read see more as changed.
select 'w', null, (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)::text, null, null, null, null, null
union all
select 'g', null, (select string_agg(a.oid::text || ':' || a.rolname, ',' order by a.oid) from pg_roles a), null, null, null, null, null
