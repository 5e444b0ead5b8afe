"""The model: values, claims, actors, origins, findings and the value policy.

Frozen attrs records and the small rules on them (a value's bounds, set relations,
finding codes). Imports nothing of claimdiff but :mod:`claimdiff.errors`. The rest of
claimdiff imports its modules directly (``from .._model.claims import Claim``).
"""
