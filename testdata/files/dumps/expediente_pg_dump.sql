--
-- PostgreSQL database dump
--

\restrict abc123

-- Dumped from database version 15.6
-- Dumped by pg_dump version 15.6

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);

CREATE FUNCTION public.touch() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  NEW.actualizado := now(); -- a semicolon inside a dollar quote
  RETURN NEW;
END;
$$;

CREATE TABLE public.pacientes (
    id integer NOT NULL,
    curp character(18),
    nombre character varying(60),
    apellidos character varying(80),
    nacimiento date,
    telefono text,
    actualizado timestamp without time zone
);

CREATE TABLE public.notas (
    id integer NOT NULL,
    paciente_id integer,
    nota text
);

/* a comment /* nested */ still a comment */

COPY public.pacientes (id, curp, nombre, apellidos, nacimiento, telefono, actualizado) FROM stdin;
1	PEGJ800101HDFRRN03	JUAN	PÉREZ GARCÍA	1980-01-01	55 1234 5678	2024-02-01 10:00:00.123
2	LOMM750312MJCPRR04	MARÍA	LÓPEZ MARTÍNEZ	1975-03-12	\N	\N
3	NUPA900825MNLXRN00	ANA	NUÑEZ PARRA	1990-08-25	(81) 8123-4567	2024-02-03 00:00:00
\.

COPY public.notas (id, paciente_id, nota) FROM stdin;
1	1	Control de diabetes.\tSin cambios.
2	3	Asma; usa inhalador\nrevisar en 3 meses
\.

ALTER TABLE ONLY public.pacientes
    ADD CONSTRAINT pacientes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notas
    ADD CONSTRAINT notas_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.notas
    ADD CONSTRAINT notas_paciente_id_fkey FOREIGN KEY (paciente_id) REFERENCES public.pacientes(id);

--
-- PostgreSQL database dump complete
--

\unrestrict abc123
