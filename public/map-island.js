// The interactive map island: where a tile server is configured, each server-drawn map
// (figure.map with its points in data-points) becomes a Leaflet map with the same points.
// Without JavaScript, or without tiles, the SVG map and the lists beside it stay as they are.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="mreza-map-tiles"]');
  if (!meta || !window.L) return;
  var L = window.L;
  var credit = document.createElement('span');
  credit.textContent = meta.getAttribute('data-attribution') || '';
  var figures = document.querySelectorAll('figure.map[data-points]');
  Array.prototype.forEach.call(figures, function (figure) {
    var points = JSON.parse(figure.getAttribute('data-points') || '[]');
    var svg = figure.querySelector('svg');
    if (!points.length || !svg) return;
    var holder = document.createElement('div');
    holder.className = 'map-live';
    var caption = figure.querySelector('figcaption');
    holder.setAttribute('role', 'region');
    holder.setAttribute('aria-label', caption ? caption.textContent : '');
    figure.insertBefore(holder, svg);
    svg.setAttribute('hidden', '');
    var map = L.map(holder, { scrollWheelZoom: false });
    L.tileLayer(meta.getAttribute('content'), { attribution: credit.innerHTML, maxZoom: 18 }).addTo(map);
    var bounds = points.map(function (p) {
      var main = p.kind === 'highlight';
      L.circleMarker([p.lat, p.lon], {
        radius: main ? 9 : 6,
        color: '#ffffff',
        weight: 2,
        fillColor: main ? '#b3261e' : '#0b5563',
        fillOpacity: 1,
      })
        .bindTooltip(p.label)
        .addTo(map);
      return [p.lat, p.lon];
    });
    if (bounds.length === 1) map.setView(bounds[0], 13);
    else map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
  });
})();
