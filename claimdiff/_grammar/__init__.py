"""The grammar: a value's text to a value (numbers, counts, units, dates, EDTF).

Imports only :mod:`claimdiff._model` and :mod:`claimdiff.errors`. The rest of claimdiff
imports its modules directly; :mod:`.parse` is the entry point.
"""
