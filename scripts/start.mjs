// `npm start`: build the H5 app if needed, then run the BFF (embedded database). `npm start -- --demo` (or DEMO=1)
// adds demo data, SMS codes in the log and the fake PES, on this machine only.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIfStale } from './build-if-stale.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../..');
buildIfStale('h5', { force: process.argv.includes('--rebuild') });
const env = process.argv.includes('--demo') ? { ...process.env, DEMO: '1' } : process.env;
const child = spawn('npm', ['-w', 'bff', 'start'], { cwd: root, stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
