/**
 * The page's script, run once in the browser (plain ES2017, no library): it decodes the embedded
 * road layer onto a canvas once, draws villages and facilities of the chosen run onto a second
 * canvas, switches runs (standard and mode) by showing that run's bands, tables and charts, and
 * answers hover, tap and click on villages from a grid index of their positions. It exposes
 * `window.servicereachReport` ({ run, setRun, villagePoint, counts }) for tests and scripting.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
'use strict';
var D = JSON.parse(document.getElementById('sr-data').textContent);
var W = D.frame.w, H = D.frame.h, S = D.s;
var dpr = Math.min(2, window.devicePixelRatio || 1);
var STATUS = ['covered', 'outside', 'unreachable', 'off-network'];
function ctx(id) {
  var c = document.getElementById(id);
  c.width = Math.round(W * dpr); c.height = Math.round(H * dpr);
  var g = c.getContext('2d'); g.setTransform(dpr, 0, 0, dpr, 0, 0);
  return g;
}
function bytes(s) {
  var bin = atob(s), u = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
  return u;
}
// Roads: zigzag varint polylines in grid units, one path per class, drawn once.
(function drawRoads() {
  var g = ctx('sr-roads'); g.lineCap = 'round'; g.lineJoin = 'round';
  var u = D.roads.unit;
  D.roads.classes.forEach(function (c) {
    var b = bytes(c.data), p = 0;
    function next() {
      var z = 0, m = 1, x;
      do { x = b[p++]; z += (x & 127) * m; m *= 128; } while (x & 128);
      return z % 2 ? -(z + 1) / 2 : z / 2;
    }
    g.beginPath();
    while (p < b.length) {
      var n = next(), x = next(), y = next();
      g.moveTo(x * u, y * u);
      for (var i = 1; i < n; i++) { x += next(); y += next(); g.lineTo(x * u, y * u); }
    }
    g.strokeStyle = c.color; g.lineWidth = c.width; g.setLineDash(c.dash ? [3, 2] : []);
    g.stroke();
  });
})();
var V = D.v, F = D.f, N = V.x.length;
var vx = new Float32Array(N), vy = new Float32Array(N), vr = new Float32Array(N);
for (var i = 0; i < N; i++) { vx[i] = V.x[i] / 10; vy[i] = V.y[i] / 10; vr[i] = V.r[i] / 10; }
// Grid index of village positions for hover and tap.
var CELL = 12, GC = Math.ceil(W / CELL) + 1, GR = Math.ceil(H / CELL) + 1;
var cellStart = new Int32Array(GC * GR + 1), cellItems = new Int32Array(N);
function cellOf(i) {
  var cx = Math.max(0, Math.min(GC - 1, Math.floor(vx[i] / CELL)));
  var cy = Math.max(0, Math.min(GR - 1, Math.floor(vy[i] / CELL)));
  return cy * GC + cx;
}
for (i = 0; i < N; i++) cellStart[cellOf(i) + 1]++;
for (i = 0; i < GC * GR; i++) cellStart[i + 1] += cellStart[i];
var fill = cellStart.slice(0, GC * GR);
for (i = 0; i < N; i++) cellItems[fill[cellOf(i)]++] = i;
function villageAt(x, y) {
  var best = -1, bestD = Infinity;
  var c0 = Math.floor(x / CELL), r0 = Math.floor(y / CELL);
  for (var r = r0 - 1; r <= r0 + 1; r++) for (var c = c0 - 1; c <= c0 + 1; c++) {
    if (r < 0 || c < 0 || r >= GR || c >= GC) continue;
    var k = r * GC + c;
    for (var j = cellStart[k]; j < cellStart[k + 1]; j++) {
      var v = cellItems[j], dx = vx[v] - x, dy = vy[v] - y, d = dx * dx + dy * dy;
      var reach = Math.max(vr[v] + 3, 7);
      if (d <= reach * reach && d < bestD) { bestD = d; best = v; }
    }
  }
  return best;
}
var vg = ctx('sr-villages');
var current = -1;
var counts = [0, 0, 0, 0];
function shape(g, s, x, y, r) {
  g.beginPath();
  if (s === 2) { g.moveTo(x, y - r - 1); g.lineTo(x + r + 1, y); g.lineTo(x, y + r + 1); g.lineTo(x - r - 1, y); g.closePath(); }
  else if (s === 3) { g.rect(x - r, y - r, 2 * r, 2 * r); }
  else g.arc(x, y, r, 0, 2 * Math.PI);
}
function drawVillages(run) {
  var g = vg; g.clearRect(0, 0, W, H);
  var st = run.status; counts = [0, 0, 0, 0];
  for (var pass = 0; pass < 4; pass++) {
    g.fillStyle = D.colors[STATUS[pass]];
    g.strokeStyle = pass === 0 ? '#ffffff' : '#222222';
    g.lineWidth = pass === 3 ? 1.6 : pass === 0 ? 0.6 : 1;
    for (var i = 0; i < N; i++) {
      if (st.charCodeAt(i) - 48 !== pass) continue;
      counts[pass]++;
      shape(g, pass, vx[i], vy[i], vr[i]);
      g.fill(); g.stroke();
    }
  }
  // Facilities of the run's kinds; several in one spot become one bigger mark with a count.
  var spots = {};
  run.facs.forEach(function (f) {
    var key = Math.round(F.x[f] / 50) + ',' + Math.round(F.y[f] / 50);
    var s = spots[key] || (spots[key] = { x: F.x[f] / 10, y: F.y[f] / 10, n: 0 });
    s.n++;
  });
  g.font = 'bold 10px sans-serif'; g.textBaseline = 'middle';
  var keys = Object.keys(spots), dense = keys.length > 300;
  keys.forEach(function (k) {
    var s = spots[k], h = dense ? 1.8 : s.n > 1 ? 4.5 : 3.2;
    g.fillStyle = '#111111'; g.strokeStyle = '#ffffff'; g.lineWidth = dense ? 0.5 : 1.2;
    g.fillRect(s.x - h, s.y - h, 2 * h, 2 * h); g.strokeRect(s.x - h, s.y - h, 2 * h, 2 * h);
    if (s.n > 1 && !dense) {
      g.lineWidth = 3; g.strokeText(String(s.n), s.x + h + 2, s.y);
      g.fillStyle = '#111111'; g.fillText(String(s.n), s.x + h + 2, s.y);
    }
  });
}
var tip = document.getElementById('sr-tip');
var map = document.getElementById('sr-map');
var routeLine = document.getElementById('sr-route');
var routeNote = document.getElementById('sr-route-note');
function fmtValue(run, i) {
  var v = run.val[i];
  if (v < 0) return S.beyond;
  return run.timed
    ? (v / 10).toLocaleString(D.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) + ' ' + S.minutes
    : Math.round(v).toLocaleString(D.locale) + ' ' + S.meters;
}
function escText(s) { return String(s).replace(/[&<>"]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]; }); }
function tipHtml(i) {
  var run = D.runs[current], s = run.status.charCodeAt(i) - 48, f = run.fac[i];
  var rows = [
    '<b>' + escText(V.name[i]) + '</b>',
    V.grp[i] >= 0 ? S.township + ': ' + escText(V.groups[V.grp[i]]) : '',
    S.status + ': <i class="st st-' + STATUS[s] + '"></i>' + escText(S[STATUS[s]]),
    (run.timed ? S.travelTime : S.distance) + ': ' + escText(fmtValue(run, i)),
    S.nearestFacility + ': ' + (f >= 0 ? escText(F.name[f]) : '—'),
    S.population + ': ' + (V.pop[i] >= 0 ? V.pop[i].toLocaleString(D.locale) : S.populationUnknown)
  ];
  return rows.filter(Boolean).join('<br>');
}
function framePoint(ev) {
  var r = map.getBoundingClientRect();
  return [(ev.clientX - r.left) * W / r.width, (ev.clientY - r.top) * H / r.height, r];
}
function showTip(ev) {
  var p = framePoint(ev), i = villageAt(p[0], p[1]);
  if (i < 0) { tip.hidden = true; return -1; }
  tip.innerHTML = tipHtml(i);
  tip.hidden = false;
  var left = ev.clientX - p[2].left + 14, top = ev.clientY - p[2].top + 14;
  if (left + tip.offsetWidth > p[2].width) left = Math.max(0, left - tip.offsetWidth - 28);
  if (top + tip.offsetHeight > p[2].height) top = Math.max(0, top - tip.offsetHeight - 28);
  tip.style.left = left + 'px'; tip.style.top = top + 'px';
  return i;
}
function showRoute(i) {
  var run = D.runs[current], f = i >= 0 ? run.fac[i] : -1;
  if (f < 0) { routeLine.setAttribute('points', ''); routeNote.textContent = ''; return; }
  var pts = D.routes && D.routes[current] && D.routes[current][i];
  if (pts) {
    routeLine.setAttribute('points', pts);
    routeLine.setAttribute('stroke-dasharray', '');
    routeNote.textContent = '';
  } else {
    routeLine.setAttribute('points', vx[i] + ',' + vy[i] + ' ' + F.x[f] / 10 + ',' + F.y[f] / 10);
    routeLine.setAttribute('stroke-dasharray', '6 4');
    routeNote.textContent = S.routeStraight;
  }
}
map.addEventListener('pointermove', function (ev) { if (ev.pointerType === 'mouse') showTip(ev); });
map.addEventListener('pointerleave', function () { tip.hidden = true; });
map.addEventListener('click', function (ev) { showRoute(showTip(ev)); });
var select = document.getElementById('sr-standard');
var modes = document.getElementById('sr-mode');
function fillModes(std) {
  modes.innerHTML = '';
  D.runs.forEach(function (r, k) {
    if (r.std !== std) return;
    var l = document.createElement('label');
    l.innerHTML = '<input type="radio" name="sr-mode" value="' + k + '"> ' + escText(r.mode);
    modes.appendChild(l);
  });
  modes.hidden = modes.children.length < 2;
}
function setRun(k) {
  if (k === current || !D.runs[k]) return;
  current = k;
  var run = D.runs[k];
  document.body.setAttribute('data-run', String(k));
  if (select.value !== run.std) select.value = run.std;
  fillModes(run.std);
  var radio = modes.querySelector('input[value="' + k + '"]');
  if (radio) radio.checked = true;
  Array.prototype.forEach.call(document.querySelectorAll('section.run'), function (s) {
    s.hidden = s.getAttribute('data-run') !== String(k);
  });
  Array.prototype.forEach.call(document.querySelectorAll('g.bands'), function (g) {
    g.style.display = g.getAttribute('data-band') === String(run.band) ? '' : 'none';
  });
  Array.prototype.forEach.call(document.querySelectorAll('.legend-band'), function (g) {
    g.hidden = g.getAttribute('data-band') !== String(run.band);
  });
  Array.prototype.forEach.call(document.querySelectorAll('table.overview tr[data-run]'), function (tr) {
    tr.className = tr.getAttribute('data-run') === String(k) ? 'active' : '';
  });
  document.getElementById('sr-run-title').textContent = run.heading;
  drawVillages(run);
  showRoute(-1);
  tip.hidden = true;
}
select.addEventListener('change', function () {
  for (var k = 0; k < D.runs.length; k++) if (D.runs[k].std === select.value) { setRun(k); return; }
});
modes.addEventListener('change', function (ev) { setRun(Number(ev.target.value)); });
Array.prototype.forEach.call(document.querySelectorAll('table.overview tr[data-run]'), function (tr) {
  function go() { setRun(Number(tr.getAttribute('data-run'))); }
  tr.addEventListener('click', go);
  tr.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') go(); });
});
window.servicereachReport = {
  get run() { return current; },
  setRun: setRun,
  counts: function () { return counts.slice(); },
  villagePoint: function (i) { return [vx[i], vy[i]]; }
};
setRun(0);
document.body.setAttribute('data-ready', '1');
})();`;
