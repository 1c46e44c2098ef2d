/**
 * `node scripts/withTestCa.cjs <command> [args...]`: runs the command with NODE_EXTRA_CA_CERTS pointing at
 * the test CA of the local HTTPS fakes (generated on first use, see testTls.cjs). `npm test` and
 * `npm run bench` go through it, because Node reads NODE_EXTRA_CA_CERTS only when a process starts.
 * Arguments after the command pass through unchanged (`npm test -- --json --outputFile=x`).
 */
const { spawn } = require('node:child_process');
const { extraCaCertsPath } = require('./testTls.cjs');

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node scripts/withTestCa.cjs <command> [args...]');
  process.exit(2);
}

let env;
try {
  env = { ...process.env, NODE_EXTRA_CA_CERTS: extraCaCertsPath() };
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}

const child = spawn(command, args, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`Could not run ${command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
