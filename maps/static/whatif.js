/* corridor what-if map: re-route in the browser, no server, no network.
 *
 * The same rules as the Python engine (corridor.routing): a crossing's status on a date is the
 * latest event on or before it for the mode (or "all") and direction (or "both"); the most
 * specific event wins on one date, then the most cautious. Open and restricted crossings are
 * passable, closed and unknown ones are not; a checkbox forces a crossing open or closed.
 */
(function () {
  "use strict";

  var CAUTION = { open: 0, restricted: 1, closed: 2 };
  var SWITCHED = { open: "open", closed: "closed" };

  function statusOn(crossing, date, mode, direction) {
    var best = null;
    crossing.events.forEach(function (e) {
      // e: [date, status, mode, direction, precision, note, source title, url]
      if (e[0] > date) return;
      if (e[2] !== "all" && e[2] !== mode) return;
      if (e[3] !== "both" && e[3] !== direction) return;
      var rank = [e[0], (e[2] !== "all") + (e[3] !== "both"), CAUTION[e[1]]];
      if (!best || rank[0] > best.rank[0] ||
          (rank[0] === best.rank[0] && (rank[1] > best.rank[1] ||
            (rank[1] === best.rank[1] && rank[2] > best.rank[2])))) {
        best = { rank: rank, event: e };
      }
    });
    return best ? best.event : null;
  }

  function recorded(crossing, state, direction) {
    if (crossing.modes.indexOf(state.mode) < 0) return "closed";
    var event = statusOn(crossing, state.date, state.mode, direction);
    return event ? event[1] : "unknown";
  }

  function passable(crossing, state, direction, forced) {
    if (forced && forced[crossing.id]) return forced[crossing.id] === "open";
    var status = recorded(crossing, state, direction);
    return status === "open" || status === "restricted";
  }

  function Network(data) {
    var self = this;
    this.data = data;
    this.nodes = data.nodes;
    this.crossings = {};
    data.crossings.forEach(function (c) { self.crossings[c.id] = c; });
    this.out = {};
    data.roads.forEach(function (road, index) {
      [[road.from, road.to, false], [road.to, road.from, true]].forEach(function (step) {
        (self.out[step[0]] = self.out[step[0]] || []).push({ to: step[1], road: index, back: step[2] });
      });
    });
  }

  Network.prototype.direction = function (u, v) {
    // The crossing a step enters or leaves, and the direction of travel through it.
    var c = this.crossings[v], from;
    if (c) {
      from = this.nodes[u][2];
      return { crossing: c, direction: from === c.a ? "a_to_b" : "b_to_a" };
    }
    c = this.crossings[u];
    if (c) {
      var into = this.nodes[v][2];
      return { crossing: c, direction: into === c.a ? "b_to_a" : "a_to_b" };
    }
    return null;
  };

  Network.prototype.cost = function (u, edge, state, forced) {
    var road = this.data.roads[edge.road];
    var step = this.direction(u, edge.to);
    if (step && !passable(step.crossing, state, step.direction, forced)) return null;
    if (state.by === "distance") return road.length_m;
    var seconds = state.mode === "freight" ? road.time_freight_s : road.time_s;
    if (step && this.crossings[edge.to]) seconds += step.crossing.delay[state.mode] * 3600;
    return seconds;
  };

  Network.prototype.shortest = function (from, to, state, forced) {
    // Dijkstra with a binary heap; the graph has a few hundred nodes.
    var dist = {}, prev = {}, done = {}, heap = [[0, from]], self = this;
    dist[from] = 0;
    function push(item) {
      heap.push(item);
      for (var i = heap.length - 1; i > 0;) {
        var p = (i - 1) >> 1;
        if (heap[p][0] <= heap[i][0]) break;
        var t = heap[p]; heap[p] = heap[i]; heap[i] = t; i = p;
      }
    }
    function pop() {
      var top = heap[0], last = heap.pop();
      if (heap.length) {
        heap[0] = last;
        for (var i = 0;;) {
          var l = 2 * i + 1, r = l + 1, m = i;
          if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
          if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
          if (m === i) break;
          var t = heap[m]; heap[m] = heap[i]; heap[i] = t; i = m;
        }
      }
      return top;
    }
    while (heap.length) {
      var item = pop(), u = item[1];
      if (done[u]) continue;
      done[u] = true;
      if (u === to) break;
      (this.out[u] || []).forEach(function (edge) {
        var w = self.cost(u, edge, state, forced);
        if (w === null) return;
        var d = item[0] + w;
        if (dist[edge.to] === undefined || d < dist[edge.to]) {
          dist[edge.to] = d;
          prev[edge.to] = { from: u, edge: edge };
          push([d, edge.to]);
        }
      });
    }
    if (!done[to]) return null;
    var steps = [];
    for (var v = to; v !== from; v = prev[v].from) steps.unshift({ from: prev[v].from, to: v, edge: prev[v].edge });
    return this.route(steps, state);
  };

  Network.prototype.route = function (steps, state) {
    var self = this, km = 0, driving = 0, delay = 0, crossings = [], countries = [], legs = [];
    var coords = [];
    steps.forEach(function (s) {
      var road = self.data.roads[s.edge.road];
      km += road.length_m / 1000;
      driving += (state.mode === "freight" ? road.time_freight_s : road.time_s) / 3600;
      if (self.crossings[s.to]) {
        crossings.push(s.to);
        delay += self.crossings[s.to].delay[state.mode];
      }
      var line = s.edge.back ? road.coords.slice().reverse() : road.coords;
      coords = coords.concat(coords.length ? line.slice(1) : line);
      var key = road.ref ? road.ref : road.name;
      var last = legs[legs.length - 1];
      if (last && last.key === key) {
        last.to = s.to; last.km += road.length_m / 1000;
      } else {
        legs.push({ key: key, from: s.from, to: s.to, km: road.length_m / 1000 });
      }
    });
    var path = [steps.length ? steps[0].from : null].concat(steps.map(function (s) { return s.to; }));
    path.forEach(function (n) {
      var country = self.nodes[n][2];
      if (country && countries[countries.length - 1] !== country) countries.push(country);
    });
    return { km: km, hours: driving + delay, crossings: crossings, countries: countries, legs: legs,
             coords: coords };
  };

  // ---- the page -------------------------------------------------------------------------

  function byId(id) { return document.getElementById(id); }

  function readHash(data) {
    var state = { from: data.defaults.from, to: data.defaults.to, date: data.asOf,
                  mode: "freight", by: "distance", forced: {} };
    (location.hash || "").replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("="), key = decodeURIComponent(kv[0] || ""), value = decodeURIComponent(kv[1] || "");
      if (key === "from" || key === "to") { if (data.nodes[value]) state[key] = value; }
      else if (key === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value)) state.date = value;
      else if (key === "mode" && (value === "freight" || value === "passenger")) state.mode = value;
      else if (key === "by" && (value === "distance" || value === "time")) state.by = value;
      else if ((key === "closed" || key === "opened") && value) {
        value.split(",").forEach(function (id) {
          if (data.crossings.some(function (c) { return c.id === id; })) {
            state.forced[id] = key === "closed" ? "closed" : "open";
          }
        });
      }
    });
    return state;
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
    var net = new Network(data), state = readHash(data), el = corridor.el;
    var routeLayer = L.layerGroup().addTo(map), markers = {};
    // Fit the region beside the panel on a wide screen, above it on a phone.
    var wide = window.innerWidth > 600;
    map.fitBounds(data.roads.reduce(function (b, r) { return b.extend(r.coords.map(function (p) {
      return [p[1], p[0]]; })); }, L.latLngBounds([])),
      { paddingTopLeft: wide ? [500, 10] : [0, 0],
        paddingBottomRight: wide ? [10, 10] : [0, Math.round(window.innerHeight * 0.45)] });

    function name(id) { return data.nodes[id][3]; }

    function fillSelect(select, value) {
      data.pickers.forEach(function (id) {
        var option = el("option", name(id));
        option.value = id;
        select.appendChild(option);
      });
      select.value = value;
    }
    fillSelect(byId("corridor-origin"), state.from);
    fillSelect(byId("corridor-destination"), state.to);

    var list = byId("corridor-crossing-list");
    data.crossings.forEach(function (c) {
      var row = el("label", null, "corridor-crossing-row");
      var box = el("input");
      box.type = "checkbox";
      box.setAttribute("data-crossing", c.id);
      box.addEventListener("change", function () {
        var anyWay = passable(c, state, "a_to_b", null) || passable(c, state, "b_to_a", null);
        if (box.checked === anyWay) delete state.forced[c.id];
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
      marker.bindPopup(function () { return history(c); }, { maxWidth: 360 });
      marker.addTo(map);
      markers[c.id] = marker;
    });

    function history(c) {
      var box = el("div", null, "corridor-popup");
      box.appendChild(el("strong", c.name));
      box.appendChild(el("div", c.nameA + " (" + c.a + ") - " + c.nameB + " (" + c.b + ")"));
      var ol = el("ol", null, "corridor-history");
      c.events.forEach(function (e) {
        var li = el("li", e[0] + (e[4] === "day" ? "" : " (~" + e[4] + ")") + ": " + e[1] + " (" +
                    e[2] + ", " + e[3].replace("_to_", " to ") + ")" + (e[5] ? " - " + e[5] : ""));
        if (/^https?:\/\//.test(e[7])) {
          var a = el("a", " [" + (e[6] || "source") + "]");
          a.href = e[7]; a.target = "_blank"; a.rel = "noopener noreferrer";
          li.appendChild(a);
        }
        ol.appendChild(li);
      });
      box.appendChild(ol);
      return box;
    }

    function overall(c) {
      if (state.forced[c.id]) return state.forced[c.id];
      var ab = recorded(c, state, "a_to_b"), ba = recorded(c, state, "b_to_a");
      if (ab === ba) return ab;
      if (ab === "open" || ba === "open" || ab === "restricted" || ba === "restricted") return "restricted";
      return "unknown";
    }

    var GLYPH = { open: "\u2713", restricted: "!", closed: "\u2715", unknown: "?" };

    function update() {
      state.from = byId("corridor-origin").value;
      state.to = byId("corridor-destination").value;
      state.mode = byId("corridor-mode").value;
      state.by = byId("corridor-by").value;
      var date = byId("corridor-date").value;
      if (/^\d{4}-\d{2}-\d{2}$/.test(date)) state.date = date;
      writeHash(state);

      data.crossings.forEach(function (c) {
        var status = overall(c);
        var badge = el("span", GLYPH[status], "corridor-crossing corridor-" + status);
        badge.setAttribute("aria-label", c.name + ": " + status);
        markers[c.id].setIcon(L.divIcon({ html: badge, className: "corridor-crossing-icon",
                                          iconSize: [26, 26], iconAnchor: [13, 13] }));
        var box = document.querySelector('input[data-crossing="' + CSS.escape(c.id) + '"]');
        box.checked = status === "open" || status === "restricted";
        box.parentNode.querySelector(".corridor-status-text").textContent =
          status + (state.forced[c.id] ? " (set here)" : "");
      });

      var summary = byId("corridor-summary");
      routeLayer.clearLayers();
      summary.textContent = "";
      var legs = byId("corridor-legs");
      legs.textContent = "";
      if (state.from === state.to) {
        summary.setAttribute("data-no-route", "true");
        summary.appendChild(el("p", "Pick two different places."));
        return;
      }
      var route = net.shortest(state.from, state.to, state, state.forced);
      var base = net.shortest(state.from, state.to, state, {});
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
      summary.setAttribute("data-time-h", route.hours.toFixed(2));
      summary.setAttribute("data-crossings", route.crossings.join(","));
      summary.appendChild(el("p", name(state.from) + " \u2192 " + name(state.to) + ": " +
                              Math.round(route.km) + " km, " + route.hours.toFixed(1) + " h"));
      summary.appendChild(el("p", "Crossings: " + (route.crossings.map(name).join(", ") || "none")));
      summary.appendChild(el("p", "Countries: " + route.countries.join(" > ")));
      var change = "no recorded-status route to compare with";
      if (base) {
        var dk = route.km - base.km, dh = route.hours - base.hours;
        change = (dk >= 0 ? "+" : "") + Math.round(dk) + " km, " + (dh >= 0 ? "+" : "") +
                 dh.toFixed(1) + " h against every crossing as recorded";
      }
      summary.appendChild(el("p", "Change: " + change, "muted"));
      route.legs.forEach(function (leg) {
        legs.appendChild(el("li", leg.key + " " + name(leg.from) + " - " + name(leg.to) + ": " +
                            Math.round(leg.km) + " km"));
      });
      L.polyline(route.coords.map(function (p) { return [p[1], p[0]]; }),
                 { color: "#0969da", weight: 6, opacity: 0.9 }).addTo(routeLayer);
    }

    byId("corridor-date").value = state.date;
    byId("corridor-mode").value = state.mode;
    byId("corridor-by").value = state.by;
    ["corridor-origin", "corridor-destination", "corridor-mode", "corridor-by", "corridor-date"]
      .forEach(function (id) { byId(id).addEventListener("change", update); });
    var slider = byId("corridor-date-slider");
    slider.min = 0;
    slider.max = data.dates.length - 1;
    slider.value = Math.max(0, data.dates.filter(function (d) { return d <= state.date; }).length - 1);
    slider.addEventListener("input", function () {
      byId("corridor-date").value = data.dates[Number(slider.value)];
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
    update();
  }

  window.corridorWhatIf = { start: start, Network: Network, statusOn: statusOn };
})();
