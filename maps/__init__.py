"""What people see and share: self-contained interactive HTML maps and static pictures."""

from maps.picture import render_png
from maps.route_map import route_map, save_map
from maps.whatif import whatif_map

__all__ = ["render_png", "route_map", "save_map", "whatif_map"]
