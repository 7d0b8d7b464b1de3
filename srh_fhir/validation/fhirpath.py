"""FHIRPath expressions compiled into Python closures that do exactly what fhirpathpy's interpreter does.

fhirpathpy walks the parse tree at every evaluation: each node is dispatched by its type name, identifiers and
string literals are unquoted with regular expressions, and every function call merges the function table anew.
For invariants evaluated on every resource that is most of the validation time. Here the tree is walked once:
each node becomes a closure over its compiled children, with its literal values, function-table entries and
member readers resolved in advance. The closures call fhirpathpy's own functions (member navigation, equality,
``where``, ``all``, ...) and update the evaluation context (``$this``) as its interpreter does, so results and
errors are the same by construction; a node kind not mirrored here is left to the interpreter (its subtree only).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import reduce
from typing import Any

import fhirpathpy
from fhirpathpy import engine
from fhirpathpy.engine import do_eval, nodes, util
from fhirpathpy.engine.evaluators import create_reduce_member_invocation
from fhirpathpy.engine.invocations import invocation_registry as BASE_REGISTRY
from fhirpathpy.engine.invocations.filtering import where_macro

from srh_fhir.validation.fhirpath_trees import parse_tree

interpreter = importlib.import_module("fhirpathpy.engine.evaluators")  # the package hides it behind its table
Closure = Callable[[dict[str, Any], Any], Any]
COMPILED = "SrhCompiled"  # the node kind of a compiled tree, evaluated by its closure

# fhirpathpy evaluates a tree from its first child through this table: a compiled tree is one node of this kind
interpreter.evaluators.setdefault(COMPILED, lambda ctx, data, node: node["closure"](ctx, data))


def compile_expression(expression: str, model: dict[str, Any], options: dict[str, Any]) -> Callable[..., Any]:
    """Like ``fhirpathpy.compile(expression, model, options)``, evaluated by closures."""
    tree = parse_tree(expression)
    registry = {**BASE_REGISTRY, **util.process_user_invocation_table(options.get("userInvocationTable", {}))}
    closure = _Compiler(model, registry).node(tree["children"][0])
    return util.set_paths(fhirpathpy.apply_parsed_path, {"children": [{"type": COMPILED, "closure": closure}]},
                          model, options)


class _Compiler:
    def __init__(self, model: dict[str, Any], registry: dict[str, Any]) -> None:
        self.model = model
        self.registry = registry

    def node(self, node: dict[str, Any]) -> Closure:
        kind = node.get("type")
        method = getattr(self, f"_{kind}", None)
        if method is None:
            return lambda ctx, data: do_eval(ctx, data, node)
        compiled: Closure = method(node)
        return compiled

    # --- terms ------------------------------------------------------------------------------------------------

    def _first_child(self, node: dict[str, Any]) -> Closure:
        return self.node(node["children"][0])

    _TermExpression = _InvocationTerm = _ParenthesizedTerm = _first_child

    def _constant(self, node: dict[str, Any]) -> Closure:
        value = interpreter.evaluators[node["type"]]({}, [], node)
        return lambda ctx, data: list(value)

    _Identifier = _StringLiteral = _NumberLiteral = _BooleanLiteral = _constant

    def _LiteralTerm(self, node: dict[str, Any]) -> Closure:
        term = node["children"][0]
        if term:
            return self.node(term)
        text = node["text"]
        return lambda ctx, data: [text]

    def _ThisInvocation(self, node: dict[str, Any]) -> Closure:
        return lambda ctx, data: util.arraify(ctx["$this"])

    def _ExternalConstantTerm(self, node: dict[str, Any]) -> Closure:
        name = interpreter.identifier({}, [], node["children"][0]["children"][0])[0].replace("`", "")

        def constant(ctx: dict[str, Any], data: Any) -> Any:
            if name not in ctx["vars"]:
                raise ValueError(f"Attempting to access an undefined environment variable: {name}")
            value = ctx["vars"][name]
            if value is None:
                return []
            return value if isinstance(value, list) else [value]

        return constant

    # --- invocations ------------------------------------------------------------------------------------------

    def _InvocationExpression(self, node: dict[str, Any]) -> Closure:
        steps = [self.node(child) for child in node["children"]]

        def invocation(ctx: dict[str, Any], data: Any) -> Any:
            for step in steps:
                data = step(ctx, data)
            return list(data)

        return invocation

    def _MemberInvocation(self, node: dict[str, Any]) -> Closure:
        key = interpreter.identifier({}, [], node["children"][0])[0].replace("`", "")
        capitalized = util.is_capitalized(key)
        member = create_reduce_member_invocation(self.model, key)

        def invocation(ctx: dict[str, Any], data: Any) -> Any:
            if not isinstance(data, list):
                return []
            if capitalized:
                try:
                    return [nodes.ResourceNode.create_node(x, key) for x in data
                            if x["resourceType"] == key]
                except TypeError:
                    pass
            return list(reduce(member, data, []))

        return invocation

    def _FunctionInvocation(self, node: dict[str, Any]) -> Closure:
        functn = node["children"][0]
        name_list = interpreter.identifier({}, [], functn["children"][0])
        raw = functn["children"][1]["children"] if len(functn["children"]) > 1 else None
        name = name_list[0] if len(name_list) == 1 else name_list
        if not isinstance(name, str) or name not in self.registry:
            return lambda ctx, data: do_eval(ctx, data, node)  # the interpreter raises its own error
        invocation = self.registry[name]
        function = invocation["fn"]
        if "variadic" not in invocation and "arity" not in invocation:
            if raw:
                return lambda ctx, data: do_eval(ctx, data, node)
            return lambda ctx, data: [] if "nullable_input" in invocation and util.is_nullable(data) else (
                util.arraify(function(ctx, util.arraify(data))))
        if "variadic" in invocation or function.__name__ == "trace_fn" or len(raw or []) not in invocation["arity"]:
            return lambda ctx, data: do_eval(ctx, data, node)
        params = [(kind, self.param(kind, param), param) for kind, param in
                  zip(invocation["arity"][len(raw or [])], raw or [], strict=True)]
        nullable_input, nullable = "nullable_input" in invocation, "nullable" in invocation
        # where() evaluates its criteria twice on every item they hold for; the second time gives the same result
        # (the criteria start from $this alone) unless they read $index or $total, which the first time changed
        once = function is where_macro and not any(_reads_index(p) for p in raw or [])

        def call(ctx: dict[str, Any], data: Any) -> Any:
            if nullable_input and util.is_nullable(data):
                return []
            this = ctx["$this"] if "$this" in ctx else ctx["dataRoot"]
            args = [ctx, data, *(_make_param(ctx, this, kind, closure, param) for kind, closure, param in params)]
            if nullable and any(util.is_nullable(x) for x in args):
                return []
            if once:
                args[2] = _remembering_last(args[2])
            return util.arraify(function(*args))

        return call

    def param(self, kind: Any, param: dict[str, Any]) -> Closure | None:
        return None if kind in ("Identifier", "TypeSpecifier") else self.node(param)

    # --- operators --------------------------------------------------------------------------------------------

    def _infix(self, name: str, node: dict[str, Any]) -> Closure:
        invocation = self.registry.get(name)
        if invocation is None or "fn" not in invocation or invocation.get("arity", {}).get(2) is None:
            return lambda ctx, data: do_eval(ctx, data, node)
        function, nullable = invocation["fn"], "nullable" in invocation
        params = [(kind, self.param(kind, param), param)
                  for kind, param in zip(invocation["arity"][2], node["children"], strict=True)]

        def call(ctx: dict[str, Any], data: Any) -> Any:
            args = [ctx, *(_make_param(ctx, data, kind, closure, param) for kind, closure, param in params)]
            if nullable and any(util.is_nullable(x) for x in args):
                return []
            return util.arraify(function(*args))

        return call

    def _operator(self, node: dict[str, Any]) -> Closure:
        return self._infix(node["terminalNodeText"][0], node)

    _EqualityExpression = _InequalityExpression = _AndExpression = _OrExpression = _operator
    _ImpliesExpression = _XorExpression = _AdditiveExpression = _MultiplicativeExpression = _operator

    def _UnionExpression(self, node: dict[str, Any]) -> Closure:
        return self._infix("|", node)

    def _TypeExpression(self, node: dict[str, Any]) -> Closure:
        alias = {"is": "isOp", "as": "asOp"}.get(node["terminalNodeText"][0])
        return self._infix(alias, node) if alias else (lambda ctx, data: do_eval(ctx, data, node))

    def _MembershipExpression(self, node: dict[str, Any]) -> Closure:
        alias = {"contains": "containsOp", "in": "inOp"}.get(node["terminalNodeText"][0])
        return self._infix(alias, node) if alias else (lambda ctx, data: do_eval(ctx, data, node))


def _reads_index(node: dict[str, Any]) -> bool:
    """Whether the tree reads $index or $total anywhere."""
    return node.get("type") in ("IndexInvocation", "TotalInvocation") or any(
        _reads_index(child) for child in node.get("children") or [] if isinstance(child, dict))


def _remembering_last(expression: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``expression`` that answers a call on the very item of the call before it from memory."""
    last: list[Any] = [None, None]  # the item, the result

    def remembering(data: Any) -> Any:
        if last[0] is not None and data is last[0]:
            return last[1]
        last[0], last[1] = data, expression(data)
        return last[1]

    return remembering


def _make_param(ctx: dict[str, Any], parent: Any, kind: Any, closure: Closure | None, param: dict[str, Any]) -> Any:
    """fhirpathpy's ``make_param``, with the parameter's compiled closure in place of its tree."""
    if closure is None:  # an Identifier or TypeSpecifier parameter: the interpreter's own reading of it
        return engine.make_param(ctx, parent, kind, param)
    if kind == "Expr":

        def expression(data: Any) -> Any:
            ctx["$this"] = util.arraify(data)
            return closure(ctx, ctx["$this"])

        return expression
    if kind == "AnyAtRoot":
        ctx["$this"] = ctx["$this"] if "$this" in ctx else ctx["dataRoot"]
        return closure(ctx, ctx["$this"])
    ctx["$this"] = parent
    result = closure(ctx, parent)
    if kind == "Any":
        return result
    if isinstance(kind, list):
        if len(result) == 0:
            return []
        kind = kind[0]
    if len(result) > 1:
        raise ValueError(f"Unexpected collection; expected singleton of type {kind}")
    if len(result) == 0:
        return []
    return engine.param_check_table[kind](result[0])  # a KeyError for a kind fhirpathpy does not check either
