// Worker side of `SearchPool`: views the network in the shared buffer once, then runs tasks as
// they arrive. Errors go back as messages (class, code, text) so the pool can rethrow them.
import { parentPort, workerData } from 'node:worker_threads';
import { RoadNetwork } from '../network/road-network';
import { preparedHierarchy } from '../search/ch/network-hierarchy';
import { type PoolError, type PoolTask, runPoolTask, transferables } from './pool-tasks';

const net = RoadNetwork.fromBuffer(workerData.network as SharedArrayBuffer);
// A hierarchy the pool's network had travels in the same buffer: viewed in place, checked once here.
preparedHierarchy(net);
const port = parentPort;
if (!port) throw new Error('pool-worker.js runs only as a worker thread of SearchPool');
// One task at a time: the pool sends the next only when this one's answer has come back.
port.on('message', (task: PoolTask) => {
  try {
    const result = runPoolTask(net, task);
    port.postMessage({ result }, transferables(result));
  } catch (e) {
    const err = e as Error & { code?: string; zh?: string };
    const error: PoolError = {
      name: err.name ?? 'Error',
      code: err.code,
      message: err.message ?? String(e),
      zh: err.zh,
    };
    port.postMessage({ error });
  }
});
