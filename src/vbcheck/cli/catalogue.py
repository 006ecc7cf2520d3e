"""`vbcheck rules` (the catalogue) and `vbcheck rule CODE` (one rule explained)."""

from __future__ import annotations

import click

from ..core.vocabulary import LANGS

_LANG = click.option("--lang", type=click.Choice(LANGS), default="vi", show_default=True,
                     help="Language of the summaries and explanations.")


@click.command("rules", context_settings={"help_option_names": ["-h", "--help"]})
@_LANG
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: one line per rule; json: an array of {code, name, severity, summary, …}.")
def rules(lang, fmt):
    """Liệt kê các quy tắc — list the rules of the catalogue (built-in and plugins)."""
    from ..engine import all_rules
    from .streams import write_stdout

    catalogue = all_rules()
    if fmt == "json":
        import json

        items = [{"code": code, "name": r.name, "severity": r.severity,
                  "summary": r.summary_en if lang == "en" else r.summary_vi,
                  "clause": r.clause, "profiles": sorted(r.profiles), "needs": r.needs}
                 for code, r in catalogue.items()]
        write_stdout(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        return
    write_stdout("".join(f"{code}  {r.name:<30} {r.severity:<8} {r.summary_en if lang == 'en' else r.summary_vi}\n"
                         for code, r in catalogue.items()))


@click.command("rule", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("code")
@_LANG
def rule(code, lang):
    """Giải thích một quy tắc — explain one rule (CODE or name): clause, severity, examples."""
    from ..catalogue.explain import explain
    from ..engine import all_rules
    from .streams import write_stdout

    match = [r for c, r in all_rules().items() if c == code.upper() or r.name == code.lower()]
    if not match:
        raise click.BadParameter(f"không có quy tắc '{code}' / unknown rule '{code}'", param_hint="CODE")
    write_stdout(explain(match[0], lang) + "\n")
