// `npm start`: build the H5 app if needed, then run the BFF (embedded database and demo data by default)
// under a supervisor that restarts it (and its embedded engine) if it dies.
import { buildIfStale } from './build-if-stale.mjs';
import { superviseBff } from './supervise.mjs';

buildIfStale('h5', { force: process.argv.includes('--rebuild') });
superviseBff();
