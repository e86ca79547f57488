// The `servicereach` executable (dist/cli.js): runs main on the process's arguments and streams.
// Kept apart from main.ts so that importing main runs nothing.
import { exitQuietlyOnClosedPipe } from './io';
import { EXIT, main } from './main';

// `servicereach … | head`: stop when the reader has gone, without a stack trace.
exitQuietlyOnClosedPipe(process.stdout);
exitQuietlyOnClosedPipe(process.stderr);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`servicereach: internal error: ${String(e)}\n`);
    process.exitCode = EXIT.internal;
  },
);
