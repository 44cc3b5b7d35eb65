"""Tests of legload.core: users' text as plain data."""
