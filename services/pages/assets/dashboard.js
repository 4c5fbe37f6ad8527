/*
 * The dashboard's charts: each month's KPI shares and volumes, drawn with Chart.js from the numbers the
 * page carries (#kpi-data). Plain browser JavaScript.
 */
/* global Chart */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kpi-data').textContent);
  var share = function (values) {
    return values.map(function (v) {
      return v === null ? null : Math.round(v * 1000) / 10;
    });
  };
  new Chart(document.getElementById('kpi-chart'), {
    type: 'line',
    data: {
      labels: data.months,
      datasets: [
        { label: data.labels.ftf + ' %', data: share(data.firstTimeFixShare) },
        { label: data.labels.arrival + ' %', data: share(data.arrivalOnTimeShare) },
        { label: data.labels.satisfaction + ' %', data: share(data.satisfactionShare) },
      ],
    },
    options: { animation: false, scales: { y: { min: 0, max: 100 } } },
  });
  new Chart(document.getElementById('volume-chart'), {
    type: 'bar',
    data: {
      labels: data.months,
      datasets: [
        { label: data.labels.requests, data: data.requests },
        { label: data.labels.complaints, data: data.complaints },
      ],
    },
    options: { animation: false },
  });
})();
