// Draws each dashboard chart from the JSON the server computed (json_script beside its
// canvas). The same numbers stand in a table under every chart for screen readers.
"use strict";
(function () {
  // Each colour has at least 3:1 contrast against the white card (WCAG 1.4.11).
  const COLOURS = ["#0b5cad", "#b3541e", "#2e7d32", "#6a1b9a", "#37474f", "#ad1457", "#00695c", "#795548"];

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof Chart === "undefined") {
      return;
    }
    const spec = JSON.parse(source.textContent);
    const single = spec.datasets.length === 1;
    const datasets = spec.datasets.map(function (set, index) {
      const colour = single && spec.type === "doughnut"
        ? spec.labels.map(function (_label, i) { return COLOURS[i % COLOURS.length]; })
        : COLOURS[index % COLOURS.length];
      return { label: set.label, data: set.data, backgroundColor: colour, borderColor: colour };
    });
    const scales = spec.type === "doughnut" ? {} : {
      x: { stacked: spec.stacked, ticks: { color: "#1b1b1b" } },
      y: { stacked: spec.stacked, beginAtZero: true, ticks: { precision: 0, color: "#1b1b1b" } },
    };
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: scales,
        plugins: { legend: { display: !single || spec.type === "doughnut", labels: { color: "#1b1b1b" } } },
      },
    });
  }

  function start() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
