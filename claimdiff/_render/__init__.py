"""The renderers: a report, check or diff to text, Markdown, GitHub, JUnit, SARIF.

Renderers word things with :mod:`claimdiff._curation.describe` and do not compute the
domain. Imports the layers below it. The rest of claimdiff imports its modules directly.
"""
