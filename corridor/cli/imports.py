"""The import command: ``corridor import osm FILE ... --out DIR`` (docs/osm.md)."""

from __future__ import annotations

import argparse
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from corridor.cli.args import EXIT_OK
from corridor.errors import InputError, OutputError
from corridor.outputs import Output, check_outputs, publish_folder, staged_folder
from geodata import bundled_data_dir
from geodata.records import ROAD_CLASSES, RoadClass

__all__ = ["DEFAULT_HIGHWAYS", "DEFAULT_SNAP_KM", "cmd_import_osm", "highway_classes"]

DEFAULT_HIGHWAYS = ",".join(ROAD_CLASSES)
# A curated place farther than this from every imported road is left out (and listed).
DEFAULT_SNAP_KM = 15.0
# The report lists this many left-out records per kind on the terminal; the file has them all.
_SHOWN = 5


def highway_classes(text: str) -> list[RoadClass]:
    """Return the road classes of ``--highways`` (``_link`` roads come with their class).

    Examples
    --------
    >>> highway_classes("trunk, motorway,trunk")
    ['trunk', 'motorway']

    """
    classes: list[RoadClass] = []
    for word in (w.strip().lower() for w in text.split(",")):
        match = next((c for c in ROAD_CLASSES if c == word.removesuffix("_link")), None)
        if match is None:
            msg = (
                f"--highways: unknown highway class {word!r}; use a comma-separated list of "
                f"{DEFAULT_HIGHWAYS} (their _link roads are kept with them)"
            )
            raise InputError(msg)
        if match not in classes:
            classes.append(match)
    return classes


def _guard(out: Path, inputs: Sequence[Path], folders: Sequence[Path]) -> None:
    """Refuse an output folder that is an input, holds one, or lies in a curated dataset."""
    for source in inputs:
        if source.resolve().parent.is_relative_to(out.resolve()):
            msg = (
                f"--out {out} holds an input of this run ({source}) and would be replaced; "
                "write the import into another folder"
            )
            raise OutputError(msg)
    check_outputs([Output("--out", out, "dataset")], inputs=inputs, folders=folders)


def _listing(label: str, items: Sequence[Any], key: str | None) -> str:
    """Return one line: how many ``items`` (records, or ids when ``key`` is None), a few named."""
    shown = ", ".join(str(item if key is None else item[key]) for item in items[:_SHOWN])
    more = f" and {len(items) - _SHOWN} more" if len(items) > _SHOWN else ""
    return f"  {label}: {len(items)}" + (f" ({shown}{more})" if items else "")


def _print_report(report: Mapping[str, Any], out: Path, seconds: float) -> None:
    crossings, places = report["crossings"], report["places"]
    print(
        f"imported {report['sections']} road sections ({report['km']} km, "
        f"{report['oneway_sections']} one-way), {report['junctions']} junctions into {out} "
        f"in {seconds:.1f} s"
    )
    print(_listing("crossings matched to curated ones", crossings["matched"], "id"))
    print(
        _listing(
            "posts matching no curated crossing (status unknown)", crossings["unmatched"], "id"
        )
    )
    print(_listing("curated crossings with no post found", crossings["curated_without_post"], None))
    print(_listing("posts away from any border road", crossings["posts_away_from_borders"], "post"))
    unposted = report["ways_crossing_a_border_without_post"]
    print(_listing("ways crossing a border with no post (cut there)", unposted, "way"))
    print(f"  places snapped: {places['snapped']}, OSM towns added: {places['towns']}")
    print(_listing("places left out (too far from the roads)", places["left_out"], "id"))
    print(f"  full report: {out / 'import_report.json'}")


def cmd_import_osm(args: argparse.Namespace) -> int:
    """Import OpenStreetMap extracts into a dataset directory that every command accepts."""
    # Reading, checking and writing datasets: loaded only when an import runs.
    from geodata.importing import import_osm
    from geodata.load import check_dataset, load_dataset
    from geodata.validate import summary
    from geodata.writing import write_dataset

    started = time.perf_counter()
    classes = highway_classes(args.highways)
    if not 0 < args.snap_km <= 100:
        msg = f"--snap-km is {args.snap_km:g}; give a distance in km above 0, at most 100"
        raise InputError(msg)
    curated = load_dataset(args.data, use_cache=not args.no_cache)
    paths = [Path(f) for f in args.files]
    out = Path(args.out)
    _guard(out, [*paths, *curated.files], [curated.path, bundled_data_dir()])
    imported = import_osm(
        paths, curated=curated, classes=classes, towns=args.towns, snap_km=args.snap_km
    )
    with staged_folder(out, folder=True) as scratch:
        write_dataset(scratch, imported)
        # The import leaves out whatever would break a rule; checking it here proves that, and
        # remembers the pass so that the first command on the folder does not check it again.
        dataset = check_dataset(scratch, use_cache=not args.no_cache)
        publish_folder(scratch, out)
    _print_report(imported.report, out, time.perf_counter() - started)
    print(f"ok: {out}: {summary(dataset)}")
    return EXIT_OK


def add_import_parser(commands: Any) -> None:
    """Add ``import osm`` to the command line's sub-commands."""
    imp = commands.add_parser("import", help="build a dataset from other data (OpenStreetMap)")
    kinds = imp.add_subparsers(dest="source", required=True, metavar="SOURCE")
    osm = kinds.add_parser("osm", help="road network and border posts from OSM extracts")
    osm.set_defaults(handler="imports:cmd_import_osm")
    osm.add_argument("files", nargs="+", metavar="FILE", help=".osm.pbf or .osm extract(s)")
    osm.add_argument("--out", required=True, metavar="DIR", help="dataset folder to write")
    osm.add_argument(
        "--highways",
        default=DEFAULT_HIGHWAYS,
        metavar="CLASS,...",
        help=f"road classes to keep, with their _link roads (default: {DEFAULT_HIGHWAYS})",
    )
    osm.add_argument(
        "--data",
        metavar="CURATED_DIR",
        help="curated dataset whose crossings, timelines, places and outlines are used "
        "(default: bundled data)",
    )
    osm.add_argument("--no-cache", action="store_true", help="check everything again")
    osm.add_argument(
        "--towns", action="store_true", help="also add OSM place=city|town nodes as places"
    )
    osm.add_argument(
        "--snap-km",
        type=float,
        default=DEFAULT_SNAP_KM,
        metavar="KM",
        help=f"leave out curated places farther from the roads (default: {DEFAULT_SNAP_KM:g})",
    )
