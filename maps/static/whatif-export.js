/* corridor what-if page: take the answer away as GeoJSON (route and legs) or CSV (legs).
 *
 * Files are made in the browser from the route on screen (Blob + <a download>); nothing is
 * sent anywhere. CSV cells that a spreadsheet would read as a formula are prefixed with '.
 */
(function () {
  "use strict";

  function byId(id) { return document.getElementById(id); }

  function save(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function round(x, digits) { return Number(x.toFixed(digits)); }

  // What the route was asked for: the same for the line, every leg and every CSV row.
  function context(app) {
    var s = app.state();
    return { from: s.from, to: s.to, date: s.date, mode: s.mode, weight: s.by,
             closed: Object.keys(s.forced).filter(function (id) { return s.forced[id] === "closed"; }),
             opened: Object.keys(s.forced).filter(function (id) { return s.forced[id] === "open"; }) };
  }

  function legFeatures(app) {
    var data = app.data, at = 0;
    return app.route.legs.map(function (leg) {
      var a = data.nodes[leg.from], b = data.nodes[leg.to];
      at += 1;
      return { type: "Feature", geometry: { type: "LineString", coordinates: leg.coords },
               properties: { leg: at, road: leg.key, from: leg.from, from_name: a[3],
                             to: leg.to, to_name: b[3], km: round(leg.km, 1) } };
    });
  }

  function geojson(app) {
    var route = app.route, data = app.data;
    var props = context(app);
    props.km = round(route.km, 1);
    props.km_range = route.kmRange.map(function (x) { return round(x, 1); });
    props.hours = round(route.hours, 2);
    props.hours_range = route.hoursRange.map(function (x) { return round(x, 2); });
    props.crossings = route.crossings.slice();
    props.crossing_names = route.crossings.map(function (id) { return data.nodes[id][3]; });
    props.countries = route.countries.slice();
    var line = { type: "Feature", geometry: { type: "LineString", coordinates: route.coords },
                 properties: Object.assign({ kind: "route" }, props) };
    var legs = legFeatures(app).map(function (f) {
      f.properties = Object.assign({ kind: "leg", date: props.date, mode: props.mode,
                                     weight: props.weight }, f.properties);
      return f;
    });
    return JSON.stringify({ type: "FeatureCollection", features: [line].concat(legs) }, null, 1);
  }

  // One CSV cell: quoted when needed; a leading = + - @ (or tab, CR) is defused with '.
  function cell(value) {
    var text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csv(app) {
    var c = context(app), rows = [["date", "mode", "weight", "leg", "road", "from", "to", "km"]];
    legFeatures(app).forEach(function (f) {
      var p = f.properties;
      rows.push([c.date, c.mode, c.weight, p.leg, p.road, p.from_name, p.to_name, p.km.toFixed(1)]);
    });
    return rows.map(function (row) { return row.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  function fileName(app, ext) {
    var s = app.state();
    return ["corridor", s.from, s.to, s.date].join("-").replace(/[^\w.-]+/g, "_") + "." + ext;
  }

  function setup(app) {
    byId("corridor-download-geojson").addEventListener("click", function () {
      if (app.route) save(fileName(app, "geojson"), "application/geo+json", geojson(app));
    });
    byId("corridor-download-csv").addEventListener("click", function () {
      if (app.route) save(fileName(app, "csv"), "text/csv;charset=utf-8", csv(app));
    });
  }

  window.corridorWhatIfExport = { setup: setup, csv: csv, geojson: geojson };
})();
