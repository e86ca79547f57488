/**
 * One side of a message channel: a `Worker` seen from the page, the worker's own `self`, or a
 * `MessagePort`. Only what the search worker protocol uses.
 */
export interface MessageEndpoint {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** A call from the page: `method` with `args`, answered by a `WorkerReply` with the same `id`. */
export interface WorkerCall {
  id: number;
  method: string;
  args: unknown[];
}

/** The answer to a `WorkerCall`: a result, or the error the worker threw (with its code). */
export type WorkerReply =
  | { id: number; result: unknown }
  | { id: number; error: { name: string; code: string | null; message: string } };

/**
 * The buffers under every typed array in `value` (searched through plain arrays and objects, each
 * buffer once, shared memory left out): what `postMessage` should transfer rather than copy.
 * Transferring detaches them on the sending side, so send only arrays made for the message.
 *
 * @param value - A message about to be posted.
 * @returns The `ArrayBuffer`s to pass as `postMessage`'s transfer list.
 *
 * @example
 * const msg = { facility: new Int32Array(10), timeS: new Float64Array(10) };
 * port.postMessage(msg, transferablesOf(msg)); // two buffers moved, not copied
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const seen = new Set<object>();
  const visit = (x: unknown) => {
    if (x === null || typeof x !== 'object' || seen.has(x)) return;
    seen.add(x);
    if (ArrayBuffer.isView(x)) {
      if (x.buffer instanceof ArrayBuffer) out.add(x.buffer);
      return;
    }
    if (x instanceof ArrayBuffer) {
      out.add(x);
      return;
    }
    const values = Array.isArray(x) ? x : Object.values(x);
    for (const v of values) visit(v);
  };
  visit(value);
  return [...out];
}
