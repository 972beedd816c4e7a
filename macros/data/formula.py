"""Safe arithmetic for derived values: numbers, + - * / ( ) and %, computed in Decimal."""

from __future__ import annotations

import ast
import re
from decimal import Decimal

_SYMBOLS = str.maketrans({"×": "*", "÷": "/", "−": "-", "（": "(", "）": ")"})
_PERCENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)%")
_OPS = {ast.Add: Decimal.__add__, ast.Sub: Decimal.__sub__, ast.Mult: Decimal.__mul__, ast.Div: Decimal.__truediv__}


MAX_LENGTH = 200  # characters: a derived value's arithmetic is short


def evaluate(formula: str) -> Decimal | None:
    """The value of ``formula``, or None when it is not plain, short, finite arithmetic."""
    if len(formula) > MAX_LENGTH:
        return None
    text = _PERCENT.sub(r"(\1/100)", formula.translate(_SYMBOLS))
    try:
        value = _eval(ast.parse(text, mode="eval").body)
    except (SyntaxError, ValueError, ArithmeticError, RecursionError, MemoryError):
        return None
    return value if value.is_finite() else None


def _eval(node: ast.AST) -> Decimal:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return Decimal(str(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_eval(node.operand)
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_eval(node.left), _eval(node.right))
    raise ValueError(f"not allowed: {ast.dump(node)}")
