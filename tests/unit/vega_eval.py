"""A small evaluator of the part of Vega's expression language the app's charts compute
with, so that a plain unit test can check a chart's formulas without a browser.

Vega's expressions are JavaScript expressions over a fixed set of names; this evaluates
what ``ui.vega_math``, ``ui.follow`` and the charts' transforms write: numbers, strings,
array literals (``[]``), names (``datum``, params, ``PI``, ``E``, ``NaN``, ``true``,
``false``, ``null``), member access (``datum.z``, ``datum['z']``), unary ``- + !``,
``* / %``, ``+ -``, ``< <= > >=``, ``== != === !==``, ``&&``, ``||``, ``?:`` and
parentheses, with JavaScript's precedence and associativity, and calls of the Vega
functions in :data:`FUNCTIONS`.

JavaScript's semantics where they differ from Python's: numbers are IEEE doubles and no
operation raises (``exp(1000)`` is Infinity, ``1 / 0`` Infinity, ``0 / 0`` and
``log(-1)`` NaN, ``%`` takes the dividend's sign, ``max`` of a NaN is NaN); ``&&`` and
``||`` return an operand and short-circuit, as ``?:`` does; truthiness (``0``, ``NaN``,
``''``, ``null`` are false); ``+`` joins strings (numbers written as JavaScript writes
them); ``null`` counts as 0 in arithmetic; ``===`` compares types. What Vega's language
has not (assignment, ``++``/``--``, ``**``, object literals, functions outside the list,
an Infinity constant) is a :class:`SyntaxError`, an unknown name a :class:`NameError`.

>>> evaluate("datum.z > 0 ? datum.z : 0.5 * datum.z", datum={"z": -2.0})
-1.0
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

__all__ = ["UNDEFINED", "compile_expr", "evaluate", "js_number", "js_string"]


class _Undefined:
    def __repr__(self) -> str:
        return "undefined"


#: JavaScript's ``undefined`` (a missing field of a datum); ``null`` is ``None``
UNDEFINED = _Undefined()
NAN, INF = math.nan, math.inf

_TOKEN = re.compile(r"""\s*(?:
    (?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
  | (?P<name>[A-Za-z_$][\w$]*)
  | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<op>===|!==|==|!=|<=|>=|&&|\|\||\+\+|--|\*\*|[-+*/%<>!?:(),.\[\]=&|^~{}])
)""", re.VERBOSE)

# ------------------------------------------------------------------ JavaScript's values


def js_number(v: Any) -> float:
    """JavaScript's ToNumber: null 0, undefined NaN, booleans 0/1, strings parsed as a
    number literal (blank 0, anything else NaN)."""
    if v is None:
        return 0.0
    if v is UNDEFINED:
        return NAN
    if isinstance(v, bool):
        return 1.0 if v else 0.0
    if isinstance(v, int | float):
        return float(v)
    if isinstance(v, str):
        s = v.strip()
        if not s:
            return 0.0
        if re.fullmatch(r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|Infinity)", s):
            return float(s.replace("Infinity", "inf"))
        return NAN
    return NAN  # an object


def js_string(v: Any) -> str:
    """JavaScript's ToString (Number::toString for numbers: ``1``, ``0.5``, ``1e-7``,
    ``1e+21``)."""
    if isinstance(v, str):
        return v
    if v is None:
        return "null"
    if v is UNDEFINED:
        return "undefined"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict):
        return "[object Object]"
    x = float(v)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    if x == 0:
        return "0"
    if x < 0:
        return "-" + js_string(-x)
    # the shortest digits that round-trip (repr's), laid out by ECMAScript's rules
    sign_, digits, exp = Decimal(repr(x)).as_tuple()
    s = "".join(map(str, digits)).rstrip("0") or "0"
    exp += len(digits) - len(s)
    k, n = len(s), len(s) + exp  # x = 0.s * 10^n
    if k <= n <= 21:
        return s + "0" * (n - k)
    if 0 < n <= 21:
        return s[:n] + "." + s[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + s
    e = n - 1
    mant = s if k == 1 else s[0] + "." + s[1:]
    return f"{mant}e{'+' if e >= 0 else '-'}{abs(e)}"


def _truthy(v: Any) -> bool:
    if v is None or v is UNDEFINED:
        return False
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        return not (v == 0 or math.isnan(v))
    if isinstance(v, str):
        return v != ""
    return True


def _type(v: Any) -> str:
    if v is None:
        return "null"
    if v is UNDEFINED:
        return "undefined"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int | float):
        return "number"
    if isinstance(v, str):
        return "string"
    return "object"


def _strict_eq(a: Any, b: Any) -> bool:
    if _type(a) != _type(b):
        return False
    if _type(a) == "number":
        return float(a) == float(b)  # NaN is not itself; 0 is -0
    if _type(a) == "object":
        return a is b
    return a == b


def _loose_eq(a: Any, b: Any) -> bool:
    ta, tb = _type(a), _type(b)
    if ta == tb:
        return _strict_eq(a, b)
    nullish = {"null", "undefined"}
    if ta in nullish or tb in nullish:
        return ta in nullish and tb in nullish
    if "object" in (ta, tb):
        return False
    return js_number(a) == js_number(b)


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, str) or isinstance(b, str) or isinstance(a, dict) or isinstance(b, dict):
        return js_string(a) + js_string(b)
    return js_number(a) + js_number(b)


def _div(a: Any, b: Any) -> float:
    x, y = js_number(a), js_number(b)
    if y == 0:
        if x == 0 or math.isnan(x):
            return NAN
        return math.copysign(INF, x) * math.copysign(1.0, y)
    return x / y


def _mod(a: Any, b: Any) -> float:
    x, y = js_number(a), js_number(b)
    if math.isnan(x) or math.isnan(y) or math.isinf(x) or y == 0:
        return NAN
    if math.isinf(y):
        return x
    return math.fmod(x, y)


def _compare(op: str) -> Callable[[Any, Any], bool]:
    f = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[op]

    def cmp(a: Any, b: Any) -> bool:
        if isinstance(a, str) and isinstance(b, str):
            return f(a, b)
        return f(js_number(a), js_number(b))  # False when either is NaN

    return cmp


_BINARY: dict[str, Callable[[Any, Any], Any]] = {
    "+": _add,
    "-": lambda a, b: js_number(a) - js_number(b),
    "*": lambda a, b: js_number(a) * js_number(b),
    "/": _div,
    "%": _mod,
    "<": _compare("<"), "<=": _compare("<="), ">": _compare(">"), ">=": _compare(">="),
    "===": _strict_eq, "!==": lambda a, b: not _strict_eq(a, b),
    "==": _loose_eq, "!=": lambda a, b: not _loose_eq(a, b),
}

# ------------------------------------------------------------------ Vega's functions


def _math(f: Callable[[float], float], *, big: float = INF,
          domain: Callable[[float], bool] = lambda x: True,
          edge: Callable[[float], float | None] = lambda x: None) -> Callable[[Any], float]:
    """A ``Math.f`` of one number: NaN in, NaN out; outside ``domain`` NaN; ``edge`` the
    values Python raises on (log(0)); an overflow is ``big``."""
    def call(v: Any = UNDEFINED) -> float:
        x = js_number(v)
        if math.isnan(x):
            return NAN
        special = edge(x)
        if special is not None:
            return special
        if not domain(x):
            return NAN
        try:
            return f(x)
        except OverflowError:
            return big
    return call


def _exp(v: Any = UNDEFINED) -> float:
    x = js_number(v)
    if math.isnan(x):
        return NAN
    if x == -INF:
        return 0.0
    try:
        return math.exp(x)
    except OverflowError:
        return INF


def _max(*args: Any) -> float:
    xs = [js_number(a) for a in args]
    if any(math.isnan(x) for x in xs):
        return NAN
    if not xs:
        return -INF
    m = max(xs)
    return 0.0 if m == 0 and any(x == 0 and math.copysign(1, x) > 0 for x in xs) else m


def _min(*args: Any) -> float:
    xs = [js_number(a) for a in args]
    if any(math.isnan(x) for x in xs):
        return NAN
    if not xs:
        return INF
    m = min(xs)
    return -0.0 if m == 0 and any(x == 0 and math.copysign(1, x) < 0 for x in xs) else m


def _pow(a: Any, b: Any) -> float:
    x, y = js_number(a), js_number(b)
    if math.isnan(y) or (math.isnan(x) and y != 0):
        return NAN
    if abs(x) == 1 and math.isinf(y):
        return NAN  # JavaScript's, unlike C's 1
    try:
        r = math.pow(x, y)
    except OverflowError:
        return INF if x > 0 or float(y).is_integer() and y % 2 == 0 else -INF
    except ValueError:  # a negative number to a fraction, or 0 to a negative power
        if x == 0:
            odd = float(y).is_integer() and y % 2 == 1
            return math.copysign(INF, x) if odd else INF
        return NAN
    return r


def _round(v: Any) -> float:
    x = js_number(v)
    if math.isnan(x) or math.isinf(x):
        return x
    return float(math.floor(x + 0.5))  # Math.round: halves up, -2.5 -> -2


def _clamp(v: Any, lo: Any, hi: Any) -> float:
    return _max(lo, _min(hi, v))  # Vega's clamp


def _sequence(*args: Any) -> list[float]:
    """Vega's ``sequence([start, ]stop[, step])``: start, start + step, ... short of stop."""
    start, stop, step = ((0.0, js_number(args[0]), 1.0) if len(args) == 1
                         else (js_number(args[0]), js_number(args[1]),
                               js_number(args[2]) if len(args) > 2 else 1.0))
    n = max(0, math.ceil((stop - start) / step)) if step else 0
    return [start + i * step for i in range(n)]


def _to_number(v: Any) -> Any:
    return None if v is None or v is UNDEFINED or v == "" else js_number(v)  # Vega's toNumber


def _is_valid(v: Any) -> bool:
    return v is not None and v is not UNDEFINED and not (isinstance(v, float) and math.isnan(v))


#: Vega's expression functions the evaluator knows (its ``Math`` ones and a few of its own)
FUNCTIONS: dict[str, Callable[..., Any]] = {
    "exp": _exp,
    "log": _math(math.log, domain=lambda x: x >= 0,
                 edge=lambda x: -INF if x == 0 else INF if x == INF else None),
    "sqrt": _math(math.sqrt, domain=lambda x: x >= 0,
                  edge=lambda x: INF if x == INF else None),
    "abs": _math(abs),
    "floor": _math(lambda x: x if math.isinf(x) else float(math.floor(x))),
    "ceil": _math(lambda x: x if math.isinf(x) else float(math.ceil(x))),
    "round": _round,
    "pow": _pow,
    "max": _max,
    "min": _min,
    "clamp": _clamp,
    "atan2": lambda a, b: math.atan2(js_number(a), js_number(b)),
    "isNaN": lambda v: math.isnan(js_number(v)),
    "isFinite": lambda v: math.isfinite(js_number(v)),
    "isValid": _is_valid,
    "toNumber": _to_number,
    "sequence": _sequence,
}
CONSTANTS: dict[str, Any] = {"PI": math.pi, "E": math.e, "NaN": NAN, "true": True,
                             "false": False, "null": None}

# ------------------------------------------------------------------ the parser

Env = Mapping[str, Any]
Node = Callable[[Env], Any]


def _tokens(expr: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(expr):
        if not expr[pos:].strip():
            break
        m = _TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise SyntaxError(f"unexpected character at {pos} in {expr!r}")
        kind = m.lastgroup
        out.append((kind, m.group(kind)))
        pos = m.end()
    return out


class _Parser:
    """Recursive descent, one method per precedence level of JavaScript (lowest first);
    each returns a closure of the environment (the names' values)."""

    def __init__(self, expr: str) -> None:
        self.expr, self.toks, self.i = expr, _tokens(expr), 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self, op: str | None = None) -> tuple[str, str]:
        tok = self.peek()
        if tok is None or (op is not None and tok != ("op", op)):
            raise SyntaxError(f"expected {op or 'more'} at token {self.i} of {self.expr!r}")
        self.i += 1
        return tok

    def at(self, *ops: str) -> str | None:
        tok = self.peek()
        return tok[1] if tok is not None and tok[0] == "op" and tok[1] in ops else None

    def parse(self) -> Node:
        node = self.conditional()
        if self.peek() is not None:
            raise SyntaxError(f"unexpected {self.peek()[1]!r} in {self.expr!r}")
        return node

    def conditional(self) -> Node:
        test = self.logical_or()
        if not self.at("?"):
            return test
        self.take("?")
        yes = self.conditional()
        self.take(":")
        no = self.conditional()  # right-associative: a ? b : c ? d : e
        return lambda env: yes(env) if _truthy(test(env)) else no(env)

    def logical_or(self) -> Node:
        left = self.logical_and()
        while self.at("||"):
            self.take()
            left = _or(left, self.logical_and())
        return left

    def logical_and(self) -> Node:
        left = self.binary(0)
        while self.at("&&"):
            self.take()
            left = _and(left, self.binary(0))
        return left

    LEVELS = (("==", "!=", "===", "!=="), ("<", "<=", ">", ">="), ("+", "-"), ("*", "/", "%"))

    def binary(self, level: int) -> Node:
        if level == len(self.LEVELS):
            return self.unary()
        left = self.binary(level + 1)
        while op := self.at(*self.LEVELS[level]):  # left-associative: 2 - 3 - 4
            self.take()
            left = _binary(_BINARY[op], left, self.binary(level + 1))
        return left

    def unary(self) -> Node:
        op = self.at("-", "+", "!")
        if op:
            self.take()
            arg = self.unary()
            if op == "-":
                return lambda env: -js_number(arg(env))
            if op == "+":
                return lambda env: js_number(arg(env))
            return lambda env: not _truthy(arg(env))
        if self.at("++", "--", "**", "=", "&", "|", "^", "~", "{"):
            raise SyntaxError(f"{self.peek()[1]!r} is not in Vega's expressions: {self.expr!r}")
        return self.member()

    def member(self) -> Node:
        node = self.primary()
        while op := self.at(".", "["):
            self.take()
            if op == ".":
                kind, name = self.take()
                if kind != "name":
                    raise SyntaxError(f"a property name expected after '.' in {self.expr!r}")
                node = _member(node, lambda env, name=name: name)
            else:
                key = self.conditional()
                self.take("]")
                node = _member(node, key)
        return node

    def primary(self) -> Node:
        kind, text = self.take()
        if kind == "num":
            value = float(text)
            return lambda env: value
        if kind == "str":
            value = re.sub(r"\\(.)", r"\1", text[1:-1])
            return lambda env: value
        if kind == "name":
            if self.at("("):
                if text not in FUNCTIONS:
                    raise SyntaxError(f"{text}() is not a Vega function here: {self.expr!r}")
                self.take("(")
                args: list[Node] = []
                while not self.at(")"):
                    args.append(self.conditional())
                    if not self.at(")"):
                        self.take(",")
                self.take(")")
                f = FUNCTIONS[text]
                return lambda env: f(*(a(env) for a in args))
            if text in CONSTANTS:
                value = CONSTANTS[text]
                return lambda env: value
            return _name(text)
        if (kind, text) == ("op", "["):  # an array literal
            items: list[Node] = []
            while not self.at("]"):
                items.append(self.conditional())
                if not self.at("]"):
                    self.take(",")
            self.take("]")
            return lambda env: [item(env) for item in items]
        if (kind, text) == ("op", "("):
            node = self.conditional()
            self.take(")")
            return node
        raise SyntaxError(f"unexpected {text!r} in {self.expr!r}")


def _or(a: Node, b: Node) -> Node:
    def node(env: Env) -> Any:
        v = a(env)
        return v if _truthy(v) else b(env)
    return node


def _and(a: Node, b: Node) -> Node:
    def node(env: Env) -> Any:
        v = a(env)
        return b(env) if _truthy(v) else v
    return node


def _binary(f: Callable[[Any, Any], Any], a: Node, b: Node) -> Node:
    return lambda env: f(a(env), b(env))


def _member(obj: Node, key: Node) -> Node:
    def node(env: Env) -> Any:
        o, k = obj(env), key(env)
        if o is None or o is UNDEFINED:
            raise TypeError(f"cannot read {k!r} of {js_string(o)}")
        if isinstance(o, Mapping):
            return o.get(js_string(k), UNDEFINED)
        if isinstance(o, list):
            if k == "length":
                return float(len(o))
            i = js_number(k)
            return o[int(i)] if i.is_integer() and 0 <= i < len(o) else UNDEFINED
        return UNDEFINED
    return node


def _name(text: str) -> Node:
    def node(env: Env) -> Any:
        if text not in env:
            raise NameError(f"{text} is not defined")
        return env[text]
    return node


@lru_cache(maxsize=4096)
def compile_expr(expr: str) -> Node:
    """``expr`` parsed once into a function of the environment (a mapping of names, such
    as ``datum`` and params, to values)."""
    return _Parser(expr).parse()


def evaluate(expr: str, datum: Mapping[str, Any] | None = None, **names: Any) -> Any:
    """The value of Vega expression ``expr`` for ``datum`` and the named values (params);
    numbers come back as floats, ``null`` as None."""
    env = dict(names)
    if datum is not None:
        env["datum"] = datum
    return compile_expr(expr)(env)
