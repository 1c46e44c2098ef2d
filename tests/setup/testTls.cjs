/**
 * Jest global setup: when jest is started without `npm test` (e.g. `npx jest`), the test CA is not yet in
 * NODE_EXTRA_CA_CERTS. Setting it here reaches the worker processes jest forks after this runs, though
 * not a run in band (one process): tests over the HTTPS fakes then fail with a message saying to use
 * `npm test`.
 */
const { extraCaCertsPath } = require('../../scripts/testTls.cjs');

module.exports = function setupTestTls() {
  process.env.NODE_EXTRA_CA_CERTS = extraCaCertsPath();
};
