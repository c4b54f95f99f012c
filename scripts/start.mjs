// `npm start`: build the H5 app if needed, then run the BFF (embedded database) under a supervisor that
// restarts it (and its embedded engine) if it dies. `npm start -- --demo` (or DEMO=1) adds demo data, SMS
// codes in the log and the fake PES, on this machine only.
import { buildIfStale } from './build-if-stale.mjs';
import { superviseBff } from './supervise.mjs';

buildIfStale('h5', { force: process.argv.includes('--rebuild') });
superviseBff({ env: process.argv.includes('--demo') ? { ...process.env, DEMO: '1' } : process.env });
