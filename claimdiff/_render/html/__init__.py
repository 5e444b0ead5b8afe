"""The HTML report: one self-contained page with charts and history.

The rest of claimdiff imports :mod:`.page` (``render_html``); the other modules serve it.
"""
