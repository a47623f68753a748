"""Renderers: one module per output format, each turning a complete result into text."""
