-- PostgreSQL 16 and later: IS JSON, SYSTEM_USER.
ALTER TABLE public.devices ADD COLUMN spec text CHECK (spec IS JSON OBJECT WITH UNIQUE KEYS);
CREATE VIEW public.whoami AS SELECT SYSTEM_USER AS who, '{"a": 1}' IS JSON SCALAR AS scalar, JSON_OBJECT('a': 1) AS object;
