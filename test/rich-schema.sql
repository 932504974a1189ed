-- A schema with every kind of object pgparity compares, valid on PostgreSQL 14 and later. Used
-- by the snapshot and pg_dump round-trip tests and by the cross-version matrix (test/matrix),
-- where it is loaded into a live database and replayed into a scratch one of any major.
-- Features of later majors live in test/matrix/rich-schema.pgNN.sql.
CREATE SCHEMA billing;
COMMENT ON SCHEMA billing IS 'Invoices and payments';
CREATE SCHEMA reporting;

-- An extension whose version is the same on every supported major.
CREATE EXTENSION pg_trgm SCHEMA public;

CREATE COLLATION billing.ci_natural (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE COLLATION billing.posix_c (locale = 'C');
COMMENT ON COLLATION billing.posix_c IS 'byte order';
CREATE COLLATION billing.german (provider = icu, locale = 'de');
-- ICU's legacy keywords: PostgreSQL 16 and later store the language tag und-u-kf-lower-kn-true, 14 and 15 this text.
CREATE COLLATION billing.natural_order (provider = icu, locale = '@colCaseFirst=lower;colNumeric=yes');

CREATE TYPE billing.invoice_state AS ENUM ('draft', 'sent', 'paid', 'void');
COMMENT ON TYPE billing.invoice_state IS 'Where an invoice is in its life';
CREATE DOMAIN billing.money_amount AS numeric(14, 2) NOT NULL DEFAULT 0 CHECK (VALUE >= 0) CHECK (VALUE < 1000000000);
CREATE DOMAIN billing.code AS text COLLATE "C" CHECK (VALUE ~ '^[A-Z]{3}$');
CREATE TYPE billing.address AS (street text, city text COLLATE "C", zip varchar(10));
CREATE TYPE billing.price_range AS RANGE (subtype = numeric);
CREATE FUNCTION billing.float_diff(a double precision, b double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT a - b';
CREATE TYPE billing.float_span AS RANGE (subtype = double precision, subtype_diff = billing.float_diff);

CREATE TABLE public.customers (
    id          bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000 INCREMENT BY 1) PRIMARY KEY,
    email       text NOT NULL COLLATE "C",
    name        varchar(200) NOT NULL,
    nickname    text COLLATE billing.ci_natural,
    address     billing.address,
    currency    billing.code DEFAULT 'EUR',
    search      text GENERATED ALWAYS AS (lower(name::text) || ' ' || lower(email)) STORED,
    flags       text[] NOT NULL DEFAULT '{}',
    score       double precision DEFAULT 0.1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamp(3) with time zone DEFAULT CURRENT_TIMESTAMP,
    deleted_at  timestamptz,
    CONSTRAINT customers_email_key UNIQUE (email),
    CONSTRAINT customers_name_check CHECK (char_length(name) > 0 AND name::text <> 'x')
);
COMMENT ON TABLE public.customers IS 'People and companies we bill';
COMMENT ON COLUMN public.customers.email IS 'Login e-mail';
CREATE UNIQUE INDEX customers_name_live_idx ON public.customers (lower(name::text)) WHERE deleted_at IS NULL;
CREATE INDEX customers_created_idx ON public.customers (created_at DESC NULLS LAST) INCLUDE (name);
CREATE INDEX customers_email_pattern_idx ON public.customers (email text_pattern_ops);
CREATE INDEX customers_name_trgm_idx ON public.customers USING gin (name public.gin_trgm_ops);
CREATE INDEX customers_flags_idx ON public.customers USING gin (flags) WITH (fastupdate = off);
CREATE INDEX customers_email_hash_idx ON public.customers USING hash (email);
COMMENT ON INDEX public.customers_email_pattern_idx IS 'LIKE prefix search';

CREATE TABLE billing.invoices (
    id           serial PRIMARY KEY,
    customer_id  bigint NOT NULL,
    state        billing.invoice_state NOT NULL DEFAULT 'draft',
    total        billing.money_amount,
    lines        jsonb NOT NULL DEFAULT '[]'::jsonb,
    tags         text[] DEFAULT ARRAY[]::text[],
    issued_on    date,
    due_on       date DEFAULT (CURRENT_DATE + 30),
    period       tsrange,
    CONSTRAINT invoices_customer_fk FOREIGN KEY (customer_id) REFERENCES public.customers (id)
        ON DELETE RESTRICT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT invoices_issued_check CHECK (state = 'draft' OR issued_on IS NOT NULL),
    CONSTRAINT invoices_state_check CHECK (state IN ('draft', 'sent', 'paid', 'void')),
    CONSTRAINT invoices_no_overlap EXCLUDE USING gist (period WITH &&)
);
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_total_positive CHECK (total > 0) NOT VALID;
COMMENT ON CONSTRAINT invoices_issued_check ON billing.invoices IS 'A sent invoice has a date';
CREATE INDEX invoices_open_idx ON billing.invoices (customer_id, issued_on) WHERE state = ANY (ARRAY['draft'::billing.invoice_state, 'sent']);
CREATE INDEX invoices_lines_idx ON billing.invoices USING gin (lines jsonb_path_ops);
CREATE INDEX invoices_issued_brin ON billing.invoices USING brin (issued_on);

CREATE SEQUENCE billing.invoice_number_seq AS integer START 500 INCREMENT 5 CACHE 10 CYCLE;
ALTER SEQUENCE billing.invoice_number_seq OWNED BY billing.invoices.id;
COMMENT ON SEQUENCE billing.invoice_number_seq IS 'Printed invoice numbers';
CREATE SEQUENCE public.ticket_seq MINVALUE -100 MAXVALUE 100 START -100 INCREMENT -1 NO CYCLE;

-- serial written out by hand: an integer column, an owned sequence and a nextval default.
CREATE SEQUENCE billing.payments_id_seq AS integer;
CREATE TABLE billing.payments (
    id          integer NOT NULL DEFAULT nextval('billing.payments_id_seq'),
    invoice_id  integer NOT NULL REFERENCES billing.invoices (id) ON DELETE CASCADE,
    amount      numeric(14, 2) NOT NULL CHECK (amount <> 0),
    paid_at     timestamptz NOT NULL DEFAULT statement_timestamp(),
    method      text NOT NULL DEFAULT 'card'::text,
    PRIMARY KEY (id)
);
ALTER SEQUENCE billing.payments_id_seq OWNED BY billing.payments.id;

-- Partitioning: range with a sub-partitioned list partition, hash, default; identity on the root.
CREATE TABLE public.events (
    id          bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 7 CACHE 20),
    occurred_at timestamptz NOT NULL,
    kind        text NOT NULL,
    payload     jsonb,
    PRIMARY KEY (id, occurred_at, kind)
) PARTITION BY RANGE (occurred_at);
COMMENT ON TABLE public.events IS 'Append-only event log';
CREATE TABLE public.events_2026 PARTITION OF public.events FOR VALUES FROM ('2026-01-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');
CREATE TABLE public.events_2027 PARTITION OF public.events FOR VALUES FROM ('2027-01-01 00:00:00+00') TO ('2028-01-01 00:00:00+00')
    PARTITION BY LIST (kind);
CREATE TABLE public.events_2027_signup PARTITION OF public.events_2027 FOR VALUES IN ('signup', 'login');
CREATE TABLE public.events_2027_other PARTITION OF public.events_2027 DEFAULT;
CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;
CREATE INDEX events_kind_idx ON public.events (kind);
CREATE INDEX events_payload_idx ON public.events USING gin (payload);

CREATE TABLE public.sessions (token uuid NOT NULL, customer_id bigint, started_at timestamptz NOT NULL DEFAULT now())
    PARTITION BY HASH (token);
CREATE TABLE public.sessions_0 PARTITION OF public.sessions FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE public.sessions_1 PARTITION OF public.sessions FOR VALUES WITH (MODULUS 2, REMAINDER 1);

-- Table inheritance.
CREATE TABLE reporting.base_log (logged_at timestamptz DEFAULT now(), note text);
CREATE TABLE reporting.extra_log (source text CHECK (source <> ''));
CREATE TABLE reporting.login_log (customer_id bigint) INHERITS (reporting.base_log, reporting.extra_log);

CREATE TABLE public.notes (id serial PRIMARY KEY, body text NOT NULL);
CREATE UNLOGGED TABLE public.cache_entries (key text PRIMARY KEY, value bytea, expires_at timestamptz);
CREATE TABLE public.tenants (id int PRIMARY KEY, parent_id int REFERENCES public.tenants (id) MATCH FULL ON DELETE SET NULL);
ALTER TABLE public.tenants ADD CONSTRAINT tenants_parent_unique UNIQUE (parent_id) DEFERRABLE;

-- Views: one table (PostgreSQL 16 stopped qualifying its columns), joins, subqueries, set
-- operations, CTEs, window functions, options; a materialized view with an index.
CREATE VIEW public.active_customers WITH (security_barrier = true) AS
    SELECT id, email, name FROM public.customers WHERE deleted_at IS NULL;
COMMENT ON VIEW public.active_customers IS 'Customers not deleted';
CREATE VIEW billing.open_invoices AS
    SELECT i.id, c.email, i.total, i.state
    FROM billing.invoices i JOIN public.customers c ON c.id = i.customer_id
    WHERE i.state IN ('draft', 'sent') AND i.total > 10::numeric;
CREATE VIEW billing.draft_invoices AS
    SELECT id, customer_id, state, total FROM billing.invoices WHERE state = 'draft'
    WITH LOCAL CHECK OPTION;
CREATE VIEW billing.customer_balances AS
    WITH paid AS (SELECT invoice_id, sum(amount) AS amount FROM billing.payments GROUP BY invoice_id)
    SELECT c.id AS customer_id, coalesce(sum(p.amount), 0) AS paid,
           rank() OVER (ORDER BY coalesce(sum(p.amount), 0) DESC) AS rank
    FROM public.customers c
    LEFT JOIN billing.invoices i ON i.customer_id = c.id
    LEFT JOIN paid p ON p.invoice_id = i.id
    GROUP BY c.id;
CREATE VIEW billing.big_payments AS
    SELECT id, amount, CASE WHEN amount > 1000 THEN 'big' ELSE 'small' END AS size
    FROM billing.payments
    WHERE EXISTS (SELECT 1 FROM billing.invoices i WHERE i.id = payments.invoice_id AND i.state <> 'void')
    ORDER BY amount DESC;
CREATE VIEW reporting.all_logs AS
    SELECT logged_at, note FROM reporting.base_log
    UNION ALL
    SELECT logged_at, source FROM reporting.extra_log JOIN reporting.login_log USING (source);
CREATE VIEW reporting.recent_events AS
    SELECT e.kind, count(*) AS n FROM (SELECT kind FROM public.events WHERE occurred_at > now() - interval '7 days') e GROUP BY e.kind;
-- Expressions whose deparse has changed between majors, or might.
CREATE VIEW reporting.expression_zoo AS
    SELECT DISTINCT ON (c.id) c.id,
        CASE c.currency WHEN 'EUR' THEN 1 WHEN 'USD' THEN 2 ELSE NULL END AS currency_rank,
        coalesce(nullif(c.nickname, ''), c.name::text) AS display_name,
        greatest(c.score, 0.5::double precision, least(c.score, 1)) AS bounded,
        c.email LIKE '%@example.com' AND c.email NOT ILIKE 'admin%' AND c.email SIMILAR TO '%(a|b)%' AS patterns,
        c.name::text IS DISTINCT FROM c.email AS differs,
        c.id BETWEEN 1 AND 100 AS small, c.id NOT IN (1, 2, 3) AS not_first,
        extract(year FROM c.created_at) AS created_year, date_trunc('month', c.created_at AT TIME ZONE 'UTC') AS month,
        substring(c.email FROM 2 FOR 3) AS part, trim(both ' ' FROM c.name) AS trimmed, position('@' IN c.email) AS at_sign,
        overlay(c.email PLACING 'x' FROM 1 FOR 1) AS masked,
        c.flags[1] AS first_flag, c.flags || ARRAY['new'] AS more_flags, 'it''s'::text AS quoted, E'tab\there' AS escaped,
        (c.address).city AS city, ROW(c.id, c.email) = ROW(1, 'x') AS pair_match, c.email COLLATE "C" AS email_c,
        CURRENT_USER AS who, CURRENT_DATE - 1 AS yesterday, localtimestamp(0) AS now_local,
        interval '1 day 2 hours' * 2 AS span, 10 / 3 AS int_div, 10.0 / 3 AS num_div, -c.score AS negated, 2 ^ 3 AS power,
        count(*) OVER w AS running, lag(c.id) OVER (PARTITION BY c.currency ORDER BY c.created_at ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS previous,
        (SELECT max(i.total) FROM billing.invoices i WHERE i.customer_id = c.id) AS biggest,
        c.id = ANY (SELECT customer_id FROM billing.invoices) AS has_invoices,
        EXISTS (SELECT 1 FROM billing.payments p JOIN billing.invoices i ON i.id = p.invoice_id WHERE i.customer_id = c.id) AS paid_once
    FROM public.customers c
    WINDOW w AS (ORDER BY c.created_at)
    ORDER BY c.id, c.created_at DESC;
CREATE VIEW reporting.grouping_zoo AS
    WITH RECURSIVE tree(id, depth) AS (
        SELECT id, 0 FROM public.tenants WHERE parent_id IS NULL
        UNION ALL
        SELECT t.id, tree.depth + 1 FROM public.tenants t JOIN tree ON t.parent_id = tree.id)
    SELECT depth, count(*) AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY id) AS median,
        array_agg(id ORDER BY id DESC) FILTER (WHERE id > 0) AS ids, string_agg(id::text, ',') AS csv,
        GROUPING(depth) AS grouped
    FROM tree
    GROUP BY ROLLUP (depth)
    HAVING count(*) > 0;
CREATE VIEW reporting.lateral_zoo AS
    SELECT c.id, v.label, s.n, j.key
    FROM public.customers c
    CROSS JOIN LATERAL (VALUES ('a', 1), ('b', 2)) AS v(label, rank)
    LEFT JOIN LATERAL generate_series(1, v.rank) AS s(n) ON true
    LEFT JOIN LATERAL jsonb_each(to_jsonb(c.address)) AS j(key, value)
        ON c.address IS NULL OR to_jsonb(c.address) ? 'city' AND (to_jsonb(c.address) ->> 'city') IS NOT NULL
        AND to_jsonb(c.address) @> '{"city": "x"}' AND to_jsonb(c.address) #>> '{city}' <> '' AND j.value IS NOT NULL;
CREATE VIEW reporting.single_function AS SELECT n, n * 2 AS doubled FROM generate_series(1, 10) AS g(n);
CREATE MATERIALIZED VIEW reporting.invoice_totals AS
    SELECT customer_id, sum(total) AS total, count(*) FILTER (WHERE state = 'paid') AS paid
    FROM billing.invoices GROUP BY customer_id
    WITH NO DATA;
CREATE UNIQUE INDEX invoice_totals_customer_idx ON reporting.invoice_totals (customer_id);
COMMENT ON MATERIALIZED VIEW reporting.invoice_totals IS 'Refreshed nightly';

-- Functions and procedures of every shape.
CREATE FUNCTION public.touch_updated_at() RETURNS trigger LANGUAGE plpgsql
    SET search_path = pg_catalog, public SECURITY DEFINER AS $$
BEGIN
  NEW.updated_at := now();  -- keep in step with the application
  RETURN NEW;
END;
$$;
COMMENT ON FUNCTION public.touch_updated_at() IS 'Stamps updated_at';
CREATE FUNCTION billing.add_tax(amount numeric, rate numeric DEFAULT 0.2) RETURNS numeric
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN round(amount * (1 + rate), 2);
CREATE FUNCTION billing.invoice_count(customer bigint) RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT count(*) FROM billing.invoices WHERE customer_id = customer;
END;
CREATE FUNCTION billing.split_name(full_name text, OUT first text, OUT last text)
    LANGUAGE sql IMMUTABLE AS $$ SELECT split_part(full_name, ' ', 1), split_part(full_name, ' ', 2) $$;
CREATE FUNCTION billing.customer_invoices(customer bigint) RETURNS TABLE (id integer, total numeric)
    LANGUAGE sql STABLE ROWS 10 AS $$ SELECT id, total FROM billing.invoices WHERE customer_id = customer $$;
CREATE FUNCTION public.greatest_of(VARIADIC numbers integer[]) RETURNS integer
    LANGUAGE sql IMMUTABLE AS 'SELECT max(n) FROM unnest(numbers) AS n';
CREATE FUNCTION public.normalize_email(email text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT lower(trim(email)) $$;
CREATE FUNCTION public.normalize_email(email text, keep_plus boolean) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN keep_plus THEN lower(email) ELSE regexp_replace(lower(email), '\+[^@]*', '') END $$;
CREATE FUNCTION public.greeting(name text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT 'hello ' || $1 $$;
CREATE FUNCTION public.log_change() RETURNS trigger LANGUAGE plpgsql SET statement_timeout = '5s' AS $$
BEGIN
  INSERT INTO reporting.base_log (note) VALUES (TG_OP || ' on ' || TG_TABLE_NAME || coalesce(' ' || TG_ARGV[0], ''));
  RETURN NULL;
END;
$$;
CREATE FUNCTION public.block_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'read only'; END $$;
CREATE PROCEDURE billing.archive_invoices(before date, INOUT archived integer DEFAULT 0) LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM billing.invoices WHERE issued_on < before;
  GET DIAGNOSTICS archived = ROW_COUNT;
END;
$$;
CREATE AGGREGATE billing.total_amount(numeric) (SFUNC = numeric_add, STYPE = numeric, INITCOND = '0');

-- Triggers: before/after/instead of, row/statement, UPDATE OF, WHEN, arguments, transition
-- tables, a deferrable constraint trigger, disabled and ALWAYS; on a partitioned table.
CREATE TRIGGER customers_touch BEFORE UPDATE OF name, email ON public.customers
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email <> NEW.email) EXECUTE FUNCTION public.touch_updated_at();
CREATE TRIGGER customers_audit AFTER UPDATE ON public.customers
    REFERENCING NEW TABLE AS updated OLD TABLE AS previous
    FOR EACH STATEMENT EXECUTE FUNCTION public.log_change('customers');
CREATE TRIGGER invoices_truncate AFTER TRUNCATE ON billing.invoices FOR EACH STATEMENT EXECUTE FUNCTION public.log_change();
CREATE CONSTRAINT TRIGGER payments_check AFTER INSERT OR UPDATE ON billing.payments
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.amount > 10000) EXECUTE FUNCTION public.log_change('large');
CREATE TRIGGER payments_block BEFORE DELETE ON billing.payments FOR EACH ROW EXECUTE FUNCTION public.block_write();
ALTER TABLE billing.payments DISABLE TRIGGER payments_block;
CREATE TRIGGER events_log AFTER INSERT ON public.events FOR EACH ROW EXECUTE FUNCTION public.log_change('event');
ALTER TABLE public.events ENABLE ALWAYS TRIGGER events_log;
CREATE TRIGGER active_customers_write INSTEAD OF INSERT ON public.active_customers FOR EACH ROW EXECUTE FUNCTION public.block_write();
COMMENT ON TRIGGER customers_touch ON public.customers IS 'Keeps updated_at current';

-- Row-level security (built-in roles only: roles are cluster-wide, a scratch server has no others).
ALTER TABLE billing.invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing.invoices FORCE ROW LEVEL SECURITY;
ALTER TABLE billing.payments ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoices_own ON billing.invoices FOR SELECT TO public
    USING (customer_id = current_setting('app.customer_id')::bigint);
CREATE POLICY invoices_not_void ON billing.invoices AS RESTRICTIVE FOR ALL TO pg_read_all_data, pg_write_all_data
    USING (state <> 'void') WITH CHECK (state <> 'void' AND total IS NOT NULL);
CREATE POLICY payments_insert ON billing.payments FOR INSERT WITH CHECK (amount > 0);
COMMENT ON POLICY invoices_own ON billing.invoices IS 'A customer sees their own invoices';

-- Settings pg_dump writes with ALTER TABLE: replica identity (also of a partition), storage
-- parameters (the TOAST table's too), column storage, compression and statistics targets.
ALTER TABLE public.customers REPLICA IDENTITY USING INDEX customers_email_key;
ALTER TABLE billing.payments REPLICA IDENTITY FULL;
ALTER TABLE public.events_2026 REPLICA IDENTITY NOTHING;
ALTER TABLE billing.payments SET (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.05, toast.autovacuum_enabled = false);
ALTER TABLE billing.invoices ALTER lines SET STORAGE MAIN, ALTER lines SET COMPRESSION pglz;
ALTER TABLE public.customers ALTER email SET STATISTICS 500;
ALTER TABLE public.customers ALTER name SET (n_distinct = -0.5);
ALTER TABLE public.customers CLUSTER ON customers_email_pattern_idx;

-- Extended statistics, on columns and on expressions.
CREATE STATISTICS billing.invoices_state_customer (ndistinct, dependencies) ON state, customer_id FROM billing.invoices;
CREATE STATISTICS public.customers_name_email ON lower(name::text), email FROM public.customers;
ALTER STATISTICS public.customers_name_email SET STATISTICS 200;
COMMENT ON STATISTICS billing.invoices_state_customer IS 'state depends on the customer';

-- Rules.
CREATE RULE tenants_keep AS ON DELETE TO public.tenants DO INSTEAD NOTHING;
COMMENT ON RULE tenants_keep ON public.tenants IS 'Tenants are never deleted';
CREATE RULE tenants_moved AS ON UPDATE TO public.tenants WHERE new.parent_id IS DISTINCT FROM old.parent_id
    DO ALSO INSERT INTO reporting.base_log (note) VALUES ('tenant ' || new.id || ' moved');

-- Text search: a parser and a template (built from the built-in ones' functions), a dictionary and a
-- configuration that uses it; an encoding conversion.
CREATE TEXT SEARCH PARSER public.default_copy (START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline);
CREATE TEXT SEARCH TEMPLATE public.simple_copy (INIT = dsimple_init, LEXIZE = dsimple_lexize);
COMMENT ON TEXT SEARCH TEMPLATE public.simple_copy IS 'simple, for tests';
CREATE CONVERSION public.utf8_latin1 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;
CREATE TEXT SEARCH DICTIONARY public.english_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english);
CREATE TEXT SEARCH CONFIGURATION public.notes_search (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION public.notes_search ALTER MAPPING FOR asciiword WITH public.english_simple, english_stem;
COMMENT ON TEXT SEARCH CONFIGURATION public.notes_search IS 'Note bodies';

-- An operator, and a hash operator class (with its implicit family) that uses it.
CREATE FUNCTION public.same_length(a text, b text) RETURNS boolean LANGUAGE sql IMMUTABLE STRICT AS 'SELECT length(a) = length(b)';
CREATE FUNCTION public.length_hash(t text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS 'SELECT hashint4(length(t))';
CREATE OPERATOR public.=~= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.same_length, COMMUTATOR = OPERATOR(public.=~=),
    RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR CLASS public.text_length_ops FOR TYPE text USING hash AS
    OPERATOR 1 public.=~= (text, text), FUNCTION 1 public.length_hash(text);

-- A table access method (the heap's handler under another name).
CREATE ACCESS METHOD heap_copy TYPE TABLE HANDLER heap_tableam_handler;
COMMENT ON ACCESS METHOD heap_copy IS 'heap, for tests';
CREATE TABLE reporting.daily_counts (day date PRIMARY KEY, n bigint NOT NULL) USING heap_copy;
CREATE MATERIALIZED VIEW reporting.daily_totals USING heap_copy AS SELECT sum(n) AS n FROM reporting.daily_counts WITH NO DATA;
-- A typed table.
CREATE TYPE reporting.contact AS (name text, email text);
CREATE TABLE reporting.address_book OF reporting.contact (name WITH OPTIONS NOT NULL);

-- A cast between user types.
CREATE FUNCTION billing.address_text(a billing.address) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT a.street || ', ' || a.city $$;
CREATE CAST (billing.address AS text) WITH FUNCTION billing.address_text(billing.address) AS ASSIGNMENT;
-- A column named json_table: a keyword from PostgreSQL 17 on, so 16 and earlier print it bare, 17+ quoted.
CREATE TABLE reporting.json_docs (id int PRIMARY KEY, "json_table" text, k int);
CREATE INDEX json_docs_k_idx ON reporting.json_docs (k) INCLUDE ("json_table");
CREATE STATISTICS reporting.json_docs_stats ON "json_table", k FROM reporting.json_docs;
-- A cast through a function named json: a keyword from PostgreSQL 16 on, so 15 prints the name bare and 16+ quoted.
CREATE FUNCTION reporting.json(c reporting.contact) RETURNS json LANGUAGE sql IMMUTABLE AS $$ SELECT json_build_object('name', c.name) $$;
CREATE CAST (reporting.contact AS json) WITH FUNCTION reporting.json(reporting.contact);

-- Foreign data: a wrapper without handler (enough for DDL), a server and a foreign table.
CREATE FOREIGN DATA WRAPPER archive_fdw OPTIONS (format 'csv');
CREATE SERVER archive TYPE 'files' VERSION '2' FOREIGN DATA WRAPPER archive_fdw OPTIONS (root '/srv/archive');
COMMENT ON SERVER archive IS 'Cold storage';
CREATE FOREIGN TABLE reporting.archived_events (id bigint OPTIONS (column_name 'event_id'), kind text NOT NULL)
    SERVER archive OPTIONS (file 'events.csv');

-- A publication of some tables and operations, and a disabled event trigger.
CREATE PUBLICATION billing_changes FOR TABLE billing.invoices, billing.payments WITH (publish = 'insert, update');
CREATE FUNCTION public.note_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'ddl: %', tg_tag; END $$;
CREATE EVENT TRIGGER note_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE', 'DROP TABLE') EXECUTE FUNCTION public.note_ddl();
ALTER EVENT TRIGGER note_ddl DISABLE;
