"""Renderers: turn evaluation results into text or JSON. They never evaluate anything."""
