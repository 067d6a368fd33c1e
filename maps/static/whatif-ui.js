/* corridor what-if page: language, place labels, search, play, legend, data and layout.
 *
 * Words come from maps/words.py (data.words), names from the dataset: every one is set as
 * text. whatif.js owns the state and the route; this file calls back into it (`app`).
 */
(function () {
  "use strict";

  var el = corridor.el;
  var RANK = { capital: 0, city: 1, town: 2 };
  // Labels appear by zoom: capitals always, cities from a middle zoom, towns close in.
  var LABEL_ZOOM = { capital: 0, city: 6.5, town: 8 };
  var PHONE = 600;

  function byId(id) { return document.getElementById(id); }

  function phone() { return window.innerWidth <= PHONE; }

  function overlaps(a, b) {
    return a.left < b.right + 2 && b.left < a.right + 2 && a.top < b.bottom + 2 && b.top < a.bottom + 2;
  }

  // ----- place markers and their labels ---------------------------------------------------
  function placeMarkers(app) {
    var data = app.data;
    app.labels = data.places.filter(function (p) { return p.kind !== "junction"; })
      .map(function (p) {
        var node = data.nodes[p.id], big = p.kind === "capital" || p.kind === "city";
        var marker = L.circleMarker([node[1], node[0]], {
          radius: p.kind === "capital" ? 7 : big ? 5 : 3.5, color: "#24292f", weight: 1.5,
          fillColor: big ? "#ffffff" : "#57606a", fillOpacity: 1 });
        marker.bindPopup(function () { return placeBox(app, p); }, { maxWidth: 320 });
        marker.bindTooltip(el("span", ""), { permanent: true, direction: "right",
                                             className: "corridor-label", offset: [6, 0] });
        app.placesLayer.addLayer(marker);
        return { place: p, marker: marker };
      })
      .sort(function (a, b) { return (RANK[a.place.kind] || 3) - (RANK[b.place.kind] || 3); });
  }

  function placeBox(app, p) {
    var node = app.data.nodes[p.id], box = el("div", null, "corridor-popup");
    box.appendChild(el("strong", app.name(p.id)));
    [node[4], node[3], p.kind + ", " + node[2], p.aliases.join(", ")].forEach(function (line) {
      if (line && line !== app.name(p.id)) box.appendChild(el("div", line));
    });
    var href = corridor.safeUrl(p.source[1]);
    if (href) {
      var a = el("a", p.source[0] || href);
      a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
      box.appendChild(el("div")).appendChild(a);
    }
    return box;
  }

  // Show the labels the zoom allows, most important first, skipping any that would collide.
  function declutter(app) {
    var zoom = app.map.getZoom(), rtl = app.state().lang === "ar", frame;
    var ends = [app.state().from, app.state().to];
    var first = app.labels.filter(function (l) { return ends.indexOf(l.place.id) >= 0; });
    var open = first.concat(app.labels.filter(function (l) { return first.indexOf(l) < 0; }))
      .filter(function (l) {
      var allowed = zoom >= (LABEL_ZOOM[l.place.kind] === undefined ? 99 : LABEL_ZOOM[l.place.kind]);
      var tip = l.marker.getTooltip();
      tip.options.direction = rtl ? "left" : "right";
      tip.options.offset = L.point(rtl ? -6 : 6, 0);
      l.marker.closeTooltip();
      if (!allowed) return false;
      tip.setContent(el("span", app.name(l.place.id)));
      l.marker.openTooltip();
      tip.update();  // an open tooltip keeps its old side until updated
      return true;
    });
    frame = app.map.getContainer().getBoundingClientRect();
    var kept = [];
    function fits(rect) {
      return rect.left >= frame.left && rect.right <= frame.right && rect.top >= frame.top &&
             rect.bottom <= frame.bottom && !kept.some(function (k) { return overlaps(k, rect); });
    }
    open.forEach(function (l) {
      var tip = l.marker.getTooltip(), rect = tip.getElement().getBoundingClientRect();
      if (!fits(rect)) {  // try the other side of the dot
        tip.options.direction = rtl ? "right" : "left";
        tip.options.offset = L.point(rtl ? 6 : -6, 0);
        tip.update();
        rect = tip.getElement().getBoundingClientRect();
      }
      if (fits(rect)) kept.push(rect); else l.marker.closeTooltip();
    });
  }

  // ----- layout: popups, scale bar, fitting the route --------------------------------------
  // The free part of the map, clear of the panel, the legend and (on a phone) the zoom buttons.
  function freeArea(app) {
    var pad = corridor.clearArea(app.map), zoom = document.querySelector(".leaflet-control-zoom");
    // Offsets, not the box on screen: an opening popup may scroll the map's box for a moment.
    if (zoom && phone()) pad.left = Math.max(pad.left, zoom.offsetParent.offsetLeft + zoom.offsetLeft + zoom.offsetWidth + 8);
    return pad;
  }

  function placeScale(app) {
    var corner = document.querySelector(".leaflet-bottom.leaflet-left");
    if (!corner) return;
    corner.style.bottom = "";
    var pad = corridor.clearArea(app.map);
    if (pad.bottom > 10) corner.style.bottom = (pad.bottom - 6) + "px";
  }

  function popups(app) {
    app.map.on("popupopen", function (e) {
      if (phone()) byId("corridor-legend").open = false;
      var pad = freeArea(app), size = app.map.getSize();
      e.popup.options.maxWidth = Math.max(160, Math.min(360, size.x - pad.left - pad.right - 24));
      e.popup.options.autoPanPaddingTopLeft = L.point(pad.left, pad.top);
      e.popup.options.autoPanPaddingBottomRight = L.point(pad.right, pad.bottom);
      e.popup._autopanning = false;  // Leaflet 1.9 skips the second pan of an opening popup
      e.popup.update();
    });
  }

  // After the summary shows the new route: move the map in the next frame, so that reading
  // the layout for the fit does not hold up the answer.
  function routed(app, bounds, key) {
    if (app.frame) cancelAnimationFrame(app.frame);
    app.frame = requestAnimationFrame(function () {
      app.frame = null;
      placeScale(app);
      if (key === app.fitted) return;
      app.fitted = key;
      // Leaflet ignores a new view while it still animates a zoom: fit when that ends.
      var fit = function () { corridor.fit(app.map, bounds.pad(0.06)); };  // room for labels
      if (app.map._animatingZoom) app.map.once("zoomend", fit); else fit();
    });
  }

  // ----- search --------------------------------------------------------------------------
  function fold(text) {
    return String(text).normalize("NFKD").toLowerCase()
      .replace(/[\u0300-\u036f\u064b-\u065f\u0640]/g, "").replace(/[^\p{L}\p{N}]+/gu, "");
  }

  function matches(app, query) {
    var q = fold(query), data = app.data;
    if (!q) return [];
    return data.places.filter(function (p) {
      var node = data.nodes[p.id];
      return p.keys.concat([node[3], node[4]], p.aliases).some(function (n) {
        return n && fold(n).indexOf(q) >= 0;
      });
    }).sort(function (a, b) { return (RANK[a.kind] || 3) - (RANK[b.kind] || 3); }).slice(0, 8);
  }

  function choose(app, end, id) {
    app.addPicker(id);
    byId(end === "from" ? "corridor-origin" : "corridor-destination").value = id;
    byId("corridor-search").value = "";
    byId("corridor-search-results").textContent = "";
    app.update();
  }

  function search(app) {
    var input = byId("corridor-search"), list = byId("corridor-search-results");
    input.addEventListener("input", function () {
      list.textContent = "";
      var found = matches(app, input.value);
      if (input.value && !found.length) list.appendChild(el("li", app.t("noMatch"), "muted"));
      found.forEach(function (p) {
        var li = el("li", null, "corridor-result");
        li.setAttribute("role", "option");
        li.setAttribute("data-place", p.id);
        li.appendChild(el("span", app.name(p.id) + " (" + app.data.nodes[p.id][2] + ")"));
        ["from", "to"].forEach(function (end) {
          var button = el("button", app.t(end));
          button.type = "button";
          button.setAttribute("data-end", end);
          button.addEventListener("click", function () { choose(app, end, p.id); });
          li.appendChild(button);
        });
        list.appendChild(li);
      });
    });
  }

  // ----- play through the dates ----------------------------------------------------------
  function player(app) {
    var button = byId("corridor-play"), timer = null, slider = byId("corridor-date-slider");
    function label() {
      button.textContent = app.t(timer ? "pause" : "play");
      button.setAttribute("aria-pressed", String(Boolean(timer)));
    }
    function stop() { clearInterval(timer); timer = null; label(); }
    app.stopPlay = stop;
    button.addEventListener("click", function () {
      if (timer) { stop(); return; }
      var last = app.data.eventDates.length - 1, at = Number(slider.value);
      if (at >= last) at = -1;
      timer = setInterval(function () {
        at += 1;
        app.setDateIndex(at);
        if (at >= last) stop();
      }, Number(button.getAttribute("data-interval-ms")) || 700);
      label();
    });
  }

  // ----- words: panel, legend, data section ------------------------------------------------
  function legendRows(app) {
    var box = byId("corridor-legend-rows"), style = window.corridorStyle;
    box.textContent = "";
    function row(symbol, text) {
      var div = el("div", null, "corridor-legend-row");
      div.appendChild(symbol);
      div.appendChild(document.createTextNode(text));
      box.appendChild(div);
    }
    Object.keys(style.status).forEach(function (status) {
      row(el("span", style.status[status].glyph, "corridor-crossing corridor-" + status),
          app.t("crossingIs", { status: app.t(status) }));
    });
    var road = el("span", null, "corridor-swatch");
    road.style.borderTop = "3px solid #8c959f";
    row(road, app.t("road"));
    var line = el("span", null, "corridor-swatch");
    line.style.borderTop = "5px solid " + style.routes[0].colour;
    row(line, app.t("routeLine"));
    row(el("span"), app.t("cityTown"));
  }

  function dataSection(app) {
    var facts = app.data.provenance, t = app.t, list = byId("corridor-data-sources");
    byId("corridor-data-facts").textContent = t("dataFrom", {
      dataset: facts.dataset, date: facts.newest_event ? app.ltr(facts.newest_event) : t("noneRecorded")
    }) + " " +
      (t("estimates") || facts.estimates);
    byId("corridor-data-count").textContent = t("sources", { count: facts.sources.length });
    list.textContent = "";
    facts.sources.forEach(function (source) {
      var li = el("li"), href = corridor.safeUrl(source[1]);
      if (href) {
        var a = el("a", source[0] || href);
        a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer";
        li.appendChild(a);
      } else {
        li.textContent = source[0];
      }
      list.appendChild(li);
    });
  }

  function translate(app) {
    var lang = app.state().lang, t = app.t;
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    ["corridor-panel", "corridor-legend"].forEach(function (id) {
      byId(id).dir = lang === "ar" ? "rtl" : "ltr";
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-word]"), function (node) {
      node.textContent = t(node.getAttribute("data-word"));
    });
    byId("corridor-date-slider").setAttribute("aria-label", t("timelineHelp"));
    byId("corridor-search").placeholder = t("search");
    if (app.stopPlay) byId("corridor-play").textContent = t(byId("corridor-play")
      .getAttribute("aria-pressed") === "true" ? "pause" : "play");
    legendRows(app);
    dataSection(app);
    byId("corridor-search").dispatchEvent(new Event("input"));
    if (app.labels) declutter(app);
  }

  function setup(app) {
    placeMarkers(app);
    popups(app);
    search(app);
    player(app);
    app.map.on("moveend", function () { declutter(app); });
    byId("corridor-panel").addEventListener("toggle", function () { placeScale(app); });
    window.addEventListener("resize", function () { placeScale(app); });
    // A printed page shows the legs and the sources, which the screen keeps folded.
    function unfold() {
      Array.prototype.forEach.call(document.querySelectorAll("#corridor-panel details"),
                                   function (d) { d.open = true; });
    }
    window.addEventListener("beforeprint", unfold);
    window.matchMedia("print").addEventListener("change", function (e) { if (e.matches) unfold(); });
  }

  window.corridorWhatIfUi = { setup: setup, translate: translate, routed: routed };
})();
