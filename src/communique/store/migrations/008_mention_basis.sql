-- communique store, schema version 8: a mention resolved by coreference or a title keeps
-- the rule that decided it, and, where a trained model decided, its probability.
ALTER TABLE mentions ADD COLUMN basis VARCHAR;
ALTER TABLE mentions ADD COLUMN probability DOUBLE;
