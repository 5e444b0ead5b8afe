"""Text folding shared by the value grammars: case, spaces, dashes and apostrophes.

Sources typeset the same figure many ways: "1 500" with a no-break space, "150-200" with an
en dash, "jusqu'à" with a curly apostrophe. The grammars match folded text so that each rule
is written once.
"""

from __future__ import annotations

import re

#: No-break, narrow no-break, thin and figure spaces: French typesetting groups digits with them.
SPACES = "\u00a0\u202f\u2009\u2007"
#: Figure dash, en dash, em dash, horizontal bar and minus sign: all fold to the en dash.
DASHES = "\u2012\u2013\u2014\u2015\u2212"
#: Unicode hyphens fold to the ASCII hyphen-minus.
HYPHENS = "\u2010\u2011"
#: Typographic apostrophes fold to the ASCII one.
APOSTROPHES = "\u2019\u02bc\u2018"

_TABLE = str.maketrans(
    {
        **dict.fromkeys(SPACES, " "),
        **dict.fromkeys(DASHES, "\u2013"),
        **dict.fromkeys(HYPHENS, "-"),
        **dict.fromkeys(APOSTROPHES, "'"),
    }
)
_WHITESPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Casefold ``text``, unify spaces, dashes and apostrophes, and collapse whitespace."""
    return _WHITESPACE.sub(" ", text.translate(_TABLE).casefold()).strip()


def fold_token(token: str) -> str:
    """:func:`fold` for one token of the figure grammar, without the whitespace pass.

    A token holds no whitespace of its own (the tokenizer splits on it) except the single
    digit-group spaces of "1 500", which collapsing leaves as they are; so the regular
    expression and the strip, a third of the grammar's folding time, change nothing here.
    """
    return token.translate(_TABLE).casefold()
