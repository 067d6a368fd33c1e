/* corridor what-if page: controls, link and drawing around the route engine (engine.js).
 *
 * Routing and every status come from the engine and the data Python wrote; this file only
 * reads the controls and the link, and shows the result. Every data-derived string is set as
 * text, never parsed as HTML.
 */
(function () {
  "use strict";

  var has = Object.prototype.hasOwnProperty;
  var MODES = ["freight", "passenger"], WEIGHTS = ["distance", "time"], LANGS = ["en", "ar"];

  function byId(id) { return document.getElementById(id); }

  function fixed(digits) { return function (x) { return x.toFixed(digits); }; }

  function signed(x, digits) { return ltr((x >= 0 ? "+" : "") + x.toFixed(digits)); }

  // Figures with signs, ranges and dates keep their order inside right-to-left text.
  var rtl = false;
  function ltr(text) { return rtl ? "\u2066" + text + "\u2069" : text; }

  // "-63/+195" (or "±20" when both sides round alike), as corridor.phrases says it.
  function spread(value, range) {
    var below = Math.round(value - range[0]), above = Math.round(range[1] - value);
    return ltr(below === above ? "\u00b1" + below : "-" + below + "/+" + above);
  }

  function realDate(value) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    var parsed = new Date(value + "T00:00:00Z");
    return !isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
  }

  // Read the link's fragment; a bad part is named in `problems` and left at its default.
  function readHash(data, hash) {
    var state = { from: data.defaults.from, to: data.defaults.to, date: data.asOf,
                  mode: "freight", by: "distance", lang: "en", forced: Object.create(null) };
    var problems = [], pickable = Object.create(null), switchable = Object.create(null);
    data.pickers.concat(data.places.map(function (p) { return p.id; }))
      .forEach(function (id) { pickable[id] = true; });
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
      } else if (key === "lang") {
        if (LANGS.indexOf(value) >= 0) state.lang = value;
        else problems.push("lang=" + value + " is not en or ar");
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
    if (state.lang !== "en") parts.push("lang=" + state.lang);
    history.replaceState(null, "", "#" + parts.join("&"));
  }

  function start(map, data, placesLayer) {
    var engine = new corridorEngine.Engine(data), el = corridor.el, style = window.corridorStyle;
    var read = readHash(data, location.hash), state = read.state;
    var routeLayer = L.layerGroup().addTo(map), markers = {}, problems = read.problems;
    var app = { map: map, data: data, engine: engine, routeLayer: routeLayer, route: null,
                placesLayer: placesLayer, update: update, refresh: refresh, ltr: ltr };
    app.state = function () { return state; };
    // A word of the page's language (maps/words.py), with {name} filled from `values`.
    app.t = function (key, values) {
      var table = data.words[state.lang], word = has.call(table, key) && table[key] ? table[key]
        : data.words.en[key];
      return word.replace(/\{(\w+)\}/g, function (all, k) { return values && has.call(values, k) ? values[k] : all; });
    };
    app.name = function (id) {
      var node = data.nodes[id];
      return state.lang === "ar" && node[4] ? node[4] : node[3];
    };
    app.crossingName = function (c) { return state.lang === "ar" && c.nameAr ? c.nameAr : c.name; };
    var t = app.t, name = app.name;
    // The whole region, when there is no route to show.
    var region = data.roads.reduce(function (b, r) { return b.extend(r.coords.map(function (p) {
      return [p[1], p[0]]; })); }, L.latLngBounds([]));

    function showProblems() {
      var box = byId("corridor-message");
      box.textContent = problems.length ? t("badLink") + problems.join("; ") + "." : "";
      box.hidden = !problems.length;
    }

    // Every picker lists the pickers of the map and any place chosen by search.
    app.pickerIds = data.pickers.slice();
    app.fillPickers = function () {
      [byId("corridor-origin"), byId("corridor-destination")].forEach(function (select) {
        select.textContent = "";
        app.pickerIds.forEach(function (id) {
          var option = el("option", name(id));
          option.value = id;
          select.appendChild(option);
        });
      });
    };
    app.addPicker = function (id) {
      if (app.pickerIds.indexOf(id) < 0) { app.pickerIds.push(id); app.fillPickers(); }
    };

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
      row.appendChild(el("span", c.name, "corridor-crossing-name"));
      row.appendChild(el("span", "", "corridor-status-text"));
      list.appendChild(row);

      // A div icon from the start: Leaflet's default icon would fetch an image file.
      var marker = L.marker([c.lat, c.lon], { icon: L.divIcon({ className: "corridor-crossing-icon" }),
                                              keyboard: true, title: c.name, zIndexOffset: 1000 });
      marker.bindPopup(function () { return historyBox(c); }, { maxWidth: 360 });
      marker.addTo(map);
      markers[c.id] = marker;
    });

    // Which way an event applies, in country codes: "SY -> IQ" reads left to right in Arabic too.
    function way(c, direction) {
      if (direction === "both") return t("bothWays");
      return ltr(direction === "a_to_b" ? c.a + " \u2192 " + c.b : c.b + " \u2192 " + c.a);
    }

    function historyBox(c) {
      var box = el("div", null, "corridor-popup");
      box.appendChild(el("strong", app.crossingName(c)));
      box.appendChild(el("div", c.nameA + " (" + c.a + ") - " + c.nameB + " (" + c.b + ")"));
      var ol = el("ol", null, "corridor-history");
      c.history.forEach(function (e) {
        var li = el("li", ltr(e.date) + (e.precision === "day" ? "" : " (~" + e.precision + ")") + ": " +
                    t(e.status) + " (" + t(e.mode === "all" ? "allTraffic" : e.mode) + ", " +
                    way(c, e.direction) + ")" + (e.note ? " - " + e.note : ""));
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
      if (app.pickerIds.indexOf(state.from) < 0) app.pickerIds.push(state.from);
      if (app.pickerIds.indexOf(state.to) < 0) app.pickerIds.push(state.to);
      app.fillPickers();
      byId("corridor-origin").value = state.from;
      byId("corridor-destination").value = state.to;
      byId("corridor-date").value = state.date;
      byId("corridor-mode").value = state.mode;
      byId("corridor-by").value = state.by;
      byId("corridor-lang").value = state.lang;
      var slider = byId("corridor-date-slider");
      slider.value = Math.max(0, data.eventDates.filter(function (d) { return d <= state.date; }).length - 1);
    }

    // Redraw everything in the page's language (after a switch of language or a new link).
    function refresh() {
      state.lang = byId("corridor-lang").value;
      rtl = state.lang === "ar";
      corridorWhatIfUi.translate(app);
      app.fillPickers();
      byId("corridor-origin").value = state.from;
      byId("corridor-destination").value = state.to;
      data.crossings.forEach(function (c) {
        document.querySelector('input[data-crossing="' + CSS.escape(c.id) + '"]')
          .parentNode.querySelector(".corridor-crossing-name").textContent = app.crossingName(c);
      });
      showProblems();
      update();
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
        badge.setAttribute("aria-label", app.crossingName(c) + ": " + t(status));
        markers[c.id].setIcon(L.divIcon({ html: badge, className: "corridor-crossing-icon",
                                          iconSize: [26, 26], iconAnchor: [13, 13] }));
        var box = document.querySelector('input[data-crossing="' + CSS.escape(c.id) + '"]');
        box.checked = has.call(state.forced, c.id) ? state.forced[c.id] === "open" : passableAnyWay(c);
        box.parentNode.querySelector(".corridor-status-text").textContent =
          t(status) + (has.call(state.forced, c.id) ? " " + t("setHere") : "");
      });

      var summary = byId("corridor-summary");
      routeLayer.clearLayers();
      summary.textContent = "";
      var legs = byId("corridor-legs");
      legs.textContent = "";
      app.route = null;
      ["data-distance-km", "data-time-h", "data-crossings", "data-change-km", "data-change-h",
       "data-within-uncertainty"].forEach(function (a) { summary.removeAttribute(a); });
      summary.appendChild(el("p", t("date") + ": " + ltr(state.date) + " \u00b7 " + t(state.mode) +
                              " \u00b7 " + t("by") + " " + t(state.by), "corridor-when"));
      var query = { from: state.from, to: state.to, date: state.date, mode: state.mode,
                    by: state.by, forced: state.forced };
      if (state.from === state.to) {
        summary.setAttribute("data-no-route", "true");
        summary.appendChild(el("p", t("pickTwo")));
        corridorWhatIfUi.routed(app, region, "region");
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
        summary.appendChild(el("p", t("noRoute", { from: name(state.from), to: name(state.to),
                                                   date: ltr(state.date) }), "noroute"));
        corridorWhatIfUi.routed(app, region, "region");
        return;
      }
      app.route = route;
      summary.removeAttribute("data-no-route");
      summary.setAttribute("data-distance-km", route.km.toFixed(1));
      summary.setAttribute("data-distance-range-km", route.kmRange.map(fixed(1)).join(","));
      summary.setAttribute("data-time-h", route.hours.toFixed(2));
      summary.setAttribute("data-time-range-h", route.hoursRange.map(fixed(2)).join(","));
      summary.setAttribute("data-crossings", route.crossings.join(","));
      // Right to left, the origin is drawn on the right: the arrow points left to the end.
      summary.appendChild(el("p", name(state.from) + (rtl ? " \u2190 " : " \u2192 ") + name(state.to) + ": " +
                              Math.round(route.km) + " " + t("km") + " (" +
                              spread(route.km, route.kmRange) + "), " + route.hours.toFixed(1) +
                              " " + t("h") + " (" + ltr(route.hoursRange.map(fixed(1)).join("-")) +
                              " " + t("h") + ")", "corridor-headline"));
      summary.appendChild(el("p", t("crossings") + ": " +
                              (route.crossings.map(name).join(", ") || t("none"))));
      summary.appendChild(el("p", t("countries") + ": " + route.countries.join(" > ")));
      var change = t("noCompare");
      if (base) {
        var d = engine.difference(route, base, state.mode);
        change = signed(d.km, 0) + " " + t("km") + (d.within ? " (" + t("withinUncertainty") + " " +
                 signed(d.kmLow, 0) + " / " + signed(d.kmHigh, 0) + " " + t("km") + ": " +
                 t("aboutEqual") + ")" : "") + ", " + signed(d.hours, 1) + " " + t("h") +
                 (d.timeWithin ? " (" + t("withinUncertainty") + ")" : "") + " " +
                 t("againstRecorded");
        summary.setAttribute("data-within-uncertainty", String(d.within));
        summary.setAttribute("data-change-km", d.km.toFixed(1));
        summary.setAttribute("data-change-h", d.hours.toFixed(2));
      }
      summary.appendChild(el("p", t("change") + ": " + change, "muted corridor-change"));
      summary.appendChild(el("p", t("estimates") || data.estimates, "muted"));
      route.legs.forEach(function (leg) {
        legs.appendChild(el("li", leg.key + " " + name(leg.from) + " - " + name(leg.to) + ": " +
                            Math.round(leg.km) + " " + t("km")));
      });
      var line = L.polyline(route.coords.map(function (p) { return [p[1], p[0]]; }),
                            { color: style.routes[0].colour, weight: 6, opacity: 0.9 });
      line.addTo(routeLayer);
      corridorWhatIfUi.routed(app, line.getBounds(), route.path.join(">"));
    }

    ["corridor-origin", "corridor-destination", "corridor-mode", "corridor-by", "corridor-date"]
      .forEach(function (id) { byId(id).addEventListener("change", update); });
    byId("corridor-lang").addEventListener("change", refresh);
    var slider = byId("corridor-date-slider");
    slider.min = 0;
    slider.max = data.eventDates.length - 1;
    slider.addEventListener("input", function () {
      byId("corridor-date").value = data.eventDates[Number(slider.value)];
      update();
    });
    app.setDateIndex = function (index) {
      slider.value = index;
      byId("corridor-date").value = data.eventDates[index];
      update();
    };
    byId("corridor-copy-link").addEventListener("click", function () {
      var button = this;
      var done = function () { button.textContent = t("linkCopied"); };
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
      problems = again.problems;
      setControls();
      refresh();
    });
    setControls();
    corridorWhatIfUi.setup(app);
    corridorWhatIfExport.setup(app);
    refresh();
  }

  window.corridorWhatIf = { start: start };
})();
