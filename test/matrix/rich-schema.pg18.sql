-- PostgreSQL 18 and later: virtual generated columns, NOT ENFORCED, temporal keys, NOT NULL NOT VALID.
CREATE EXTENSION btree_gist SCHEMA public;
CREATE TABLE public.measurements (
    a  integer,
    b  integer GENERATED ALWAYS AS (a * 2) VIRTUAL,
    c  integer CONSTRAINT measurements_c_check CHECK (c > 0) NOT ENFORCED
);
ALTER TABLE public.measurements ADD CONSTRAINT measurements_a_not_null NOT NULL a NOT VALID;
CREATE TABLE public.bookings (room integer, during tstzrange, PRIMARY KEY (room, during WITHOUT OVERLAPS));
