"""What people see and share: self-contained interactive HTML maps."""

from maps.route_map import route_map, save_map

__all__ = ["route_map", "save_map"]
