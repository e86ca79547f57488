import { InputError } from '../errors';

// Unknown option keys are errors: `{ maxMinutes: 15 }` where the key is `maxSeconds` would
// otherwise run with no limit and give a plain-JS caller a wrong answer without a word
// (TypeScript flags it only for object literals). Every public function lists the keys it
// knows in a table the compiler holds to its options type, both ways:
//
//   const KEYS = { k: true, maxSeconds: true } satisfies OptionKeys<NearestFacilitiesOptions>;
//
// A key the type gains but the table lacks fails `satisfies` (a mapped type makes every key
// required), and a key written in the table that the type lacks fails the object literal's
// excess-property check — keys brought in by a spread (`...SNAP_KEYS`) escape that check, so
// test/option-keys-exact.test.ts asks the compiler that every table is exactly its type. An
// unknown key is an error whatever its value, `undefined` included; a known key whose value is
// `undefined` means "the default", as before. Only own enumerable string keys count.

/**
 * The key table of options type `T`: every key of `T`, each `true`. For a union of shapes
 * (`{ places: true } | { facilities: string[] }`), every key of any member.
 */
export type OptionKeys<T> = { readonly [K in KeyOfAny<T>]: true };
type KeyOfAny<T> = T extends unknown ? keyof T : never;

/**
 * Throws `InputError` `invalid-option` when `options` has a key `known` lacks, naming `where`,
 * the unknown key, the closest known key when one is near and all known keys.
 *
 * @param options - The caller's options object (already known to be an object).
 * @param known - The key table of the options type.
 * @param where - The function, for the message (`nearestFacilities`).
 * @example
 * checkOptionKeys(options, NEAREST_FACILITIES_KEYS, 'nearestFacilities');
 */
export function checkOptionKeys(
  options: object,
  known: Readonly<Record<string, true>>,
  where: string,
): void {
  // The common case (every key known) allocates nothing: the check runs per call, and some
  // public calls (PointIndex.nearest, snapPoint) are made once per point.
  let allKnown = true;
  for (const key in options)
    if (Object.hasOwn(options, key) && !Object.hasOwn(known, key)) {
      allKnown = false;
      break;
    }
  if (allKnown) return;
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(known, key));
  const names = Object.keys(known);
  const named = unknown.map((key) => {
    const near = closestKey(key, names);
    return near === undefined ? `'${key}'.` : `'${key}' — did you mean '${near}'?`;
  });
  throw new InputError(
    'invalid-option',
    `${where}: unknown option${unknown.length > 1 ? 's' : ''} ${named.join(' ')} Known options: ${names.length > 0 ? names.join(', ') : 'none'}`,
  );
}

/**
 * Only the keys of `options` that `known` lists: what an outer function passes on to an inner
 * public function that checks its own keys (`nearestFacilities` → `asPlaced` gets the snapping
 * options and not `k`).
 *
 * @param options - The outer function's options, already checked.
 * @param known - The inner function's key table.
 * @example
 * asPlaced(net, villageCoords, pickOptions(options, SNAP_KEYS));
 */
export function pickOptions<T extends object, K extends keyof T & string>(
  options: T,
  known: Readonly<Record<K, true>>,
): Pick<T, K> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of Object.keys(known) as K[])
    if (Object.hasOwn(options, key)) out[key] = options[key];
  return out as Pick<T, K>;
}

/**
 * The known key nearest to `key` by edit distance, ignoring case, when it is near enough: at most
 * 40% of the longer name differs, or 60% when the two begin alike (3 letters or more:
 * `maxMinutes` → `maxSeconds`, `cellMeters` → `cellM`, but `population` is not `direction`).
 * Otherwise `undefined`. Ties go to the earlier name.
 *
 * @param key - The unknown key.
 * @param names - The known keys.
 * @example
 * closestKey('maxMinutes', ['k', 'maxSeconds']); // 'maxSeconds'
 */
export function closestKey(key: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const a = key.toLowerCase();
  for (const name of names) {
    const b = name.toLowerCase();
    const d = editDistance(a, b);
    const share = commonPrefix(a, b) >= 3 ? 0.6 : 0.4;
    if (d < bestD && d <= share * Math.max(a.length, b.length)) {
      best = name;
      bestD = d;
    }
  }
  return best;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// Levenshtein distance, one row; option names are short.
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(up + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}
