// Draws each dashboard chart from the JSON the server computed (json_script beside its
// canvas). The same numbers stand in a table under every chart for screen readers.
"use strict";
(function () {
  // Each colour has at least 3:1 contrast against the white card (WCAG 1.4.11).
  const COLOURS = ["#0b5cad", "#b3541e", "#2e7d32", "#6a1b9a", "#37474f", "#ad1457", "#00695c", "#795548"];

  // Long category names are broken into lines of about 18 characters instead of being cut.
  function wrap(label) {
    const words = String(label).split(" ");
    const lines = [];
    let line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > 18) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines.length > 1 ? lines : lines[0] || "";
  }

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
    const category = { stacked: spec.stacked, ticks: { color: "#1b1b1b", autoSkip: false } };
    const value = { stacked: spec.stacked, beginAtZero: true, ticks: { precision: 0, color: "#1b1b1b" } };
    let scales = {};
    if (spec.type !== "doughnut") {
      scales = spec.horizontal ? { x: value, y: category } : { x: category, y: value };
    }
    const labels = spec.type === "doughnut" ? spec.labels : spec.labels.map(wrap);
    // eslint-disable-next-line no-new
    new Chart(canvas, {
      type: spec.type,
      data: { labels: labels, datasets: datasets },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        animation: false,
        layout: { padding: { bottom: 4, left: 4 } },
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
