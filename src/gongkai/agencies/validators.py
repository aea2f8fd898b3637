"""Field validators for bodies (kept free of model imports so models can use them)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

# GB 32100-2015 法人和其他组织统一社会信用代码编码规则
_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码 (GB 32100-2015), or None when it is."""
    if len(code) != 18:
        return f"统一社会信用代码应为18位，“{code}”为{len(code)}位"
    if any(char not in _CREDIT_CHARS for char in code):
        return f"统一社会信用代码“{code}”含有不允许的字符（不使用 I、O、Z、S、V）"
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(code[:17], _CREDIT_WEIGHTS, strict=True))
    expected = _CREDIT_CHARS[(31 - total % 31) % 31]
    if code[17] != expected:
        return f"统一社会信用代码“{code}”校验位应为 {expected}"
    return None


def validate_credit_code(value: str) -> None:
    if value and (problem := credit_code_problem(value)):
        raise ValidationError(problem)
