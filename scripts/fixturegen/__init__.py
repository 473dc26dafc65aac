"""Fixture corpus generator for skjema: structured ground truth → PDFs + expected JSON.

The entry point is ``scripts/gen_fixtures.py``; see its docstring and
``fixtures/README.md``.
"""
