-- PostgreSQL 17 and later: SQL/JSON query functions and JSON_TABLE.
ALTER TABLE billing.invoices ADD CONSTRAINT invoices_lines_check CHECK (JSON_EXISTS(lines, '$[0]') OR lines = '[]');
CREATE VIEW reporting.invoice_lines AS
    SELECT i.id, jt.sku, jt.qty, JSON_VALUE(i.lines, '$[0].sku' RETURNING text DEFAULT 'none' ON EMPTY) AS first_sku
    FROM billing.invoices i,
        JSON_TABLE(i.lines, '$[*]' COLUMNS (sku text PATH '$.sku', qty integer PATH '$.qty' DEFAULT 1 ON EMPTY)) AS jt;
CREATE COLLATION billing.builtin_c (provider = builtin, locale = 'C');
