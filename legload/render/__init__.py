"""Rendering of reports: terminal, HTML and inline SVG."""
