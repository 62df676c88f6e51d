"""NLP stage: the spaCy pipeline with communique's components added after the model's."""
