import { checkText } from '../geo/check-args';
import { InputError } from '../errors';

/** A capacitated vehicle-routing instance read from a TSPLIB file (CVRPLIB's format). */
export interface TsplibCvrp {
  name: string;
  /** Node numbers as written in the file (usually 1…n), in file order. */
  ids: Int32Array;
  x: Float64Array;
  y: Float64Array;
  demand: Float64Array;
  capacity: number;
  /** Index (into `ids`) of the depot. */
  depot: number;
  /** The `COMMENT` line, which for the Augerat sets names the optimum. */
  comment: string;
}

/**
 * Read a TSPLIB CVRP instance with `EDGE_WEIGHT_TYPE : EUC_2D` (`NODE_COORD_SECTION`,
 * `DEMAND_SECTION`, `DEPOT_SECTION`, `CAPACITY`). Errors name the source and the line.
 *
 * @param text - The file's text.
 * @param source - The file name, for error messages.
 * @returns The instance; build its distances with `euclideanCostMatrix(x, y)`.
 * @example
 * const inst = readTsplibCvrp(readFileSync('A-n32-k5.vrp', 'utf8'), 'A-n32-k5.vrp');
 * inst.capacity; // 100
 */
export function readTsplibCvrp(text: string, source = 'input'): TsplibCvrp {
  checkText(text, 'readTsplibCvrp: text');
  const lines = text.split(/\r?\n/);
  const fail = (line: number, what: string): never => {
    throw new InputError('invalid-tsplib', `${source} line ${line + 1}: ${what}`);
  };
  let name = source;
  let comment = '';
  let dimension = -1;
  let capacity = Number.NaN;
  let section = '';
  const coords = new Map<number, [number, number]>();
  const demands = new Map<number, number>();
  const depots: number[] = [];
  const order: number[] = [];
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l].trim();
    if (line === '' || line === 'EOF') continue;
    const kv = /^([A-Z_]+)\s*:\s*(.*)$/.exec(line);
    if (kv) {
      const [, key, value] = kv;
      section = '';
      if (key === 'NAME') name = value.trim();
      else if (key === 'COMMENT') comment = value.trim();
      else if (key === 'DIMENSION') dimension = Number(value);
      else if (key === 'CAPACITY') capacity = Number(value);
      else if (key === 'EDGE_WEIGHT_TYPE' && value.trim() !== 'EUC_2D')
        fail(l, `EDGE_WEIGHT_TYPE ${value.trim()} is not supported (only EUC_2D)`);
      else if (key === 'TYPE' && !/^CVRP\b/.test(value.trim()))
        fail(l, `TYPE ${value.trim()} is not CVRP`);
      continue;
    }
    if (/^[A-Z_]+_SECTION$/.test(line)) {
      section = line;
      if (!['NODE_COORD_SECTION', 'DEMAND_SECTION', 'DEPOT_SECTION'].includes(section))
        fail(l, `${section} is not supported`);
      continue;
    }
    const parts = line.split(/\s+/).map(Number);
    if (parts.some((v) => !Number.isFinite(v))) fail(l, `not a number in "${line}"`);
    if (section === 'NODE_COORD_SECTION') {
      if (parts.length !== 3) fail(l, `expected "id x y", got "${line}"`);
      if (coords.has(parts[0])) fail(l, `node ${parts[0]} is listed twice`);
      coords.set(parts[0], [parts[1], parts[2]]);
      order.push(parts[0]);
    } else if (section === 'DEMAND_SECTION') {
      if (parts.length !== 2) fail(l, `expected "id demand", got "${line}"`);
      if (parts[1] < 0) fail(l, `negative demand ${parts[1]} for node ${parts[0]}`);
      demands.set(parts[0], parts[1]);
    } else if (section === 'DEPOT_SECTION') {
      for (const v of parts) if (v !== -1) depots.push(v);
    } else fail(l, `unexpected line "${line}"`);
  }
  if (!(capacity > 0)) fail(lines.length - 1, `CAPACITY is missing or not positive`);
  if (dimension >= 0 && coords.size !== dimension)
    fail(lines.length - 1, `DIMENSION is ${dimension} but ${coords.size} nodes have coordinates`);
  if (coords.size < 2) fail(lines.length - 1, 'fewer than two nodes');
  if (depots.length !== 1)
    fail(lines.length - 1, `expected one depot in DEPOT_SECTION, got ${depots.length}`);
  const n = order.length;
  const ids = new Int32Array(order);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const demand = new Float64Array(n);
  let depot = -1;
  for (let i = 0; i < n; i++) {
    const id = order[i];
    [x[i], y[i]] = coords.get(id)!;
    const d = demands.get(id);
    if (d === undefined) fail(lines.length - 1, `node ${id} has no demand`);
    demand[i] = d!;
    if (id === depots[0]) depot = i;
  }
  if (depot < 0) fail(lines.length - 1, `depot ${depots[0]} has no coordinates`);
  for (let i = 0; i < n; i++)
    if (i !== depot && demand[i] > capacity)
      fail(lines.length - 1, `node ${ids[i]} demands ${demand[i]}, more than CAPACITY ${capacity}`);
  return { name, ids, x, y, demand, capacity, depot, comment };
}
