/* corridor what-if page: controls, link and drawing around the route engine (engine.js).
 *
 * Routing and every status come from the engine and the data Python wrote; this file only
 * reads the controls and the link, and shows the result. Every data-derived string is set as
 * text, never parsed as HTML.
 */
(function () {
  "use strict";

  var has = Object.prototype.hasOwnProperty;
  var MODES = ["freight", "passenger"], WEIGHTS = ["distance", "time"];

  function byId(id) { return document.getElementById(id); }

  function fixed(digits) { return function (x) { return x.toFixed(digits); }; }

  function signed(x, digits) { return (x >= 0 ? "+" : "") + x.toFixed(digits); }

  // "-63/+195" (or "±20" when both sides round alike), as corridor.phrases says it.
  function spread(value, range) {
    var below = Math.round(value - range[0]), above = Math.round(range[1] - value);
    return below === above ? "\u00b1" + below : "-" + below + "/+" + above;
  }

  function realDate(value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var parsed = new Date(value + "T00:00:00Z");
    return !isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }

  // Read the link's fragment; a bad part is named in `problems` and left at its default.
  function readHash(data, hash) {
    var state = { from: data.defaults.from, to: data.defaults.to, date: data.asOf,
                  mode: "freight", by: "distance", forced: Object.create(null) };
    var problems = [], pickable = Object.create(null), switchable = Object.create(null);
    data.pickers.forEach(function (id) { pickable[id] = true; });
    data.crossings.forEach(function (c) { switchable[c.id] = true; });
    (hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf("="), key, value;
      try {
        key = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
        value = decodeURIComponent(eq < 0 ? "" : part.slice(eq + 1));
      } catch (err) {
        problems.push("could not read '" + part + "'");
        return;
      }
      if (key === "from" || key === "to") {
        if (has.call(pickable, value)) state[key] = value;
        else problems.push(key + "=" + value + " is not a place on this map");
      } else if (key === "date") {
        if (realDate(value)) state.date = value;
        else problems.push("date=" + value + " is not a date (use YYYY-MM-DD)");
      } else if (key === "mode") {
        if (MODES.indexOf(value) >= 0) state.mode = value;
        else problems.push("mode=" + value + " is not freight or passenger");
      } else if (key === "by") {
        if (WEIGHTS.indexOf(value) >= 0) state.by = value;
        else problems.push("by=" + value + " is not distance or time");
      } else if (key === "closed" || key === "opened") {
        value.split(",").filter(Boolean).forEach(function (id) {
          if (has.call(switchable, id)) state.forced[id] = key === "closed" ? "closed" : "open";
          else problems.push(key + "=" + id + " is not a crossing on this map");
        });
      } else {
        problems.push("'" + key + "' is not part of a corridor link");
      }
    });
    return { state: state, problems: problems };
  }

  function writeHash(state) {
    var closed = [], opened = [];
    Object.keys(state.forced).sort().forEach(function (id) {
      (state.forced[id] === "closed" ? closed : opened).push(id);
    });
    var parts = ["from=" + encodeURIComponent(state.from), "to=" + encodeURIComponent(state.to),
                 "date=" + state.date, "mode=" + state.mode, "by=" + state.by];
    if (closed.length) parts.push("closed=" + closed.map(encodeURIComponent).join(","));
    if (opened.length) parts.push("opened=" + opened.map(encodeURIComponent).join(","));
    history.replaceState(null, "", "#" + parts.join("&"));
  }

  function start(map, data) {
    var engine = new corridorEngine.Engine(data), el = corridor.el, style = window.corridorStyle;
    var read = readHash(data, location.hash), state = read.state;
    var routeLayer = L.layerGroup().addTo(map), markers = {};
    // Fit the region beside the panel on a wide screen, above it on a phone.
    var wide = window.innerWidth > 600;
    map.fitBounds(data.roads.reduce(function (b, r) { return b.extend(r.coords.map(function (p) {
      return [p[1], p[0]]; })); }, L.latLngBounds([])),
      { paddingTopLeft: wide ? [500, 10] : [0, 0],
        paddingBottomRight: wide ? [10, 10] : [0, Math.round(window.innerHeight * 0.45)] });

    function name(id) { return data.nodes[id][3]; }

    function showProblems(problems) {
      var box = byId("corridor-message");
      box.textContent = problems.length
        ? "This link has a part the map cannot use, shown with its defaults instead: " +
          problems.join("; ") + "."
        : "";
      box.hidden = !problems.length;
    }

    function fillSelect(select) {
      data.pickers.forEach(function (id) {
        var option = el("option", name(id));
        option.value = id;
        select.appendChild(option);
      });
    }
    fillSelect(byId("corridor-origin"));
    fillSelect(byId("corridor-destination"));

    function passableAnyWay(c) {
      return data.passable[engine.status(c.id, state.mode, "a_to_b", state.date, null)] ||
             data.passable[engine.status(c.id, state.mode, "b_to_a", state.date, null)];
    }

    var list = byId("corridor-crossing-list");
    data.crossings.forEach(function (c) {
      var row = el("label", null, "corridor-crossing-row");
      var box = el("input");
      box.type = "checkbox";
      box.setAttribute("data-crossing", c.id);
      box.addEventListener("change", function () {
        if (box.checked === passableAnyWay(c)) delete state.forced[c.id];
        else state.forced[c.id] = box.checked ? "open" : "closed";
        update();
      });
      row.appendChild(box);
      row.appendChild(el("span", c.name));
      row.appendChild(el("span", "", "corridor-status-text"));
      list.appendChild(row);

      // A div icon from the start: Leaflet's default icon would fetch an image file.
      var marker = L.marker([c.lat, c.lon], { icon: L.divIcon({ className: "corridor-crossing-icon" }),
                                              keyboard: true, title: c.name, zIndexOffset: 1000 });
      marker.bindPopup(function () { return historyBox(c); }, { maxWidth: 360 });
      marker.addTo(map);
      markers[c.id] = marker;
    });

    function historyBox(c) {
      var box = el("div", null, "corridor-popup");
      box.appendChild(el("strong", c.name));
      box.appendChild(el("div", c.nameA + " (" + c.a + ") - " + c.nameB + " (" + c.b + ")"));
      var ol = el("ol", null, "corridor-history");
      c.history.forEach(function (e) {
        var li = el("li", e.date + (e.precision === "day" ? "" : " (~" + e.precision + ")") + ": " +
                    e.status + " (" + e.mode + ", " + e.direction.replace("_to_", " to ") + ")" +
                    (e.note ? " - " + e.note : ""));
        var href = corridor.safeUrl(e.url);
        if (href) {
          var a = el("a", " [" + (e.title || "source") + "]");
          a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
          li.appendChild(a);
        }
        ol.appendChild(li);
      });
      box.appendChild(ol);
      return box;
    }

    function setControls() {
      byId("corridor-origin").value = state.from;
      byId("corridor-destination").value = state.to;
      byId("corridor-date").value = state.date;
      byId("corridor-mode").value = state.mode;
      byId("corridor-by").value = state.by;
      var slider = byId("corridor-date-slider");
      slider.value = Math.max(0, data.eventDates.filter(function (d) { return d <= state.date; }).length - 1);
    }

    function update() {
      state.from = byId("corridor-origin").value;
      state.to = byId("corridor-destination").value;
      state.mode = byId("corridor-mode").value;
      state.by = byId("corridor-by").value;
      var date = byId("corridor-date").value;
      if (realDate(date)) state.date = date;
      writeHash(state);

      data.crossings.forEach(function (c) {
        var status = engine.overall(c.id, state.mode, state.date, state.forced);
        var look = style.status[status];
        var badge = el("span", look.glyph, "corridor-crossing corridor-" + status);
        badge.setAttribute("aria-label", c.name + ": " + look.label);
        markers[c.id].setIcon(L.divIcon({ html: badge, className: "corridor-crossing-icon",
                                          iconSize: [26, 26], iconAnchor: [13, 13] }));
        var box = document.querySelector('input[data-crossing="' + CSS.escape(c.id) + '"]');
        box.checked = has.call(state.forced, c.id) ? state.forced[c.id] === "open" : passableAnyWay(c);
        box.parentNode.querySelector(".corridor-status-text").textContent =
          status + (has.call(state.forced, c.id) ? " (set here)" : "");
      });

      var summary = byId("corridor-summary");
      routeLayer.clearLayers();
      summary.textContent = "";
      var legs = byId("corridor-legs");
      legs.textContent = "";
      var query = { from: state.from, to: state.to, date: state.date, mode: state.mode,
                    by: state.by, forced: state.forced };
      if (state.from === state.to) {
        summary.setAttribute("data-no-route", "true");
        summary.appendChild(el("p", "Pick two different places."));
        return;
      }
      var route = engine.route(query);
      var base = engine.route({ from: state.from, to: state.to, date: state.date, mode: state.mode,
                                by: state.by, forced: null });
      if (!route) {
        summary.setAttribute("data-no-route", "true");
        summary.setAttribute("data-distance-km", "");
        summary.setAttribute("data-time-h", "");
        summary.setAttribute("data-crossings", "");
        summary.appendChild(el("p", "No route from " + name(state.from) + " to " + name(state.to) +
                                " with these crossings on " + state.date + ".", "noroute"));
        return;
      }
      summary.removeAttribute("data-no-route");
      summary.setAttribute("data-distance-km", route.km.toFixed(1));
      summary.setAttribute("data-distance-range-km", route.kmRange.map(fixed(1)).join(","));
      summary.setAttribute("data-time-h", route.hours.toFixed(2));
      summary.setAttribute("data-time-range-h", route.hoursRange.map(fixed(2)).join(","));
      summary.setAttribute("data-crossings", route.crossings.join(","));
      summary.appendChild(el("p", name(state.from) + " \u2192 " + name(state.to) + ": " +
                              Math.round(route.km) + " km (" + spread(route.km, route.kmRange) +
                              "), " + route.hours.toFixed(1) + " h (" +
                              route.hoursRange.map(fixed(1)).join("-") + " h)"));
      summary.appendChild(el("p", "Crossings: " + (route.crossings.map(name).join(", ") || "none")));
      summary.appendChild(el("p", "Countries: " + route.countries.join(" > ")));
      var change = "no recorded-status route to compare with";
      summary.removeAttribute("data-within-uncertainty");
      if (base) {
        var d = engine.difference(route, base, state.mode);
        change = signed(d.km, 0) + " km" + (d.within ? " (within uncertainty " + signed(d.kmLow, 0) +
                 " to " + signed(d.kmHigh, 0) + " km: the routes are about equal)" : "") + ", " +
                 signed(d.hours, 1) + " h" + (d.timeWithin ? " (within uncertainty)" : "") +
                 " against every crossing as recorded";
        summary.setAttribute("data-within-uncertainty", String(d.within));
      }
      summary.appendChild(el("p", "Change: " + change, "muted"));
      summary.appendChild(el("p", data.estimates, "muted"));
      route.legs.forEach(function (leg) {
        legs.appendChild(el("li", leg.key + " " + name(leg.from) + " - " + name(leg.to) + ": " +
                            Math.round(leg.km) + " km"));
      });
      L.polyline(route.coords.map(function (p) { return [p[1], p[0]]; }),
                 { color: style.routes[0].colour, weight: 6, opacity: 0.9 }).addTo(routeLayer);
    }

    ["corridor-origin", "corridor-destination", "corridor-mode", "corridor-by", "corridor-date"]
      .forEach(function (id) { byId(id).addEventListener("change", update); });
    var slider = byId("corridor-date-slider");
    slider.min = 0;
    slider.max = data.eventDates.length - 1;
    slider.addEventListener("input", function () {
      byId("corridor-date").value = data.eventDates[Number(slider.value)];
      update();
    });
    byId("corridor-copy-link").addEventListener("click", function () {
      var button = this;
      var done = function () { button.textContent = "Link copied"; };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(location.href).then(done, function () { button.textContent = location.href; });
      } else {
        button.textContent = location.href;
      }
    });
    // A pasted link applies at once, without a reload.
    window.addEventListener("hashchange", function () {
      var again = readHash(data, location.hash);
      state = again.state;
      showProblems(again.problems);
      setControls();
      update();
    });
    showProblems(read.problems);
    setControls();
    update();
  }

  window.corridorWhatIf = { start: start };
})();
