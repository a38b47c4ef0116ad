"""CLI sub-commands: aqi, composite-index, water-class (python -m envboard <command> --help)."""
from __future__ import annotations

import argparse
import json
import sys

from envboard.core.errors import UsageError

_DAILY_FLAGS = (("so2", "so2_24h"), ("no2", "no2_24h"), ("co", "co_24h"), ("pm10", "pm10_24h"),
                ("pm25", "pm25_24h"), ("o3_8h", "o3_8h"), ("o3_1h", "o3_1h"))
_HOURLY_FLAGS = (("so2", "so2_1h"), ("no2", "no2_1h"), ("co", "co_1h"), ("pm10", "pm10_1h"),
                 ("pm25", "pm25_1h"), ("o3_1h", "o3_1h"), ("so2_24h", "so2_24h"))


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    return value


def _emit(payload: dict, as_json: bool, lines: list[str]) -> int:
    if as_json:
        print(json.dumps(payload, ensure_ascii=False))
    else:
        print("\n".join(lines))
    return 0


def run_aqi(args: argparse.Namespace) -> int:
    """Print one daily (or --hourly real-time) AQI; 2 on bad input."""
    from envboard.standards.aqi import daily_aqi, hourly_aqi  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    flags = _HOURLY_FLAGS if args.hourly else _DAILY_FLAGS
    conc = {key: getattr(args, flag) for flag, key in flags if getattr(args, flag) is not None}
    try:
        result = (hourly_aqi if args.hourly else daily_aqi)(conc, args.date, args.rules)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    payload = result.as_dict()
    primary = ",".join(result.primary) or "—"
    return _emit(payload, args.json, [
        f"AQI {result.aqi} ({result.level} {result.category}); primary {primary}; "
        f"HJ 633-{result.rules} {result.report}",
        *(f"  IAQI {k} = {v}" for k, v in result.iaqi.items())])


def run_composite(args: argparse.Namespace) -> int:
    """Print the composite index (2 decimals) and sub-indices; 2 on bad input."""
    from envboard.standards.composite import composite_index  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    conc = {"SO2": args.so2, "NO2": args.no2, "PM10": args.pm10, "PM2.5": args.pm25,
            "CO": args.co, "O3": args.o3_8h}
    try:
        result = composite_index({k: v for k, v in conc.items() if v is not None},
                                 args.date, args.limits, inputs=args.inputs)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    payload = result.as_dict()
    return _emit(payload, args.json, [
        f"综合指数 {result.index:.2f} ({result.limits_standard}); max {','.join(result.max_pollutant)}",
        f"  {_inputs_note(result)}",
        *(f"  {p}: {v}" for p, v in payload["sub_indices"].items())])


def _inputs_note(result) -> str:
    """Which inputs the index was computed from, in words (zh / en)."""
    if result.inputs == "rounded":
        return ("输入按 GB/T 8170 先修约（整数，CO 一位小数）后计算 / inputs rounded first "
                "(reproduces tables computed from rounded concentrations)")
    if result.inputs_at_display_precision:
        return ("输入为修约后的浓度（整数，CO 一位小数），按原值计算；发布排名用未修约的期间统计值，"
                "结果可能差 0.01 / inputs at display precision (published, rounded values?): "
                "computed as given; published rankings use unrounded period statistics, so the index may differ by 0.01")
    return "输入为未修约的期间统计值，按原值计算 / unrounded period statistics: computed as given"


def _indicator_pair(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), _number(value.strip())


def run_water_class(args: argparse.Namespace) -> int:
    """Print the section class of --indicator NAME=VALUE pairs; 2 on bad input."""
    from envboard.standards.water import section_class  # deferred: CLI start-up (each command loads every cli module; hoisting all doubles it)
    if not args.indicator:
        raise UsageError("give at least one --indicator NAME=VALUE (e.g. DO=5.5)")
    try:
        result = section_class(dict(args.indicator), "lake" if args.lake else "river")
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    return _emit(result.as_dict(), args.json, [
        f"{result.class_label} 类 ({result.class_num}); limiting {','.join(result.limiting) or '—'}"])


def _add_aqi(sub) -> None:
    p = sub.add_parser("aqi", help="daily or real-time AQI (HJ 633-2012 / HJ 633-2026)")
    p.add_argument("--date", default=None, help="date of the data, YYYY-MM-DD (picks the rules)")
    for flag in ("so2", "no2", "co", "pm10", "pm25", "o3-8h", "o3-1h", "so2-24h"):
        p.add_argument(f"--{flag}", type=_number, default=None,
                       help="mg/m³" if flag == "co" else "μg/m³")
    p.add_argument("--rules", choices=("2012", "2026"), default=None)
    p.add_argument("--hourly", action="store_true", help="real-time AQI of 1h values")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_aqi)


def _add_composite(sub) -> None:
    p = sub.add_parser("composite-index", help="composite index 综合指数 of period values")
    p.add_argument("--date", default=None, help="period (end), YYYY-MM or YYYY-MM-DD")
    for flag in ("so2", "no2", "pm10", "pm25", "co", "o3-8h"):
        p.add_argument(f"--{flag}", type=_number, default=None)
    p.add_argument("--limits", default="auto",
                   choices=("auto", "2012", "2026", "2026-transition", "2026-final"))
    p.add_argument("--inputs", default="unrounded", choices=("unrounded", "rounded"),
                   help="unrounded (default, the published method): index the values as given, "
                        "e.g. 29.37; rounded: round them per GB/T 8170 first")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_composite)


def _add_water(sub) -> None:
    p = sub.add_parser("water-class", help="GB 3838-2002 section class (single factor)")
    p.add_argument("--indicator", action="append", type=_indicator_pair, default=[],
                   metavar="NAME=VALUE", help="e.g. DO=5.5, CODMn=7, NH3N=1.2 (repeat)")
    p.add_argument("--lake", action="store_true", help="lake/reservoir (lake TP limits)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run_water_class)


def register(subparsers) -> None:
    """Add the aqi, composite-index and water-class sub-commands."""
    _add_aqi(subparsers)
    _add_composite(subparsers)
    _add_water(subparsers)


def main(argv: list[str] | None = None) -> int:
    """Run one standards sub-command on its own (exit 2 on usage errors)."""
    parser = argparse.ArgumentParser(prog="envboard-standards")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"错误 / error: {exc}", file=sys.stderr)
        return 2
