// Draws the report charts with Chart.js (served by the app itself) from each canvas's data-chart attribute.
// The table next to every chart holds the same numbers: without this file, or without JavaScript, nothing is lost.
(function () {
  'use strict';
  if (typeof window.Chart !== 'function') return;
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var spec;
    try {
      spec = JSON.parse(canvas.getAttribute('data-chart'));
    } catch {
      return;
    }
    var numbers = new Intl.NumberFormat(spec.locale);
    var horizontal = spec.labels.length > 4;
    var categoryAxis = { ticks: { autoSkip: false } };
    var valueAxis = { beginAtZero: true };
    new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s) {
          return { label: s.label, data: s.data, backgroundColor: s.color };
        }),
      },
      options: {
        locale: spec.locale,
        indexAxis: horizontal ? 'y' : 'x',
        aspectRatio: horizontal ? 1.3 : 1.6,
        animation: false,
        scales: horizontal ? { y: categoryAxis, x: valueAxis } : { x: categoryAxis, y: valueAxis },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: {
              label: function (ctx) {
                var value = ctx.chart.options.indexAxis === 'y' ? ctx.parsed.x : ctx.parsed.y;
                return ctx.dataset.label + ': ' + numbers.format(value);
              },
            },
          },
        },
      },
    });
  });
})();
