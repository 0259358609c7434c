-- 0002: what a copied payload was made from ("<decision id>|<last event id>" of its opportunity), so a
-- refresh copies again only the payloads whose opportunity changed (NULL: unknown, copy again).
ALTER TABLE replica_docs ADD COLUMN version TEXT;
