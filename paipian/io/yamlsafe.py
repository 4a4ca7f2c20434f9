"""Reading the instance YAML safely: bounded, strict, and located.

``yaml.safe_load`` refuses code but not every hostile or careless file. Here:

- anchors and aliases are limited (``MAX_ALIASES``) and so is what they add
  once expanded (``MAX_ALIAS_GROWTH``): an 8.7 KB alias bomb would otherwise
  expand to gigabytes;
- a key written twice in one mapping is an error naming both lines (YAML
  silently keeps the last, so ``staff: []`` appended would empty the staff);
- a value its tag cannot hold (``!!timestamp not-a-date``, ``!!bool maybe``,
  ``!!int x``, a 5,000-digit number, 2026-02-30) is an error at its line that
  says what the value is, never an internal error;
- every key path is mapped to its line, and every list item that has a
  unique ``id`` is named by it (``activities[CARE]``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from paipian.io.cells import show

MAX_ALIASES = 500  # alias uses (*name) in one file
MAX_ALIAS_GROWTH = 50_000  # values aliases may add beyond those written out
MAX_KEY_PATHS = 200_000  # key paths remembered for line numbers
MAX_SCALAR_ITEMS = 1_000  # plain items of one list remembered for line numbers


class YamlRefused(yaml.MarkedYAMLError):
    """A YAML document or value refused, with a message in both languages."""

    def __init__(self, zh: str, en: str, mark: Any, value: Any = None) -> None:
        super().__init__(problem=en, problem_mark=mark)
        self.zh = zh
        self.en = en
        self.value = value
        self.key: str | None = None  # the key path of the value, when known
        self.key_names: dict[str, str] = {}


@dataclass
class YamlDocument:
    """The parsed document and what the loader needs to locate problems in it."""

    data: Any
    key_lines: dict[str, int] = field(default_factory=dict)
    key_names: dict[str, str] = field(default_factory=dict)  # [7] → [CARE]
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)


def _refuse_value(node: yaml.Node, zh: str, en: str) -> YamlRefused:
    return YamlRefused(zh, en, node.start_mark, value=_scalar(node))


def _scalar(node: yaml.Node) -> Any:
    return show(node.value) if isinstance(node, yaml.ScalarNode) else None


def _construct_int(loader: Any, node: Any) -> Any:
    try:
        return SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        digits = sum(ch.isdigit() for ch in str(node.value))
        if digits > 18:
            raise _refuse_value(
                node,
                f"数字太长（{digits} 位），这里不可能需要这么大的数",
                f"a number far too long ({digits} digits) for any value here",
            ) from None
        raise _refuse_value(
            node,
            "标记为 !!int 的值不是整数",
            "a value tagged !!int is not a whole number",
        ) from None


def _construct_float(loader: Any, node: Any) -> Any:
    try:
        return SafeConstructor.construct_yaml_float(loader, node)
    except ValueError:
        raise _refuse_value(
            node,
            "标记为 !!float 的值不是数字",
            "a value tagged !!float is not a number",
        ) from None


def _construct_bool(loader: Any, node: Any) -> Any:
    try:
        return SafeConstructor.construct_yaml_bool(loader, node)
    except KeyError:
        raise _refuse_value(
            node,
            "标记为 !!bool 的值应为 true 或 false",
            "a value tagged !!bool must be true or false",
        ) from None


def _construct_timestamp(loader: Any, node: Any) -> Any:
    try:
        return SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, AttributeError, TypeError, OverflowError):
        raise _refuse_value(
            node,
            "不是存在的日期；日期应写作 YYYY-MM-DD，例如 2026-09-01",
            "not a date that exists; write dates as YYYY-MM-DD, e.g. 2026-09-01",
        ) from None


class _PyLoader(yaml.SafeLoader):
    """The safe loader in pure Python, where libyaml is not installed."""


# libyaml parses several times faster and limits nesting itself; the safe
# constructors (Python) are the same in both.
_LOADERS: list[Any] = [_PyLoader]
if getattr(yaml, "__with_libyaml__", False):

    class _CLoader(yaml.CSafeLoader):
        """The safe loader on libyaml."""

    _LOADERS.insert(0, _CLoader)

for _loader in _LOADERS:
    for _tag, _function in (
        ("int", _construct_int),
        ("float", _construct_float),
        ("bool", _construct_bool),
        ("timestamp", _construct_timestamp),
    ):
        _loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _function)


def parse_yaml(content: str) -> YamlDocument:
    """Parse ``content``; raise ``yaml.YAMLError`` (``YamlRefused`` for ours)."""
    loader = _LOADERS[0](content)
    try:
        root = loader.get_single_node()
        if root is None:
            return YamlDocument(None)
        _check_expansion(root)
        document = _walk(root)
        try:
            document.data = loader.construct_document(root)
        except YamlRefused as exc:
            exc.key = _key_at(document, exc.problem_mark)
            exc.key_names = document.key_names
            raise
        return document
    finally:
        loader.dispose()


def _key_at(document: YamlDocument, mark: Any) -> str | None:
    """The deepest key path that starts on the line of ``mark``."""
    if mark is None:
        return None
    line = mark.line + 1
    found = [key for key, at in document.key_lines.items() if at == line]
    return max(found, key=len) if found else None


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a document that refers to itself, or whose aliases add more than
    ``MAX_ALIAS_GROWTH`` values to those written out (an alias bomb)."""
    sizes: dict[int, int] = {}
    limit = MAX_ALIAS_GROWTH + _written(root)
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        ident = id(node)
        if finished:
            open_nodes.discard(ident)
            sizes[ident] = 1 + sum(sizes.get(id(c), 1) for c in _children(node))
            if sizes[ident] > limit:
                raise YamlRefused(
                    f"别名展开后多出 {MAX_ALIAS_GROWTH:,} 项以上：请直接写出内容，"
                    "不要层层引用",
                    f"aliases expand this to over {MAX_ALIAS_GROWTH:,} more values "
                    "than are written: write the values out",
                    node.start_mark,
                )
            continue
        if ident in sizes:
            continue
        if ident in open_nodes:
            raise YamlRefused(
                "别名引用了它自己所在的内容（循环引用）",
                "an alias refers to the value that contains it (a cycle)",
                node.start_mark,
            )
        open_nodes.add(ident)
        stack.append((node, True))
        stack.extend(
            (child, False)  # a scalar counts 1 and holds nothing: not pushed
            for child in _children(node)
            if not isinstance(child, yaml.ScalarNode)
        )


def _written(root: yaml.Node) -> int:
    """Distinct values in the document, each counted once however often used.

    Composed, a document without aliases is a tree; every further reference
    to a value already met is one use of an alias (``*name``), and more than
    ``MAX_ALIASES`` of those are refused.
    """
    seen: set[int] = set()
    aliases = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen and isinstance(node, yaml.ScalarNode):
            aliases += 1  # an alias to a scalar: counted, nothing to expand
            if aliases > MAX_ALIASES:
                raise _too_many_aliases(node)
            continue
        if id(node) in seen:
            aliases += 1
            if aliases > MAX_ALIASES:
                raise _too_many_aliases(node)
            continue
        seen.add(id(node))
        stack.extend(_children(node))
    return len(seen)


def _too_many_aliases(node: yaml.Node) -> YamlRefused:
    return YamlRefused(
        f"别名（*名称）用得太多（超过 {MAX_ALIASES} 处）：请直接写出内容",
        f"too many aliases (*name), over {MAX_ALIASES}: write the values out",
        node.start_mark,
    )


def _key_text(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return str(node.value).strip().lower()
    return None


def _item_id(node: yaml.Node) -> str | None:
    if not isinstance(node, yaml.MappingNode):
        return None
    for key, value in node.value:
        if _key_text(key) == "id" and isinstance(value, yaml.ScalarNode):
            text = str(value.value).strip()
            return text or None
    return None


def _walk(root: yaml.Node) -> YamlDocument:
    """Key paths → lines, id names of list items, keys written twice."""
    document = YamlDocument(None)
    seen_mappings: set[int] = set()
    stack: list[tuple[yaml.Node, str, str, int]] = [(root, "", "", 0)]
    while stack and len(document.key_lines) < MAX_KEY_PATHS:
        node, path, named, depth = stack.pop()
        if depth > 64:
            continue
        children: list[tuple[str, str, yaml.Node, yaml.Node]] = []
        if isinstance(node, yaml.MappingNode):
            first_line: dict[str, int] = {}
            check = id(node) not in seen_mappings
            seen_mappings.add(id(node))
            for key, value in node.value:
                name = _key_text(key)
                if name is None:
                    continue
                line = key.start_mark.line + 1
                if check and name != "<<":
                    if name in first_line:
                        shown = f"{named}.{name}" if named else name
                        document.duplicates.append((shown, first_line[name], line))
                    else:
                        first_line[name] = line
                sub = f"{path}.{name}" if path else name
                sub_named = f"{named}.{name}" if named else name
                children.append((sub, sub_named, key, value))
        elif isinstance(node, yaml.SequenceNode):
            ids = [_item_id(item) for item in node.value]
            counts = Counter(ids)
            for index, item in enumerate(node.value):
                if index >= MAX_SCALAR_ITEMS and isinstance(item, yaml.ScalarNode):
                    continue  # a long list of plain values: its start is enough
                ident = ids[index]
                unique = ident is not None and counts[ident] == 1
                label = ident if unique else str(index)
                children.append((f"{path}[{index}]", f"{named}[{label}]", item, item))
                if unique:
                    document.key_names[f"{path}[{index}]"] = f"{named}[{label}]"
        for sub, sub_named, marked, value in children:
            document.key_lines.setdefault(sub, marked.start_mark.line + 1)
            stack.append((value, sub, sub_named, depth + 1))
    return document
