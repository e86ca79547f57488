// Worker side of `catchmentsParallel`: one slice of the sites against every village, on a
// network read zero-copy from the shared buffer the main thread filled once.
import { parentPort, workerData } from 'node:worker_threads';
import { catchments } from '../analysis/catchments';
import { RoadNetwork } from '../network/road-network';

const { network, villages, sites, options } = workerData as { network: SharedArrayBuffer; villages: Float64Array; sites: Float64Array; options: Parameters<typeof catchments>[3] };
const c = catchments(RoadNetwork.fromBuffer(new Uint8Array(network)), villages, sites, options);
parentPort?.postMessage(c, [c.start.buffer, c.village.buffer, c.timeS.buffer] as ArrayBuffer[]);
