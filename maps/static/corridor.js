/* corridor map layers: every data-derived string is set as text, never parsed as HTML. */
(function () {
  "use strict";

  // Glyphs, labels and route colours come from Python (maps/style.py), injected before this.
  var STATUS = window.corridorStyle.status;
  var ROAD_WEIGHT = { motorway: 4, trunk: 3, primary: 2.5, secondary: 2 };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(String(url || "")) ? String(url) : null;
  }

  function popup(props) {
    var box = el("div", null, "corridor-popup");
    box.appendChild(el("strong", props.title));
    (props.lines || []).forEach(function (line) {
      box.appendChild(el("div", line));
    });
    (props.links || []).forEach(function (link) {
      var href = safeUrl(link.url);
      if (!href) return;
      var a = el("a", link.label || href);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      box.appendChild(el("div")).appendChild(a);
    });
    return box;
  }

  function crossingMarker(feature, latlng) {
    var status = STATUS[feature.properties.status] ? feature.properties.status : "unknown";
    var badge = el("span", STATUS[status].glyph, "corridor-crossing corridor-" + status);
    badge.setAttribute("role", "img");
    badge.setAttribute("aria-label", feature.properties.title + ": " + STATUS[status].label);
    var icon = L.divIcon({ html: badge, className: "corridor-crossing-icon",
                           iconSize: [26, 26], iconAnchor: [13, 13] });
    return L.marker(latlng, { icon: icon, keyboard: true, title: feature.properties.title,
                              zIndexOffset: 1000 });
  }

  function placeMarker(feature, latlng) {
    var big = feature.properties.kind === "capital" || feature.properties.kind === "city";
    var marker = L.circleMarker(latlng, {
      radius: feature.properties.kind === "capital" ? 7 : big ? 5 : 3.5,
      color: "#24292f", weight: 1.5, fillColor: big ? "#ffffff" : "#57606a", fillOpacity: 1
    });
    if (big || feature.properties.on_route) {
      marker.bindTooltip(el("span", feature.properties.title), {
        permanent: true, direction: "right", className: "corridor-label", offset: [6, 0]
      });
    }
    return marker;
  }

  function lineStyle(feature) {
    var p = feature.properties;
    if (p.layer === "route") {
      return { color: p.color, weight: 6, opacity: 0.9, dashArray: p.dash || null,
               lineCap: "round" };
    }
    if (p.layer === "area") {
      return { color: "#cf222e", weight: 2, dashArray: "6 4", fillColor: "#cf222e",
               fillOpacity: 0.15 };
    }
    return { color: "#8c959f", weight: ROAD_WEIGHT[p.road_class] || 2, opacity: 0.8 };
  }

  function layer(kind, data) {
    if (kind === "countries") {
      // Offline background: outlines drawn under everything, never in the way of a click.
      return L.geoJSON(data, { interactive: false, style: function () {
        return { color: "#6e7781", weight: 1, dashArray: "4 3", fillColor: "#ffffff",
                 fillOpacity: 0.75 };
      } });
    }
    return L.geoJSON(data, {
      pointToLayer: kind === "crossings" ? crossingMarker : placeMarker,
      style: lineStyle,
      onEachFeature: function (feature, lyr) {
        lyr.bindPopup(popup(feature.properties), { maxWidth: 320 });
      }
    });
  }

  function basemap(map, url, attribution) {
    // Tiles are the only thing that needs the network; offline, the map stays request-free.
    if (!navigator.onLine) return;
    L.tileLayer(url, { attribution: attribution, maxZoom: 18, opacity: 0.55 }).addTo(map).bringToBack();
  }

  // The part of the map no box covers: a box along the left or right (wide screens; right in
  // Arabic) or the bottom (phones) is kept clear by padding on whichever side leaves the
  // larger free area.
  function clearArea(map) {
    var size = map.getSize(), frame = map.getContainer().getBoundingClientRect();
    var pad = { top: 10, left: 10, bottom: 10, right: 10 };
    var panel = document.getElementById("corridor-panel");
    if (panel) {
      var r = panel.getBoundingClientRect();
      var left = r.right - frame.left, right = frame.right - r.left, bottom = frame.bottom - r.top;
      var side = Math.max(size.x - left, size.x - right) * size.y;
      if (side >= size.x * (size.y - bottom)) {
        if (left <= right) pad.left = left + 10; else pad.right = right + 10;
      } else {
        pad.bottom = bottom + 10;
      }
    }
    var legend = document.getElementById("corridor-legend");
    if (legend && pad.bottom > 10) {  // on a phone the legend sits at the top
      pad.top = Math.max(pad.top, legend.getBoundingClientRect().bottom - frame.top + 10);
    }
    return pad;
  }

  // Fit lat/lon bounds into the clear area, never closer than a regional view.
  function fit(map, bounds) {
    var pad = clearArea(map);
    map.fitBounds(bounds, { paddingTopLeft: [pad.left, pad.top],
                            paddingBottomRight: [pad.right, pad.bottom], maxZoom: 10 });
  }

  window.corridor = { layer: layer, basemap: basemap, el: el, safeUrl: safeUrl, fit: fit,
                      clearArea: clearArea };
})();
