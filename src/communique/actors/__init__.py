"""Actor stage: the knowledge base and the pipeline components that find and resolve
every mention of a state, organisation or person for its date."""
