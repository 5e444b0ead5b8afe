"""Curation: what a curator runs on a report (check, baseline, diff, config).

Also the wording of findings and contradictions (:mod:`.describe`), chosen once here for
every renderer. Imports the layers below it. The rest of claimdiff imports its modules
directly.
"""
