"""Reading YAML dataset files safely, with the line and column of every record and field.

PyYAML's safe loader is used for scanning, parsing and building scalars only. Nodes are
composed here, without recursion, from the parser's events, so that a file cannot exhaust the
stack (``too-deep``), multiply itself through aliases (``too-many-aliases``, ``alias-bomb``:
the billion-laughs attack), or make us build anything before those limits are checked.

Plain (unquoted) scalars under the keys ``value``, ``as_of`` and ``when`` keep their source
text: ``value: 1:30`` is the text ``1:30`` for the value grammar, not YAML 1.1's sexagesimal
90, and ``as_of: 2013`` is the year 2013 as a date. Elsewhere YAML types apply
(``stated: 2014-05-17`` is a date, ``id: 2014`` an integer and so an error).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .._model.findings import Finding
from .convert import FILE_KEYS, format_path, show
from .convert import Path as FieldPath
from .files import KEY, Item, file_finding, read_text, repeated_key, split_document

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: At most this many aliases in one file.
MAX_ALIASES: Final = 100
#: Aliases may add at most this many nodes to a document once expanded.
MAX_ALIAS_NODES: Final = 10_000
#: Nesting deeper than this is refused; the model needs fewer than ten levels.
MAX_DEPTH: Final = 64
#: Keys whose plain scalars keep their text (see the module docstring).
RAW_TEXT_KEYS: Final = frozenset({"value", "as_of", "when"})

_NULL: Final = "tag:yaml.org,2002:null"
_MERGE: Final = "tag:yaml.org,2002:merge"


class _Refused(Exception):  # noqa: N818 -- control flow, never leaves this module
    """A document that is not composed: carries the finding that says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _mark(node: Node | Any) -> tuple[int, int]:
    """The 1-based line and column where a node or event starts."""
    mark: Any = node.start_mark
    return mark.line + 1, mark.column + 1


def read_yaml(path: Path, name: str) -> Iterator[Item]:
    """The records of a YAML file (one or more documents), and findings for what is wrong."""
    text = read_text(path, name)
    if isinstance(text, Finding):
        yield text
        return
    try:
        documents = _compose_all(text, name)
    except _Refused as refused:
        yield refused.finding
        return
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "invalid YAML"
        context = f" ({error.context})" if error.context else ""
        yield file_finding(
            "malformed-file",
            f"invalid YAML: {problem}{context}",
            name,
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        )
        return
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        yield file_finding("malformed-file", f"invalid YAML: {error}", name)
        return
    if all(_is_null(doc) for doc in documents):
        yield file_finding("empty-file", "the file holds no data", name, severity="warning")
        return
    constructor = _Loader("")
    counts: dict[str, int] = {}
    for document in documents:
        findings: list[Finding] = []
        marks: dict[FieldPath, tuple[int, int]] = {}
        builder = _Builder(constructor, name, marks, findings)
        data = builder.build(document, (), raw=False)
        yield from findings
        yield from split_document(data, marks, name, counts, builder.repeated)
    constructor.dispose()


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL


def _compose_all(text: str, name: str) -> list[Node]:
    resolver = _Loader("")
    documents: list[Node] = []
    anchors: dict[str, Node] = {}
    stack: list[tuple[Node, list[Node | None]]] = []  # node, pending mapping key
    open_nodes: set[int] = set()
    aliases = 0
    root: Node | None = None

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent, pending = stack[-1]
        if isinstance(parent, SequenceNode):
            parent.value.append(node)
        elif pending[0] is None:
            pending[0] = node
        else:
            parent.value.append((pending[0], node))
            pending[0] = None

    event: Any
    for event in yaml.parse(text, Loader=_Loader):
        kind = type(event)  # compared with issubclass: ``event`` stays Any for the stubs
        if issubclass(kind, yaml.DocumentStartEvent):
            anchors, root = {}, None
        elif issubclass(kind, yaml.DocumentEndEvent):
            assert root is not None  # the parser gives every document a node
            _check_expansion(root, name)
            documents.append(root)
        elif issubclass(kind, yaml.AliasEvent):
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _Refused(
                    file_finding(
                        "too-many-aliases",
                        f"the file uses more than {MAX_ALIASES} aliases; write the data out",
                        name,
                        *_mark(event),
                    )
                )
            node = anchors.get(event.anchor)
            if node is None:
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", event.start_mark
                )
            if id(node) in open_nodes:
                raise _Refused(
                    file_finding(
                        "alias-bomb",
                        f"alias {event.anchor!r} refers to a node that contains it",
                        name,
                        *_mark(event),
                    )
                )
            attach(node)
        elif issubclass(kind, yaml.ScalarEvent):
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolver.resolve(ScalarNode, event.value, event.implicit)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
        elif issubclass(kind, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if len(stack) >= MAX_DEPTH:
                raise _Refused(
                    file_finding(
                        "too-deep",
                        f"the data is nested more than {MAX_DEPTH} levels deep",
                        name,
                        *_mark(event),
                    )
                )
            seq = issubclass(kind, yaml.SequenceStartEvent)
            cls: Any = SequenceNode if seq else MappingNode
            tag = event.tag
            if tag is None or tag == "!":
                tag = resolver.resolve(cls, None, event.implicit)
            node = cls(tag, [], event.start_mark, None, event.flow_style)
            if event.anchor:
                anchors[event.anchor] = node
            attach(node)
            stack.append((node, [None]))
            open_nodes.add(id(node))
        elif issubclass(kind, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            node, _ = stack.pop()
            open_nodes.discard(id(node))
    resolver.dispose()
    return documents


def _check_expansion(root: Node, name: str) -> None:
    """Refuse a document whose aliases would add more than :data:`MAX_ALIAS_NODES` nodes."""
    sizes: dict[int, int] = {}

    def size(node: Node) -> int:  # depth is bounded by MAX_DEPTH
        known = sizes.get(id(node))
        if known is not None:
            return known
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        sizes[id(node)] = total
        return total

    expanded = size(root)
    if expanded - len(sizes) > MAX_ALIAS_NODES:
        line, column = _mark(root)
        raise _Refused(
            file_finding(
                "alias-bomb",
                f"aliases would expand the document to {expanded:,} nodes from {len(sizes):,}",
                name,
                line,
                column,
            )
        )


#: The top-level keys that hold lists of records.
SECTIONS: Final = frozenset(FILE_KEYS) - {"measures"}


class _Builder:
    """Plain data from composed nodes, recording the mark of every part."""

    def __init__(
        self,
        constructor: Any,
        name: str,
        marks: dict[FieldPath, tuple[int, int]],
        findings: list[Finding],
    ) -> None:
        self.constructor = constructor
        self.name = name
        self.marks = marks
        self.findings = findings
        #: The keys written twice in a mapping, by path: their records are refused.
        self.repeated: dict[FieldPath, Finding] = {}

    def build(self, node: Node, path: FieldPath, *, raw: bool, offset: int = 0) -> Any:
        """The data of ``node``; the items of a sequence are numbered from ``offset``."""
        if not offset:
            self.marks.setdefault(path, _mark(node))
        if isinstance(node, SequenceNode):
            return [
                self.build(child, (*path, i), raw=False)
                for i, child in enumerate(node.value, offset)
            ]
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if raw and isinstance(node, ScalarNode) and not node.style and node.tag != _NULL:
            return node.value
        return self._scalar(node, path)

    def _scalar(self, node: Node, path: FieldPath = ()) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as error:
            line, column = _mark(node)
            problem = getattr(error, "problem", None) or str(error)
            self.findings.append(
                file_finding(
                    "malformed-file",
                    f"invalid YAML: {problem}",
                    self.name,
                    line,
                    column,
                )
            )
            return node.value
        except Exception as error:  # any error of a constructor means a bad scalar
            # PyYAML's constructors raise plain errors for a tag whose scalar does not fit
            # it (`!!int abc`, `!!bool maybe`, `!!timestamp 2014-13-45`, an AttributeError for
            # `!!timestamp x`) and for a whole number of more digits than Python reads (4,300);
            # the text is kept as it is.
            line, column = _mark(node)
            tag = str(node.tag).rsplit(":", 1)[-1]
            self.findings.append(
                file_finding(
                    "malformed-file",
                    f"invalid YAML: {show(node.value)} is not a valid {tag} "
                    f"({type(error).__name__}: {str(error)[:100]})",
                    self.name,
                    line,
                    column,
                    field=format_path(path) or None,
                )
            )
            return node.value

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        merged: list[dict[Any, Any]] = []
        for key_node, value_node in node.value:
            line, column = _mark(key_node)
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                for source in sources:
                    data = self.build(source, path, raw=False)
                    if isinstance(data, dict):
                        merged.append(data)
                    else:
                        self.findings.append(
                            file_finding(
                                "malformed-file",
                                "invalid YAML: '<<' must merge mappings",
                                self.name,
                                line,
                                column,
                            )
                        )
                continue
            if not isinstance(key_node, ScalarNode):
                self.findings.append(
                    file_finding(
                        "malformed-file",
                        "invalid YAML: a mapping key must be a scalar",
                        self.name,
                        line,
                        column,
                    )
                )
                continue
            key = self._scalar(key_node)
            self.marks.setdefault((*path, key, KEY), (line, column))
            if not path and key in out and key in SECTIONS and isinstance(out[key], list):
                # A section repeated at the top: another reader keeps only the last list and
                # would hide every record of the first, so both are read, and it is an error.
                more = self.build(value_node, (key,), raw=False, offset=len(out[key]))
                said = (
                    "both lists are read here, but other YAML readers keep only the last"
                    if isinstance(more, list)
                    else f"the second time it holds {_what(more)}, not a list, which is not read"
                )
                self.findings.append(
                    file_finding(
                        "duplicate-key",
                        f"key {key!r} appears twice at the top of the document; {said}: merge them",
                        self.name,
                        line,
                        column,
                        field=key,
                    )
                )
                if isinstance(more, list):
                    out[key] = [*out[key], *more]
                continue
            if key in out:
                where = (*path, key)
                self.repeated.setdefault(where, repeated_key(key, where, self.name, line, column))
            out[key] = self.build(value_node, (*path, key), raw=key in RAW_TEXT_KEYS)
        for data in merged:
            for key, value in data.items():
                out.setdefault(key, value)
        return out


def _what(data: object) -> str:
    """What a YAML value is, in a curator's words."""
    if data is None:
        return "nothing"
    if isinstance(data, dict):
        return "a mapping"
    return "a single value"
