'use strict';
// Child process: the workflow through require() (dist/*.cjs). argv: data folder, OSM file or ''.
const { run } = require('./workflow.cjs');

run(async (specifier) => require(specifier), {
  data: process.argv[2],
  osm: process.argv[3] || null,
}).then((r) => process.stdout.write(JSON.stringify(r)));
