"""`python -m news_rag.index.encoders export [--cache-dir DIR] [--force] [--json]`.

Exports the bundled model to ONNX (fp32 and int8) into the encoder cache and prints each
file with its sha256. Errors are one line on stderr with a non-zero exit status.
"""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

import click
from news_rag.index.errors import RagError


@click.group()
def main() -> None:
    """Encoder maintenance."""


@main.command("export")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--force", is_flag=True, help="Export again even if a verified export exists.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def export_command(cache_dir: Path | None, force: bool, as_json: bool) -> None:
    """Export (or re-export) the ONNX variants from the bundled, hash-checked weights."""
    from news_rag.index.encoders.cache import model_path
    from news_rag.index.encoders.export import export_all

    try:
        records = export_all(cache_dir, force=force)
    except RagError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    rows = [{**asdict(r), "path": str(model_path(r.variant, cache_dir))} for r in records]
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        click.echo(f"{row['variant']}  {row['sha256']}  {row['path']}")


if __name__ == "__main__":
    main()
