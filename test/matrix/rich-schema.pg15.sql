-- PostgreSQL 15 and later: NULLS NOT DISTINCT, security_invoker views.
CREATE TABLE public.devices (
    serial    text,
    owner_id  bigint REFERENCES public.customers (id) ON DELETE SET NULL (owner_id),
    CONSTRAINT devices_serial_key UNIQUE NULLS NOT DISTINCT (serial, owner_id)
);
CREATE UNIQUE INDEX devices_owner_idx ON public.devices (owner_id) NULLS NOT DISTINCT;
CREATE VIEW public.customer_emails WITH (security_invoker = true) AS SELECT id, email FROM public.customers;
-- PostgreSQL 15 and later: publications of schemas, column lists and row filters.
CREATE PUBLICATION reporting_changes FOR TABLES IN SCHEMA reporting WITH (publish_via_partition_root = true);
CREATE PUBLICATION customer_emails FOR TABLE public.customers (id, email) WHERE (id > 0);
-- A publication's column list naming a column that 17+ print quoted (json_table, see rich-schema.sql).
CREATE PUBLICATION json_docs_changes FOR TABLE reporting.json_docs (id, "json_table");
