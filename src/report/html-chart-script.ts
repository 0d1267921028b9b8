/**
 * The browser-side script of the HTML report: reads the chart data embedded in the page and
 * draws it with uPlot. Every time chart joins one cursor sync group (uPlot's cursor.sync) and
 * one zoom (a drag on any chart sets the same x range on all; a double-click resets all), shares
 * the x axis 0..end formatted as m:ss (h:mm from an hour), and keeps each series' colour by
 * meaning. Legends name every line; away from the cursor they show each series' maximum instead
 * of placeholders. The cost curve draws its compute-only lines (fleet, LMI, on-demand Lambda as a
 * dashed reference) with each scenario marked on it at its compute cost. Each container gets
 * `data-drawn="true"`; the uPlot instances are exposed as `window.flashcrowdCharts[id]` for tests.
 * Kept as a string constant (it runs in the browser, not in Node).
 */

/** HTML_CHART_SCRIPT expects `uPlot` loaded and `<script id="flashcrowd-charts">` JSON. */
export const HTML_CHART_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('flashcrowd-charts').textContent);
  var charts = {};
  window.flashcrowdCharts = charts;
  var end = data.endSec;
  var INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800];
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function clock(v) {
    var s = Math.round(Math.abs(v)), sign = v < 0 ? '-' : '';
    if (end >= 3600) return sign + Math.floor(s / 3600) + ':' + two(Math.floor((s % 3600) / 60));
    return sign + Math.floor(s / 60) + ':' + two(s % 60);
  }
  function num(v) {
    if (v == null || !isFinite(v)) return '';
    var a = Math.abs(v);
    if (a >= 100) return Math.round(v).toLocaleString('en-US');
    if (a >= 1 || a === 0) return String(Math.round(v * 10) / 10);
    return String(Number(v.toPrecision(3)));
  }
  function usd(v) { return v == null ? '' : '$' + (Math.abs(v) >= 1 ? v.toFixed(2) : Number(v.toPrecision(3))); }
  function container(id) {
    var el = document.getElementById('chart-' + id);
    return el ? { el: el, width: Math.max(320, Math.min(1000, el.clientWidth || 960)) } : null;
  }
  var syncing = false;
  function syncZoom(u, key) {
    if (key !== 'x' || syncing) return;
    syncing = true;
    Object.keys(charts).forEach(function (id) {
      var other = charts[id];
      if (other !== u && other.flashcrowdTime) other.setScale('x', { min: u.scales.x.min, max: u.scales.x.max });
    });
    syncing = false;
  }
  function seriesMax(values) {
    var m = null;
    for (var i = 0; i < values.length; i++) if (values[i] != null && (m === null || values[i] > m)) m = values[i];
    return m;
  }
  data.timeCharts.forEach(function (chart) {
    var c = container(chart.id);
    if (!c) return;
    var series = [{ label: 'time', value: function (u, v) { return v == null ? '' : clock(v); } }];
    chart.series.forEach(function (s) {
      var max = seriesMax(s.values);
      var one = {
        label: s.label,
        stroke: s.color,
        width: 2,
        spanGaps: s.sampled === true,
        points: { show: false },
        value: function (u, v, si, idx) {
          if (idx == null) return max == null ? 'no data' : 'max ' + num(max) + ' ' + chart.unit;
          return v == null ? '' : num(v) + ' ' + chart.unit;
        },
      };
      if (s.dashed) one.dash = [6, 4];
      series.push(one);
    });
    var u = new uPlot({
      width: c.width,
      height: 220,
      series: series,
      scales: { x: { time: false }, y: chart.log ? { distr: 3, log: 10 } : { range: function (u, min, max) { return [0, max > 0 ? max * 1.05 : 1]; } } },
      axes: [
        { values: function (u, splits) { return splits.map(clock); }, incrs: INCRS, space: 70 },
        { label: chart.unit, size: 64, values: function (u, splits) { return splits.map(num); } },
      ],
      cursor: { sync: { key: 'flashcrowd-time', setSeries: false }, drag: { x: true, y: false } },
      legend: { live: true },
      hooks: { setScale: [syncZoom] },
    }, [chart.x].concat(chart.series.map(function (s) { return s.values; })), c.el);
    u.flashcrowdTime = true;
    charts[chart.id] = u;
    c.el.setAttribute('data-drawn', 'true');
  });
  var cost = data.costCurve;
  var cc = cost ? container('cost-curve') : null;
  if (cost && cc) {
    var xs = cost.x.slice();
    cost.marks.forEach(function (m) { if (xs.indexOf(m.utilizationPct) < 0) xs.push(m.utilizationPct); });
    xs.sort(function (a, b) { return a - b; });
    var series = [{ label: 'utilization', value: function (u, v) { return v == null ? '' : num(v) + '%'; } }];
    var lines = [];
    cost.lines.forEach(function (line) {
      var one = { label: line.label, stroke: data.colors[line.meaning], width: 2, spanGaps: true, points: { show: false },
        value: function (u, v) { return v == null ? '' : usd(v); } };
      if (line.dashed) one.dash = [6, 4];
      series.push(one);
      lines.push(xs.map(function (x) { var i = cost.x.indexOf(x); return i < 0 ? null : line.values[i]; }));
    });
    cost.marks.forEach(function (m) {
      series.push({ label: m.name + ' (' + m.basis + ')', stroke: data.colors.scenario, fill: data.colors.scenario,
        paths: function () { return null; }, points: { show: true, size: 11, fill: m.basis === 'observed' ? data.colors.scenario : '#fff' },
        value: function (u, v, si, idx) { return usd(m.costUsd) + ' at ' + num(m.utilizationPct) + '%'; } });
      lines.push(xs.map(function (x) { return x === m.utilizationPct ? m.costUsd : null; }));
    });
    charts['cost-curve'] = new uPlot({
      width: cc.width,
      height: 260,
      series: series,
      scales: { x: { time: false } },
      axes: [
        { label: 'average utilization', values: function (u, splits) { return splits.map(function (v) { return num(v) + '%'; }); } },
        { label: 'USD', size: 80, values: function (u, splits) { return splits.map(usd); } },
      ],
      legend: { live: true },
    }, [xs].concat(lines), cc.el);
    cc.el.setAttribute('data-drawn', 'true');
  }
})();
`;
