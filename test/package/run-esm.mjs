// Child process: the workflow through import (dist/*.js). argv: data folder, OSM file or ''.
import { run } from './workflow.cjs';

const r = await run((specifier) => import(specifier), {
  data: process.argv[2],
  osm: process.argv[3] || null,
});
process.stdout.write(JSON.stringify(r));
