// Draws the report's charts from the figures each page embeds with json_script, then marks the
// document ready (the PDF printer waits for that mark).
(function () {
  "use strict";
  var charts = document.querySelectorAll("[data-chart]");
  var drawing = [];
  charts.forEach(function (element) {
    var figure = JSON.parse(document.getElementById(element.dataset.chart).textContent);
    var config = { displayModeBar: false, responsive: true, staticPlot: true };
    drawing.push(window.Plotly.newPlot(element, figure.data, figure.layout, config));
  });
  Promise.all(drawing).then(function () {
    document.documentElement.dataset.chartsReady = "1";
  });
})();
