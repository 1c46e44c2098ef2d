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

/**
 * Every certificate is valid from 2000 to 2099, not from the moment it is made: the suite runs at other
 * dates (faketime, .ci/run's date matrix), and a certificate made today is "not yet valid" at a date in
 * the past. `openssl ca` is what sets explicit dates in OpenSSL 3.0 (`req -x509` only counts days from
 * now), so the CA and the client sign through a throw-away `openssl ca` set-up.
 */
const NOT_BEFORE = '20000101000000Z';
const NOT_AFTER = '20991231235959Z';
/** Marks a set made with those dates: a set made before (dated from its making) is replaced. */
const DATED = join(DIR, 'valid-2000-2099');

const CA_CONFIG = `[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
unique_subject = no
copy_extensions = none
[any]
commonName = supplied
[ca_cert]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server_cert]
subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1
extendedKeyUsage = serverAuth
basicConstraints = CA:FALSE
[client_cert]
basicConstraints = CA:FALSE
`;

/** A key and a signing request for `subject`, then the certificate signed by `ca` (or by itself). */
function issue(tmp, name, subject, extensions, ca) {
  openssl(
    [
      'req',
      '-new',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.csr`,
      '-subj',
      subject,
    ],
    tmp,
  );
  openssl(
    [
      'ca',
      '-batch',
      '-notext',
      '-config',
      'ca.cnf',
      ...(ca
        ? ['-cert', `${ca}-cert.pem`, '-keyfile', `${ca}-key.pem`]
        : ['-selfsign', '-keyfile', `${name}-key.pem`]),
      '-in',
      `${name}.csr`,
      '-out',
      `${name}-cert.pem`,
      '-startdate',
      NOT_BEFORE,
      '-enddate',
      NOT_AFTER,
      '-extensions',
      extensions,
    ],
    tmp,
  );
}

/** Creates the files if any is missing (in a temporary folder first, so a half-made set is never used). */
function ensureTestTls() {
  if ([FILES.ca, FILES.serverCert, FILES.serverKey, FILES.client, DATED].every((f) => existsSync(f)))
    return FILES;
  const tmp = `${DIR}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeFileSync(join(tmp, 'ca.cnf'), CA_CONFIG);
  writeFileSync(join(tmp, 'index.txt'), '');
  writeFileSync(join(tmp, 'serial'), '01\n');
  issue(tmp, 'ca', '/CN=CMOE Tracker test CA (local fakes only)', 'ca_cert', null);
  issue(tmp, 'server', '/CN=localhost', 'server_cert', 'ca');
  issue(tmp, 'client', '/CN=CMOE Tracker test client', 'client_cert', null);
  renameSync(join(tmp, 'ca-cert.pem'), join(tmp, 'ca.pem'));
  renameSync(join(tmp, 'server-cert.pem'), join(tmp, 'server.pem'));
  writeFileSync(
    join(tmp, 'client.pem'),
    readFileSync(join(tmp, 'client-key.pem'), 'utf8') + readFileSync(join(tmp, 'client-cert.pem'), 'utf8'),
  );
  writeFileSync(join(tmp, 'valid-2000-2099'), `${NOT_BEFORE} ${NOT_AFTER}\n`);
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
