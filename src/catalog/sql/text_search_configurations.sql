-- Text search configurations, filtered by the schema they live in; their token mappings in one pass.
select
  n.nspname as schema,
  c.cfgname as name,
  quote_ident(pn.nspname) || '.' || quote_ident(p.prsname) as parser,
  (
    -- `token: dictionary, dictionary`, per token type the configuration maps, in token order.
    select array_agg(m.entry order by m.tokid)
    from (
      select cm.maptokentype as tokid,
        tt.alias || ': ' || string_agg(quote_ident(dn.nspname) || '.' || quote_ident(d.dictname), ', ' order by cm.mapseqno) as entry
      from pg_ts_config_map cm
      join pg_ts_dict d on d.oid = cm.mapdict
      join pg_namespace dn on dn.oid = d.dictnamespace
      join ts_token_type(c.cfgparser) tt on tt.tokid = cm.maptokentype
      where cm.mapcfg = c.oid
      group by cm.maptokentype, tt.alias
    ) m
  ) as mappings,
  (
    select d.description from pg_description d
    where d.objoid = c.oid and d.classoid = 'pg_ts_config'::regclass and d.objsubid = 0
  ) as comment
from pg_ts_config c
join pg_namespace n on n.oid = c.cfgnamespace
join pg_ts_parser p on p.oid = c.cfgparser
join pg_namespace pn on pn.oid = p.prsnamespace
where n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
  and ($1::text[] is null or n.nspname = any($1::text[]))
  and ($2::text[] is null or n.nspname <> all($2::text[]))
  and c.oid not in (
    select e.objid from pg_depend e
    where e.refclassid = 'pg_extension'::regclass and e.deptype = 'e' and e.classid = 'pg_ts_config'::regclass
  )
