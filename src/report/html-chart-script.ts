/**
 * The browser-side script of the HTML report: reads the chart data embedded in the page and
 * draws each chart with uPlot, marking each container `data-drawn="true"` once drawn. Kept as a
 * string constant (it runs in the browser, not in Node).
 */

/** HTML_CHART_SCRIPT expects `uPlot` loaded and `<script id="flashcrowd-charts">` JSON. */
export const HTML_CHART_SCRIPT = `
(function () {
  var COLORS = ['#2563eb', '#16a34a', '#dc2626', '#d97706', '#7c3aed'];
  var charts = JSON.parse(document.getElementById('flashcrowd-charts').textContent);
  charts.forEach(function (chart) {
    var el = document.getElementById('chart-' + chart.id);
    if (!el) return;
    var width = Math.max(320, Math.min(960, el.clientWidth || 800));
    var series = [{ label: chart.xLabel }].concat(chart.lines.map(function (line, i) {
      var s = { label: line.label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false,
        value: function (u, v) { return v == null ? '-' : (Math.round(v * 1e6) / 1e6) + ' ' + chart.unit; } };
      if (line.points) {
        s.paths = function () { return null; };
        s.points = { show: true, size: 10, fill: COLORS[i % COLORS.length] };
      }
      return s;
    }));
    var data = [chart.x].concat(chart.lines.map(function (line) { return line.values; }));
    new uPlot({
      width: width,
      height: 240,
      series: series,
      scales: chart.logY ? { x: { time: false }, y: { distr: 3 } } : { x: { time: false } },
      axes: [{ label: chart.xLabel }, { label: chart.unit, size: 60 }],
      legend: { live: true },
    }, data, el);
    el.setAttribute('data-drawn', 'true');
  });
})();
`;
