// Draws the report's charts from the figures each page embeds with json_script, then marks the
// document ready (the PDF printer waits for that mark).
(function () {
  "use strict";
  // Swedish as Swedish writes it: months in lower case, decimal comma, space between thousands.
  var swedish = {
    moduleType: "locale",
    name: "sv",
    dictionary: {},
    format: {
      days: ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
      shortDays: ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
      months: [
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december"
      ],
      shortMonths: [
        "jan", "feb", "mars", "apr", "maj", "juni",
        "juli", "aug", "sep", "okt", "nov", "dec"
      ],
      date: "%Y-%m-%d",
      decimal: ",",
      thousands: "\u00a0"
    }
  };
  window.Plotly.register(swedish);
  var charts = document.querySelectorAll("[data-chart]");
  var drawing = [];
  charts.forEach(function (element) {
    var figure = JSON.parse(document.getElementById(element.dataset.chart).textContent);
    var config = { displayModeBar: false, responsive: true, staticPlot: true, locale: "sv" };
    drawing.push(window.Plotly.newPlot(element, figure.data, figure.layout, config));
  });
  Promise.all(drawing).then(function () {
    document.documentElement.dataset.chartsReady = "1";
  });
})();
