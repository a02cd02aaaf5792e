/** A local HTTP receiver for webhook tests, in the test process: records every POST, answers as told. */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  json: any;
}

export class WebhookReceiver {
  readonly received: Received[] = [];
  /** Per path: the statuses to answer in turn (the last one repeats); default 200. `hang` holds the request open. */
  readonly answers = new Map<string, (number | 'hang')[]>();
  private held: http.ServerResponse[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: any;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const path = req.url ?? '/';
      this.received.push({ path, headers: req.headers, body, json });
      const queue = this.answers.get(path) ?? [200];
      const answer = queue.length > 1 ? queue.shift()! : queue[0];
      if (answer === 'hang') {
        this.held.push(res);
        return;
      }
      if (answer >= 300 && answer < 400) res.setHeader('location', `${this.url}/internal`);
      res.statusCode = answer;
      res.end('ok');
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  /** Answers every held request with `status`. */
  release(status = 200): void {
    for (const res of this.held.splice(0)) {
      res.statusCode = status;
      res.end('ok');
    }
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls until `check` returns a value (not undefined/false); fails after a generous ceiling. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, withinMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - started > withinMs) throw new Error(`${what} did not happen within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
