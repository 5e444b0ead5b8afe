"""The reconciler: claims to groups, verdicts, ranges and the report.

Grouping, comparing claims, ranges, bounded contradictions, cross-group checks, and the
report types (:mod:`.report`, :mod:`.overview`) a group is recorded in. Imports the
model, the grammar and the estimates. The rest of claimdiff imports its modules directly.
"""
