-- communique store, schema version 9: where the trained speaker ranker chose a quote's
-- speaker, its probability (the attribution column says how the speaker was found).
ALTER TABLE quotes ADD COLUMN speaker_probability DOUBLE;
