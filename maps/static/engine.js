/* corridor route engine: a plain Dijkstra over what Python computed, with no rules of its own.
 *
 * The data says, for every crossing, mode and direction, its status from each date on
 * (`timelines`, one letter per entry of `dates`), which statuses a route may pass
 * (`passable`), which cost each choice of weight and traffic minimises (`costKey`), and for
 * every directed step its cost for each cost it may be used for (`cost`; border delay
 * included), its length, time and their ranges, the crossings and directions it passes
 * (`gates`) and the road pieces it runs along (`path`: [road, backwards] pairs). A step is a
 * road of the network, or on a big network a leg of the portal overlay (usable for each
 * cost it is shortest for). No DOM: the browser tests call it directly with generated
 * networks and compare it with the Python engine.
 */
(function (root) {
  "use strict";

  var has = Object.prototype.hasOwnProperty;

  // The last entry of the sorted `dates` on or before `date` (dates[0] is before every event).
  function dateIndex(dates, date) {
    var lo = 0, hi = dates.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (dates[mid] <= date) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // Python packs the steps as rows under one list of field names, figures per traffic as
  // lists in the order of `modes`, the costs a step is used for as bits (its cost is its
  // length or its time for one traffic, `costFields` says which), and a road piece as its road's index (~index when run
  // backwards): unpack them once.
  function unpack(packed) {
    return packed.rows.map(function (row) {
      var step = {};
      packed.fields.forEach(function (field, i) { step[field] = row[i]; });
      packed.perMode.forEach(function (field) {
        var values = step[field];
        step[field] = {};
        packed.modes.forEach(function (mode, i) { step[field][mode] = values[i]; });
      });
      var used = step.cost;
      step.cost = {};
      packed.costs.forEach(function (cost, n) {
        if (!(used & (1 << n))) return;
        var where = packed.costFields[cost], value = step[where[0]];
        step.cost[cost] = where[1] ? value[where[1]] : value;
      });
      step.path = step.path.map(function (p) { return p >= 0 ? [p, false] : [~p, true]; });
      return step;
    });
  }

  function Engine(data) {
    if (!Array.isArray(data.steps)) data.steps = unpack(data.steps);
    var out = Object.create(null);
    data.steps.forEach(function (step, index) {
      (out[step.from] = out[step.from] || []).push(index);
    });
    this.data = data;
    this.out = out;
  }

  // A crossing's status for a mode and direction on a date; `forced` maps ids to open/closed.
  Engine.prototype.status = function (crossing, mode, direction, date, forced) {
    if (forced && has.call(forced, crossing)) return forced[crossing];
    var line = this.data.timelines[crossing][mode][direction];
    return this.data.codes[line.charAt(dateIndex(this.data.dates, date))];
  };

  // One word for both directions, as Python decided it for each date.
  Engine.prototype.overall = function (crossing, mode, date, forced) {
    if (forced && has.call(forced, crossing)) return forced[crossing];
    var line = this.data.timelines[crossing][mode].overall;
    return this.data.codes[line.charAt(dateIndex(this.data.dates, date))];
  };

  Engine.prototype.open = function (step, query) {
    for (var i = 0; i < step.gates.length; i++) {
      var gate = step.gates[i];
      var status = this.status(gate[0], query.mode, gate[1], query.date, query.forced);
      if (!this.data.passable[status]) return false;
    }
    return true;
  };

  function Heap() { this.items = []; }
  Heap.prototype.push = function (item) {
    var a = this.items;
    a.push(item);
    for (var i = a.length - 1; i > 0;) {
      var p = (i - 1) >> 1;
      if (a[p][0] <= a[i][0]) break;
      var t = a[p]; a[p] = a[i]; a[i] = t; i = p;
    }
  };
  Heap.prototype.pop = function () {
    var a = this.items, top = a[0], last = a.pop();
    if (a.length) {
      a[0] = last;
      for (var i = 0;;) {
        var l = 2 * i + 1, r = l + 1, m = i;
        if (l < a.length && a[l][0] < a[m][0]) m = l;
        if (r < a.length && a[r][0] < a[m][0]) m = r;
        if (m === i) break;
        var t = a[m]; a[m] = a[i]; a[i] = t; i = m;
      }
    }
    return top;
  };

  // The cheapest route for query {from, to, date, mode, by, forced}, or null when there is none.
  Engine.prototype.route = function (query) {
    var data = this.data, dist = Object.create(null), prev = Object.create(null);
    var done = Object.create(null), heap = new Heap(), key = data.costKey[query.by][query.mode];
    dist[query.from] = 0;
    heap.push([0, query.from]);
    while (heap.items.length) {
      var item = heap.pop(), u = item[1];
      if (done[u]) continue;
      done[u] = true;
      if (u === query.to) break;
      var steps = this.out[u] || [];
      for (var k = 0; k < steps.length; k++) {
        var step = data.steps[steps[k]];
        if (!has.call(step.cost, key) || !this.open(step, query)) continue;
        var d = item[0] + step.cost[key];
        if (dist[step.to] === undefined || d < dist[step.to]) {
          dist[step.to] = d;
          prev[step.to] = steps[k];
          heap.push([d, step.to]);
        }
      }
    }
    if (!done[query.to] || query.from === query.to) return null;
    var path = [];
    for (var v = query.to; v !== query.from; v = data.steps[prev[v]].from) path.unshift(prev[v]);
    return this.describe(path, query.mode);
  };

  // The sums of figures and ranges (km and hours) over the roads of `driven` and the border
  // delays of `delayed` (both lists of steps): lengths and driving times within the ranges
  // Python gave each step, border delays within data.delayRange.
  Engine.prototype.totals = function (driven, delayed, mode) {
    var data = this.data, t = { km: 0, kmLow: 0, kmHigh: 0, hours: 0, hoursLow: 0, hoursHigh: 0 };
    driven.forEach(function (index) {
      var step = data.steps[index];
      t.km += step.length_m / 1000;
      t.kmLow += step.length_range_m[0] / 1000;
      t.kmHigh += step.length_range_m[1] / 1000;
      t.hours += (step.time_s[mode] - step.delay_s[mode]) / 3600;
      t.hoursLow += step.driving_range_s[mode][0] / 3600;
      t.hoursHigh += step.driving_range_s[mode][1] / 3600;
    });
    delayed.forEach(function (index) {
      var delay = data.steps[index].delay_s[mode] / 3600;
      t.hours += delay;
      t.hoursLow += data.delayRange[0] * delay;
      t.hoursHigh += data.delayRange[1] * delay;
    });
    return t;
  };

  // How `route` differs from `base`, counting only the roads and the crossings they do not
  // share (as corridor.uncertainty.difference does): the change and its range in km and hours.
  Engine.prototype.difference = function (route, base, mode) {
    var data = this.data;
    function apart(a, b) {
      var roads = b.steps.map(function (i) { return data.steps[i].key; });
      var entered = b.steps.map(function (i) { return data.steps[i].to; });
      return this.totals(
        a.steps.filter(function (i) { return roads.indexOf(data.steps[i].key) < 0; }),
        a.steps.filter(function (i) { return entered.indexOf(data.steps[i].to) < 0; }),
        mode
      );
    }
    var a = apart.call(this, route, base), b = apart.call(this, base, route);
    var d = { km: a.km - b.km, kmLow: a.kmLow - b.kmHigh, kmHigh: a.kmHigh - b.kmLow,
              hours: a.hours - b.hours, hoursLow: a.hoursLow - b.hoursHigh,
              hoursHigh: a.hoursHigh - b.hoursLow };
    d.within = d.kmLow <= 0 && 0 <= d.kmHigh;
    d.timeWithin = d.hoursLow <= 0 && 0 <= d.hoursHigh;
    return d;
  };

  // Totals, crossings, countries, legs (grouped by the key Python gave each road) and line.
  Engine.prototype.describe = function (path, mode) {
    var data = this.data, crossings = [], countries = [], legs = [], coords = [];
    var nodes = [data.steps[path[0]].from], t = this.totals(path, path, mode);
    path.forEach(function (index) {
      var step = data.steps[index];
      nodes.push(step.to);
      step.countries.forEach(function (country) {
        if (countries[countries.length - 1] !== country) countries.push(country);
      });
      if (step.gates.some(function (g) { return g[0] === step.to; })) crossings.push(step.to);
      step.path.forEach(function (piece) {
        var road = data.roads[piece[0]];
        var line = piece[1] ? road.coords.slice().reverse() : road.coords;
        coords = coords.concat(coords.length ? line.slice(1) : line);
        var last = legs[legs.length - 1];
        if (last && last.key === road.leg) {
          last.to = step.to; last.km += road.km; last.coords = last.coords.concat(line.slice(1));
        } else {
          legs.push({ key: road.leg, from: step.from, to: step.to, km: road.km, coords: line });
        }
      });
    });
    return { km: t.km, kmRange: [t.kmLow, t.kmHigh], hours: t.hours,
             hoursRange: [t.hoursLow, t.hoursHigh], crossings: crossings, countries: countries,
             legs: legs, coords: coords, path: nodes, steps: path };
  };

  root.corridorEngine = { Engine: Engine };
})(window);
