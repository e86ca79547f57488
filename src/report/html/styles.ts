/**
 * The page's stylesheet: screen layout, the map's stacked layers, tables, charts, and a print
 * sheet for `A4` or `A3` landscape that hides the controls and keeps the map on the first page.
 *
 * @param paper - `A4` (default) or `A3`.
 * @param aspect - Map height over width, for the map box.
 * @returns CSS text.
 *
 * @example
 * reportCss('A3', 0.7);
 */
export function reportCss(paper: 'A4' | 'A3', aspect: number): string {
  // Printable area inside 10 mm margins, less room for the title and the legend under the map.
  const [pw, ph] = paper === 'A3' ? [400, 277] : [277, 190];
  const mapMm = Math.min(pw, (ph - 30) / aspect).toFixed(0);
  return `
[hidden]{display:none!important}
:root{--covered:#0072B2;--outside:#E69F00;--unreachable:#D55E00}
body{font-family:system-ui,"Noto Sans","Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:20px auto;padding:0 16px;color:#222;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:26px 0 8px}h3{font-size:15px;margin:18px 0 6px}
.sub{color:#555;margin:0 0 12px}.note,.known{color:#555;font-size:13px}
.headline{font-size:16px;font-weight:600;margin:8px 0 2px}
.controls{display:flex;gap:16px;align-items:center;flex-wrap:wrap;margin:8px 0;font-size:14px}
.controls select{font-size:14px;padding:2px 4px;max-width:100%}
#sr-mode label{margin-right:10px}
#sr-run-title{font-weight:600}
.sr-map{position:relative;width:100%;aspect-ratio:${(1 / aspect).toFixed(4)};background:#f6f4ee;border:1px solid #bbb;touch-action:manipulation}
.sr-map>canvas,.sr-map>svg{position:absolute;left:0;top:0;width:100%;height:100%}
.sr-map>svg.top{cursor:crosshair}
#sr-tip{position:absolute;z-index:2;background:#fff;border:1px solid #888;border-radius:4px;padding:6px 8px;font-size:13px;line-height:1.45;box-shadow:0 2px 6px rgba(0,0,0,.25);pointer-events:none;max-width:320px}
.halo{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.legend{font-size:12px;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center}
.legend span{white-space:nowrap}.legend svg{vertical-align:middle;margin-right:3px}
table{border-collapse:collapse;font-size:13px;width:100%;margin:4px 0}
td,th{border-bottom:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#efece4;font-weight:600}td.n,th.n{text-align:right}
tr.total td{font-weight:600;border-top:2px solid #999}
table.overview tr[data-run]{cursor:pointer}table.overview tr.active td{background:#e3eef8}
i.st{display:inline-block;width:10px;height:10px;border-radius:50%;margin-right:4px;vertical-align:-1px;border:1px solid #222}
i.st-covered{background:var(--covered);border-color:#fff}i.st-outside{background:var(--outside)}
i.st-unreachable{background:var(--unreachable);border-radius:0;transform:rotate(45deg) scale(.85)}
i.st-off-network{background:#fff;border-radius:0}
.charts{display:flex;flex-wrap:wrap;gap:12px}figure.chart{margin:0;flex:1 1 480px}
figure.chart svg{width:100%;height:auto;max-width:560px}figcaption{font-size:13px;font-weight:600}
.chart-legend{font-size:11px;display:flex;flex-wrap:wrap;gap:2px 10px}.chart-legend svg{width:18px;height:8px;margin-right:3px}
#sr-route-note{font-size:12px;color:#555;min-height:1em}
@page{size:${paper} landscape;margin:10mm}
@media print{
 body{max-width:none;margin:0;padding:0;font-size:11px}
 .controls select,#sr-mode,.no-print,#sr-tip{display:none!important}
 .sr-map{width:${mapMm}mm;break-inside:avoid;border-color:#888}
 section.run,table,figure.chart{break-inside:avoid-page}
 h2{break-after:avoid}
 table.overview tr.active td{background:none;font-weight:600}
}`;
}
