"""Rendering of reports: terminal, HTML and inline SVG.

Turns result documents into text and pages; may import :mod:`legload.api` and everything below
it, never :mod:`legload.cli`.
"""
