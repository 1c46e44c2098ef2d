/**
 * The Graph fake over real HTTPS on a loopback port (port 0: the system picks one), in process, so a test
 * stops it by closing it. `/v1.0/...` goes to the fake; `/_download/...` serves pre-authenticated
 * downloads, as Graph's `@microsoft.graph.downloadUrl` does. Each request is counted (`fake.roundTrips`)
 * and answered after `fake.latencyMs`.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { testTls } from '../tls';
import { GraphFake, type GraphFakeOptions } from './graphFake';

export interface RunningGraphFake {
  fake: GraphFake;
  /** `https://127.0.0.1:{port}`: GRAPH_BASE_URL. */
  url: string;
  close(): Promise<void>;
}

async function readBody(req: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export async function startGraphFake(
  options: Omit<GraphFakeOptions, 'origin'> = {},
): Promise<RunningGraphFake> {
  const fake = new GraphFake(options);
  const tls = testTls();
  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    void (async () => {
      const raw = await readBody(req);
      fake.roundTrips++;
      // The answer waits as a remote service's would; other requests are served meanwhile.
      if (fake.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.latencyMs));
      const url = new URL(req.url ?? '/', fake.origin);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      let out;
      if (url.pathname.startsWith('/_download/')) {
        out = fake.download(url.pathname.slice('/_download/'.length));
      } else if (url.pathname.startsWith('/v1.0/')) {
        const isJson = (headers['content-type'] ?? '').includes('json');
        let body: unknown = undefined;
        if (isJson && raw.length > 0) {
          try {
            body = JSON.parse(raw.toString('utf8'));
          } catch {
            res.writeHead(400, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'BadRequest', message: 'Invalid JSON.' } }));
            return;
          }
        }
        out = fake.handle({
          method: req.method ?? 'GET',
          path: url.pathname.slice('/v1.0'.length),
          query: url.searchParams,
          headers,
          body,
          bytes: isJson ? undefined : raw,
        });
      } else {
        out = { status: 404, headers: {}, body: { error: { code: 'NotFound', message: 'Not found.' } } };
      }
      res.writeHead(out.status, out.headers);
      if (out.bytes) res.end(out.bytes);
      else if (out.body !== undefined) res.end(JSON.stringify(out.body));
      else res.end();
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.origin = url;
  return {
    fake,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
