"""The bail record: safe YAML source, the schema declared once, validation, writing."""
