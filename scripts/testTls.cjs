/**
 * The test CA that the local fakes (Graph, the token endpoint) use for HTTPS. The Graph client only sends
 * tokens to https hosts and msal-node only accepts https authorities, so the fakes speak TLS, and Node
 * must trust their CA through NODE_EXTRA_CA_CERTS, which it reads only at process start.
 *
 * Generated on first use with /usr/bin/openssl into .data/test-tls/ (git-ignored): no private key is
 * ever committed. Files: ca.pem (the CA), server.pem / server-key.pem (localhost, 127.0.0.1, ::1),
 * client.pem (a self-signed key + certificate for the certificate credential of the token endpoint).
 */
const { execFileSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const DIR = resolve(__dirname, '..', '.data', 'test-tls');
const FILES = {
  ca: join(DIR, 'ca.pem'),
  serverCert: join(DIR, 'server.pem'),
  serverKey: join(DIR, 'server-key.pem'),
  client: join(DIR, 'client.pem'),
  /** The CA plus any extra CAs the caller already had in NODE_EXTRA_CA_CERTS. */
  bundle: join(DIR, 'extra-ca-bundle.pem'),
};

function openssl(args, cwd) {
  try {
    execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const detail =
      error && error.code === 'ENOENT' ? 'openssl is not installed' : String(error.stderr || error);
    throw new Error(`Could not generate the test TLS certificates (${detail}).`);
  }
}

/** Creates the files if any is missing (in a temporary folder first, so a half-made set is never used). */
function ensureTestTls() {
  if ([FILES.ca, FILES.serverCert, FILES.serverKey, FILES.client].every((f) => existsSync(f))) return FILES;
  const tmp = `${DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const days = '3650';
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca-key.pem',
      '-out',
      'ca.pem',
      '-days',
      days,
      '-subj',
      '/CN=CMOE Tracker test CA (local fakes only)',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    tmp,
  );
  openssl(
    [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'server-key.pem',
      '-out',
      'server.csr',
      '-subj',
      '/CN=localhost',
    ],
    tmp,
  );
  writeFileSync(
    join(tmp, 'server.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n',
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      days,
      '-extfile',
      'server.ext',
    ],
    tmp,
  );
  openssl(
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'client-key.pem',
      '-out',
      'client-cert.pem',
      '-days',
      days,
      '-subj',
      '/CN=CMOE Tracker test client',
    ],
    tmp,
  );
  writeFileSync(
    join(tmp, 'client.pem'),
    readFileSync(join(tmp, 'client-key.pem'), 'utf8') + readFileSync(join(tmp, 'client-cert.pem'), 'utf8'),
  );
  // The CA's key is not needed after signing: drop it so nothing can sign more with it.
  rmSync(join(tmp, 'ca-key.pem'));
  mkdirSync(resolve(DIR, '..'), { recursive: true });
  try {
    rmSync(DIR, { recursive: true, force: true });
    renameSync(tmp, DIR);
  } catch (error) {
    // Another process (a parallel jest worker) won the race: use its set.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(FILES.ca)) throw error;
  }
  return FILES;
}

/** Ensures the files and returns the value to give NODE_EXTRA_CA_CERTS (keeping any CAs already there). */
function extraCaCertsPath(existing = process.env.NODE_EXTRA_CA_CERTS) {
  ensureTestTls();
  if (!existing || resolve(existing) === FILES.ca || resolve(existing) === FILES.bundle) return FILES.ca;
  const own = readFileSync(FILES.ca, 'utf8');
  const theirs = existsSync(existing) ? readFileSync(existing, 'utf8') : '';
  const content = `${theirs.trimEnd()}\n${own}`;
  if (!existsSync(FILES.bundle) || readFileSync(FILES.bundle, 'utf8') !== content) {
    // Written aside then renamed: parallel processes never read a half-written bundle.
    const tmp = `${FILES.bundle}.${process.pid}`;
    writeFileSync(tmp, content);
    renameSync(tmp, FILES.bundle);
  }
  return FILES.bundle;
}

module.exports = { FILES, ensureTestTls, extraCaCertsPath };
