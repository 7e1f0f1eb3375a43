"""`rag doctor`: check every generation of the index; `--repair` makes it healthy again,
`--salvage broken-gen-N` brings back the articles of a generation set aside."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from news_rag.cli.common import emit_json, handle_errors
from news_rag.cli.options import index_option, json_option

if TYPE_CHECKING:
    from news_rag.index.store.doctor import DoctorReport


@click.command("doctor")
@index_option
@click.option(
    "--repair",
    is_flag=True,
    help="Make the index healthy again from its newest readable generation (re-embedding it "
    "if need be) and set broken generations aside as broken-gen-N. Nothing is deleted. Asks "
    "first when fewer articles would be live than the damaged generation held.",
)
@click.option(
    "--salvage",
    "salvage_name",
    metavar="broken-gen-N",
    default=None,
    help="Publish again every article of a quarantined generation whose text and metadata "
    "still read (embedding what is needed).",
)
@click.option("--yes", "-y", is_flag=True, help="Repair without asking (for scripts).")
@json_option
@handle_errors
def doctor_command(
    index_dir: Path | None, repair: bool, salvage_name: str | None, yes: bool, as_json: bool
) -> None:
    """Verify every generation of the index; exit 1 when something is broken."""
    from news_rag.index.paths import resolve_index_dir
    from news_rag.index.store.doctor import diagnose, plan_repair
    from news_rag.index.store.doctor import repair as run_repair

    target = resolve_index_dir(index_dir)
    if salvage_name is not None:
        _salvage(target, salvage_name, as_json)
        return
    if repair and not yes:
        plan = plan_repair(target)
        if plan.missing:
            click.echo(f"warning: {plan.summary()}", err=True)
            if not click.confirm("Repair anyway?", default=False, err=True):
                click.get_current_context().exit(1)
    report = run_repair(target) if repair else diagnose(target)
    if as_json:
        emit_json(report.to_dict())
    else:
        _print(target, report)
    if not report.healthy:
        click.get_current_context().exit(1)


def _print(target: Path, report: DoctorReport) -> None:
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
    plan = report.plan
    if plan is not None and plan.missing:
        click.echo(f"Warning: {plan.missing} article(s) missing; {plan.summary()}", err=True)
    advice = report.advice()
    if advice and not report.healthy:
        click.echo(f"Error: {target}: the index is damaged; {advice}", err=True)


def _salvage(target: Path, name: str, as_json: bool) -> None:
    from dataclasses import asdict

    from news_rag.index.store.salvage import salvage

    result = salvage(target, name)
    if as_json:
        emit_json(asdict(result))
    else:
        for line in result.lines():
            click.echo(line)
    if result.readable < result.held and not result.restored and not result.restore:
        raise SystemExit(1)  # nothing came back and nothing can: not a success
