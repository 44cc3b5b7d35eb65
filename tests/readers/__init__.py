"""Tests of legload."""
