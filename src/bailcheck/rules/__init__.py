"""Rule files: the matcher over facts, the policy loader and the examples rules carry."""
