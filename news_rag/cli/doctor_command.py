"""`rag doctor`: check every generation of the index; `--repair` makes it healthy again."""

from __future__ import annotations

from pathlib import Path

import click

from news_rag.cli.common import emit_json, handle_errors
from news_rag.cli.options import index_option, json_option


@click.command("doctor")
@index_option
@click.option(
    "--repair",
    is_flag=True,
    help="Make the newest good generation live (re-embedding it if its vectors are damaged) "
    "and set broken generations aside as broken-gen-N. Nothing is deleted.",
)
@json_option
@handle_errors
def doctor_command(index_dir: Path | None, repair: bool, as_json: bool) -> None:
    """Verify every generation of the index; exit 1 when something is broken."""
    from news_rag.index.paths import resolve_index_dir
    from news_rag.index.store.doctor import diagnose
    from news_rag.index.store.doctor import repair as run_repair

    target = resolve_index_dir(index_dir)
    report = run_repair(target) if repair else diagnose(target)
    if as_json:
        emit_json(report.to_dict())
    else:
        for line in report.actions:
            click.echo(f"repaired: {line}")
        for line in report.problems():
            click.echo(f"problem: {line}")
        for line in report.quarantined():
            click.echo(f"note: {line}")
        live = report.live
        if report.healthy and live is not None:
            good = sum(1 for g in report.generations if g.ok and not g.quarantined)
            click.echo(
                f"OK: {target} is live at {live.name} ({live.articles} articles); "
                f"{good} generation(s) verify"
            )
        advice = report.advice()
        if advice:
            click.echo(f"Error: {target}: the index is damaged; {advice}", err=True)
    if not report.healthy:
        click.get_current_context().exit(1)
