/**
 * A local fake of the Bot Framework Connector service (the REST API Teams exposes at a conversation's
 * `serviceUrl`), for tests and the bench. It records every request and every activity it accepts, and can
 * be told to answer with failures (429 with or without Retry-After, 403, 404, 412, 502...) the way the
 * real service does. Point a conversation reference's `serviceUrl` at `url` and proactive sends land here.
 *
 *   POST /v3/conversations/{id}/activities          send to a conversation (a new thread in a channel)
 *   POST /v3/conversations/{id}/activities/{reply}  reply to an activity
 *   PUT  /v3/conversations/{id}/activities/{id}     update an activity
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedActivity {
  conversationId: string;
  activity: Record<string, unknown>;
  /** From the fake's clock (virtual in tests that use one). */
  at: number;
  /** Whether the request carried an Authorization header (it must not, without an app id). */
  authorized: boolean;
}

export interface RecordedRequest {
  method: string;
  conversationId: string;
  status: number;
  at: number;
}

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
}

/** Decides the answer to one send: a scripted failure, or undefined to accept it. */
export type Rule = (
  conversationId: string,
  activity: Record<string, unknown>,
) => ScriptedResponse | undefined;

export class FakeBotConnector {
  /** Activities accepted (2xx), in order. */
  readonly posted: RecordedActivity[] = [];
  /** Activities updated (PUT). */
  readonly updated: RecordedActivity[] = [];
  /** Every send attempt with the status it got. */
  readonly requests: RecordedRequest[] = [];
  private readonly queue: ScriptedResponse[] = [];
  private rule: Rule | undefined;
  private nextId = 1;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly clock: () => number,
  ) {}

  static async start(options: { clock?: () => number } = {}): Promise<FakeBotConnector> {
    const ready: { fake?: FakeBotConnector } = {};
    const server = createServer((req, res) => {
      const fake = ready.fake;
      if (!fake) {
        res.statusCode = 503;
        res.end();
        return;
      }
      fake.handle(req, res).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // eslint-disable-next-line no-restricted-syntax -- real time: the connector’s tokens expire in real time
    ready.fake = new FakeBotConnector(server, `http://127.0.0.1:${port}/`, options.clock ?? Date.now);
    return ready.fake;
  }

  /** The next sends get these answers, in order (then back to accepting). */
  respondWith(...responses: ScriptedResponse[]): void {
    this.queue.push(...responses);
  }

  /** Answers every send the rule returns a response for (e.g. 403 for one conversation). */
  setRule(rule: Rule | undefined): void {
    this.rule = rule;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (!m) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const conversationId = decodeURIComponent(m[1] as string);
    const activity = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const at = this.clock();
    const record: RecordedActivity = {
      conversationId,
      activity,
      at,
      authorized: typeof req.headers.authorization === 'string' && req.headers.authorization !== '',
    };
    const answer =
      req.method === 'PUT' ? undefined : (this.queue.shift() ?? this.rule?.(conversationId, activity));
    const status = answer?.status ?? 200;
    this.requests.push({ method: req.method ?? '', conversationId, status, at });
    if (answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify({ error: { code: 'Scripted', message: `scripted ${answer.status}` } }));
      return;
    }
    if (req.method === 'PUT') this.updated.push(record);
    else this.posted.push(record);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: req.method === 'PUT' ? m[2] : `activity-${this.nextId++}` }));
  }
}
