"""A small renderer for the subset of Helm's Go templates that charts/anime-rec uses. It is NOT Helm.

Helm cannot be installed where the tests run, so the tests render the chart with this module and check the
manifests. It implements exactly what the chart's templates use, and fails loudly on anything else:

- actions ``{{ pipeline }}`` with ``{{-`` / ``-}}`` whitespace trimming, comments ``{{/* ... */}}``;
- ``if`` / ``else if`` / ``else``, ``range $v := ...`` and ``range $i, $v := ...`` (lists, and maps in key
  order), ``define`` + ``include``, variables ``$name := ...`` scoped to their block and
  re-assigned with ``$name = ...``, ``$`` the root;
- pipelines ``a | f b`` (the piped value is the last argument), parentheses, string/number/bool literals,
  field chains ``.Values.a.b`` / ``$v.a``; a missing map key is empty, a field of an empty value is an error
  (as Helm's "nil pointer evaluating");
- functions: required, fail, quote, toJson, fromJson, toYaml, nindent, eq, ne, not, has, contains,
  printf (%s %d %v); ``.Files.Get`` reads files of the chart.

Files in templates/ whose name starts with ``_`` only hold definitions, as in Helm.
"""

import json
import re
from pathlib import Path

import yaml


class TemplateError(Exception):
    pass


class _Fail(TemplateError):
    """The chart's own ``fail`` / ``required``: a message for the user of the chart."""


# ---------------------------------------------------------------------------------------------- parsing

ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.S)
TOKEN = re.compile(r"""\s*(?:
    (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<number>-?\d+)
  | (?P<declare>:=)
  | (?P<assign>=)
  | (?P<punct>[()|,])
  | (?P<variable>\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)
  | (?P<field>(?:\.[A-Za-z0-9_]+)+|\.)
  | (?P<identifier>[A-Za-z_][A-Za-z0-9_]*)
)""", re.X)


def _tokens(source):
    tokens, position = [], 0
    source = source.strip()
    while position < len(source):
        match = TOKEN.match(source, position)
        if not match or match.end() == position:
            raise TemplateError("cannot read %r at %r" % (source, source[position:]))
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _split(text):
    """Template text -> list of ('text', str) and ('action', str), with the trim markers applied."""
    parts, position = [], 0
    for match in ACTION.finditer(text):
        chunk = text[position:match.start()]
        if match.group(1):
            chunk = chunk.rstrip()
        parts.append(["text", chunk])
        body = match.group(2).strip()
        parts.append(["action", body, bool(match.group(3))])
        position = match.end()
    parts.append(["text", text[position:]])
    result, trim_next = [], False
    for part in parts:
        if part[0] == "text":
            result.append(("text", part[1].lstrip() if trim_next else part[1]))
            trim_next = False
        else:
            trim_next = part[2]
            if not (part[1].startswith("/*") and part[1].endswith("*/")):
                result.append(("action", part[1]))
    return result


class _Parser:
    def __init__(self, parts, name):
        self.parts, self.index, self.name, self.defines = parts, 0, name, {}

    def block(self, terminators=()):
        nodes = []
        while self.index < len(self.parts):
            kind, body = self.parts[self.index]
            self.index += 1
            if kind == "text":
                nodes.append(("text", body))
                continue
            keyword = body.split(None, 1)[0] if body else ""
            if keyword in terminators or (keyword == "else" and "else" in terminators):
                return nodes, body
            rest = body[len(keyword):].strip()
            if keyword == "if":
                nodes.append(self.conditional(rest))
            elif keyword == "range":
                nodes.append(self.loop(rest))
            elif keyword == "define":
                name = json.loads(rest)
                content, _ = self.expect_end()
                self.defines[name] = content
            elif keyword in ("end", "else"):
                raise TemplateError("%s: unexpected {{ %s }}" % (self.name, body))
            elif keyword in ("with", "template", "block", "break", "continue"):
                raise TemplateError("%s: {{ %s }} is outside the supported subset" % (self.name, body))
            else:
                nodes.append(("output", _tokens(body)))
        if terminators:
            raise TemplateError("%s: missing {{ end }}" % self.name)
        return nodes, None

    def expect_end(self):
        nodes, terminator = self.block(("end",))
        return nodes, terminator

    def conditional(self, condition):
        then, terminator = self.block(("end", "else"))
        otherwise = []
        if terminator != "end":
            rest = terminator[len("else"):].strip()
            if rest.startswith("if "):
                otherwise = [self.conditional(rest[3:])]
            else:
                otherwise, _ = self.block(("end",))
        return ("if", _tokens(condition), then, otherwise)

    def loop(self, header):
        match = re.fullmatch(r"(\$\w+)(?:\s*,\s*(\$\w+))?\s*:=\s*(.+)", header, re.S)
        if not match:
            raise TemplateError("%s: range needs '$v := ...' or '$i, $v := ...': %r" % (self.name, header))
        first, second, source = match.groups()
        key, value = (first, second) if second else (None, first)
        body, _ = self.block(("end",))
        return ("range", key, value, _tokens(source), body)


# --------------------------------------------------------------------------------------------- evaluating

def _empty(value):
    return value is None or value is False or value == 0 and not isinstance(value, bool) or value in ("", [], {})


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        raise TemplateError("a map or list printed directly (use toJson or toYaml): %r" % (value,))
    return str(value)


def _printf(format_, *args):
    values = iter(args)

    def replace(match):
        if match.group(0) == "%%":
            return "%"
        return _text(next(values))

    return re.sub(r"%%|%[sdv]", replace, format_)


def _to_yaml(value):
    return yaml.safe_dump(value, default_flow_style=False, sort_keys=True).rstrip("\n")


def _indent(width, text):
    return "\n".join(" " * width + line for line in _text(text).split("\n"))


def _required(message, value):
    if value is None or value == "":
        raise _Fail(message)
    return value


def _fail(message):
    raise _Fail(message)


FUNCTIONS = {
    "required": _required,
    "fail": _fail,
    "quote": lambda value: json.dumps(_text(value)),
    "toJson": lambda value: json.dumps(value, separators=(",", ":")),
    "fromJson": lambda text: json.loads(text),
    "toYaml": _to_yaml,
    "nindent": lambda width, text: "\n" + _indent(width, text),
    "eq": lambda a, b: a == b,
    "ne": lambda a, b: a != b,
    "not": lambda value: _empty(value),
    "has": lambda item, collection: item in (collection or []),
    "contains": lambda part, text: part in _text(text),
    "printf": _printf,
}


class _Scope:
    def __init__(self, root, parent=None):
        self.root, self.parent, self.variables = root, parent, {}

    def get(self, name):
        if name == "$":
            return self.root
        scope = self
        while scope:
            if name in scope.variables:
                return scope.variables[name]
            scope = scope.parent
        raise TemplateError("undefined variable %s" % name)

    def set(self, name, value):
        scope = self
        while scope:
            if name in scope.variables:
                scope.variables[name] = value
                return
            scope = scope.parent
        raise TemplateError("assignment to undeclared variable %s" % name)


class Chart:
    """A chart directory: Chart.yaml, values.yaml, templates/ (and files it reads with .Files.Get)."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.metadata = yaml.safe_load((self.directory / "Chart.yaml").read_text(encoding="utf-8"))
        self.default_values = yaml.safe_load((self.directory / "values.yaml").read_text(encoding="utf-8")) or {}
        self.templates, self.defines = {}, {}
        for path in sorted((self.directory / "templates").glob("*")):
            parser = _Parser(_split(path.read_text(encoding="utf-8")), path.name)
            nodes, _ = parser.block()
            self.defines.update(parser.defines)
            self.templates[path.name] = nodes

    def render(self, values_files=(), release="anime-rec", namespace="anime-rec", revision=1):
        """Rendered manifests as {template file name: [documents]} with the values files merged over defaults."""
        values = self.default_values
        for path in values_files:
            values = _merge(values, yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {})
        root = {
            "Values": values,
            "Release": {"Name": release, "Namespace": namespace, "Revision": revision, "Service": "Helm"},
            "Chart": {"Name": self.metadata["name"], "Version": self.metadata["version"],
                      "AppVersion": self.metadata.get("appVersion")},
            "Files": {"Get": self.read_file},
        }
        manifests = {}
        for name, nodes in self.templates.items():
            if name.startswith("_"):
                continue
            text = self.evaluate_nodes(nodes, root, _Scope(root), name)
            try:
                documents = [d for d in yaml.safe_load_all(text) if d is not None]
            except yaml.YAMLError as error:
                raise TemplateError("%s renders invalid YAML: %s\n%s" % (name, error, text)) from error
            manifests[name] = documents
        return manifests

    def read_file(self, name):
        path = self.directory / name
        if not path.is_file():
            return ""
        return path.read_text(encoding="utf-8")

    def evaluate_nodes(self, nodes, dot, scope, name):
        out = []
        for node in nodes:
            kind = node[0]
            if kind == "text":
                out.append(node[1])
            elif kind == "output":
                value = self.pipeline(node[1], dot, scope, name)
                if value is not _DECLARED:
                    out.append(_text(value))
            elif kind == "if":
                _, condition, then, otherwise = node
                branch = otherwise if _empty(self.pipeline(condition, dot, scope, name)) else then
                out.append(self.evaluate_nodes(branch, dot, _Scope(scope.root, scope), name))
            elif kind == "range":
                _, key_name, value_name, source, body = node
                collection = self.pipeline(source, dot, scope, name)
                if isinstance(collection, dict):
                    items = [(k, collection[k]) for k in sorted(collection)]
                elif isinstance(collection, list):
                    items = list(enumerate(collection))
                elif collection is None:
                    items = []
                else:
                    raise TemplateError("%s: range over %r" % (name, collection))
                for key, value in items:
                    inner = _Scope(scope.root, scope)
                    if key_name:
                        inner.variables[key_name] = key
                    inner.variables[value_name] = value
                    out.append(self.evaluate_nodes(body, value, inner, name))
        return "".join(out)

    def pipeline(self, tokens, dot, scope, name):
        if len(tokens) >= 2 and tokens[0][0] == "variable" and tokens[1] == ("declare", ":="):
            scope.variables[tokens[0][1]] = self.pipeline(tokens[2:], dot, scope, name)
            return _DECLARED
        if len(tokens) >= 2 and tokens[0][0] == "variable" and tokens[1] == ("assign", "="):
            scope.set(tokens[0][1], self.pipeline(tokens[2:], dot, scope, name))
            return _DECLARED
        commands, current, depth = [], [], 0
        for token in tokens:
            if token == ("punct", "("):
                depth += 1
            elif token == ("punct", ")"):
                depth -= 1
            if token == ("punct", "|") and depth == 0:
                commands.append(current)
                current = []
            else:
                current.append(token)
        commands.append(current)
        value, piped = None, False
        for command in commands:
            value = self.command(command, dot, scope, name, [value] if piped else [])
            piped = True
        return value

    def command(self, tokens, dot, scope, name, piped):
        operands, index = [], 0
        while index < len(tokens):
            kind, text = tokens[index]
            if (kind, text) == ("punct", "("):
                depth, end = 1, index + 1
                while depth:
                    depth += {"(": 1, ")": -1}.get(tokens[end][1], 0) if tokens[end][0] == "punct" else 0
                    end += 1
                operands.append(("value", self.pipeline(tokens[index + 1:end - 1], dot, scope, name)))
                index = end
                continue
            operands.append((kind, text))
            index += 1
        if not operands:
            raise TemplateError("%s: empty command" % name)
        head_kind, head = operands[0]
        if head_kind == "identifier" and head not in ("true", "false", "nil"):
            arguments = [self.operand(o, dot, scope, name) for o in operands[1:]] + piped
            if head == "include":
                return self.include(*arguments)
            if head not in FUNCTIONS:
                raise TemplateError("%s: function %s is outside the supported subset" % (name, head))
            try:
                return FUNCTIONS[head](*arguments)
            except TypeError as error:
                raise TemplateError("%s: %s%r: %s" % (name, head, tuple(arguments), error)) from error
        value = self.operand(operands[0], dot, scope, name)
        if callable(value):
            return value(*[self.operand(o, dot, scope, name) for o in operands[1:]] + piped)
        if len(operands) > 1 or piped:
            raise TemplateError("%s: %s is not a function" % (name, head))
        return value

    def operand(self, operand, dot, scope, name):
        kind, text = operand
        if kind == "value":
            return text
        if kind == "string":
            return json.loads(text)
        if kind == "number":
            return int(text)
        if kind == "identifier":
            return {"true": True, "false": False, "nil": None}[text]
        if kind == "field":
            return dot if text == "." else _fields(dot, text[1:].split("."), name, text)
        if kind == "variable":
            variable, *path = text.split(".")
            return _fields(scope.get(variable), path, name, text)
        raise TemplateError("%s: unexpected %s %r" % (name, kind, text))

    def include(self, template, dot):
        if template not in self.defines:
            raise TemplateError("include of undefined template %r" % template)
        return self.evaluate_nodes(self.defines[template], dot, _Scope(dot), template)


_DECLARED = object()


def _fields(value, path, name, expression):
    for field in path:
        if not isinstance(value, dict):
            raise TemplateError("%s: nil pointer evaluating %s (no %s)" % (name, expression, field))
        value = value.get(field)
    return value


def _merge(base, override):
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
