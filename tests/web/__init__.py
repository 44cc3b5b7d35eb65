"""Tests of ``legload serve``: pages, accounts and their authorisation, the JSON API, and the
main flow in a real browser."""
