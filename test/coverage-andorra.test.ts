import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { describe, expect, it } from 'vitest';
import { coverage, isochrones, route } from '../src/index';
import { categoriesFromTags } from '../src/engine';
import { haveExtract, sharedNetwork, sharedOsmPoints } from './helpers/shared-data';

const ORDINO_CAP = 'w1058236520'; // Centre d'Atenció Primària d'Ordino: a building way tagged healthcare=yes only

describe.skipIf(!haveExtract('andorra'))(
  'coverage on the Andorra extract (../shared/data/osm)',
  () => {
    it('the Ordino valley villages are served by the Ordino primary-care centre, farther up the valley taking longer', async () => {
      const net = await sharedNetwork('andorra', 'car');
      const places = await sharedOsmPoints('andorra', (t) =>
        ['village', 'hamlet', 'town'].includes(t.place),
      );
      const health = await sharedOsmPoints('andorra', (t) =>
        categoriesFromTags(t).includes('health'),
      );
      expect(health.map((f) => f.id)).toContain(ORDINO_CAP);
      const valley = ['Ordino', 'Ansalonga', 'la Cortinada', 'Arans', 'Llorts', 'el Serrat'];
      const villages = valley.map((name) => {
        const p = places.find((x) => x.properties?.name === name);
        if (!p) throw new Error(`no place named ${name} in the extract`);
        return { ...p, id: name };
      });
      const r = coverage(net, villages, health, {
        thresholdsMinutes: [15],
        categories: ['health'],
      });
      for (const v of r.villages) expect(v.facility, v.id as string).toBe(ORDINO_CAP);
      const minutes = r.villages.map((v) => v.minutes as number);
      for (let i = 1; i < minutes.length; i++)
        expect(minutes[i], valley[i]).toBeGreaterThan(minutes[i - 1]);
      expect(r.villages[0].status).toBe('covered');
      // el Serrat, ~7 km up the valley: the village-to-centre route gives the same time
      const cap = health.find((f) => f.id === ORDINO_CAP)!;
      const serrat = r.villages[5];
      const rt = route(net, [serrat.lon, serrat.lat], [cap.lon, cap.lat]);
      expect(serrat.minutes).toBeCloseTo(rt.timeS / 60, 6);
      expect(serrat.minutes).toBeGreaterThan(5);
      expect(serrat.minutes).toBeLessThan(20);
      expect(serrat.meters).toBeCloseTo(rt.distanceM, 3); // the same path's length
    });

    it('a 15-minute walk from the Ordino centre reaches Ordino and Segudet but not el Serrat; bands grow', async () => {
      const net = await sharedNetwork('andorra', 'walk');
      const places = await sharedOsmPoints('andorra', (t) => ['village', 'town'].includes(t.place));
      const [cap] = await sharedOsmPoints(
        'andorra',
        (t) => t.name === "Centre d'Atenció Primària d'Ordino",
      );
      const fc = isochrones(net, [cap.lon, cap.lat], { minutes: [5, 10, 15] });
      const [b15, b10, b5] = fc.features;
      const at = (name: string) => {
        const p = places.find((x) => x.properties?.name === name)!;
        return [p.lon, p.lat];
      };
      expect(booleanPointInPolygon(at('Ordino'), b5.geometry)).toBe(true);
      expect(booleanPointInPolygon(at('Segudet'), b15.geometry)).toBe(true);
      expect(booleanPointInPolygon(at('el Serrat'), b15.geometry)).toBe(false);
      expect(b15.properties.areaKm2).toBeGreaterThan(b10.properties.areaKm2);
      expect(b10.properties.areaKm2).toBeGreaterThan(b5.properties.areaKm2);
      // a 15-minute walk covers at most a disc of 15 min × 5 km/h plus the off-road kilometre
      expect(b15.properties.areaKm2).toBeLessThan(Math.PI * (1.25 + 1) ** 2);
    });
  },
);
