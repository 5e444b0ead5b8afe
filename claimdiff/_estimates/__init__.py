"""The estimates: one figure for a group from its claims and their sources.

Ballots, learnt source reliability and the estimators. Imports only the model and the
grammar. The rest of claimdiff imports its modules directly.
"""
