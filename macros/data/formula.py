"""Safe arithmetic for derived values: numbers, + - * / ( ) and %, computed in Decimal.

Every check and every worded figure computes in ``ARITHMETIC``: values have at most 15 significant
digits and 15 decimals, so its 100 digits hold any sum, product or quotient of two of them exactly
enough, and rounding for display never runs out of digits (Python's default context has 28).
"""

from __future__ import annotations

import ast
import re
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext

ARITHMETIC = Context(prec=100, rounding=ROUND_HALF_UP, Emin=-999, Emax=999, traps=[InvalidOperation, DivisionByZero, Overflow])
_SYMBOLS = str.maketrans({"×": "*", "÷": "/", "−": "-", "（": "(", "）": ")"})
_PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)%")
# plain decimal notation only: no 1e30, 0x10, 0b101, 1_000 (Python reads them all; a reader does not)
_PLAIN = re.compile(r"[0-9.%+\-*/()×÷−（） ]+")
_OPS = {ast.Add: Decimal.__add__, ast.Sub: Decimal.__sub__, ast.Mult: Decimal.__mul__, ast.Div: Decimal.__truediv__}


MAX_LENGTH = 200  # characters: a derived value's arithmetic is short
MAX_RESULT = Decimal(10) ** 15  # no value is this large (at most 15 significant digits, 15 before the point)


def evaluate(formula: str) -> Decimal | None:
    """The value of ``formula``, or None when it is not plain, short, decimal arithmetic with a result
    in the range of a value."""
    if len(formula) > MAX_LENGTH or not _PLAIN.fullmatch(formula):
        return None
    text = _PERCENT.sub(r"(\1/100)", formula.translate(_SYMBOLS))
    try:
        with localcontext(ARITHMETIC):
            value = _eval(ast.parse(text, mode="eval").body, text)
    except (SyntaxError, ValueError, ArithmeticError, RecursionError, MemoryError):
        return None
    return value if abs(value) < MAX_RESULT else None


def percent_change(new: Decimal, old: Decimal) -> Decimal:
    """How much ``new`` is above ``old``, in percent of ``old`` (not 0)."""
    with localcontext(ARITHMETIC):
        return (new / old - 1) * 100


def _eval(node: ast.AST, text: str) -> Decimal:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return Decimal(text[node.col_offset : node.end_col_offset])  # the digits as written, not a float's
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand, text)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval(node.left, text), _eval(node.right, text))
    raise ValueError(f"not allowed: {ast.dump(node)}")
