/**
 * A small, bounded load loop for the fault tests: `concurrency` workers, each sending one request
 * after another to the router (with a short pause), round-robin over the given kinds, and keeping
 * every outcome: when it was sent and answered, its HTTP status, its error codes, whether it
 * carried data, its request id (to find its audit rows) or the network error that ended it.
 */
import { agencyHeaders } from './platform';

export interface Outcome {
  kind: string;
  sentAt: number;
  at: number;
  status: number;
  /** Every `extensions.code` of the answer's errors. */
  codes: string[];
  /** Each error's code and `extensions.serviceName`, when it names one. */
  services: string[];
  /** The answer carried data for its root field (not null). */
  served: boolean;
  requestId?: string;
  /** A request that got no HTTP answer (connection refused or reset). */
  networkError?: string;
}

export interface RequestKind {
  kind: string;
  query: string;
  variables: () => Record<string, unknown>;
  headers: Record<string, string>;
}

const PERSON = `query FaultPerson($n: String!) { personByIdNumber(idNumber: $n) { gender name idNumber } }`;
const ENTERPRISE = `query FaultEnterprise($u: String!) { legalPersonByUscc(uscc: $u) { name uscc status } }`;

/** person: population, conditional items (human-resources' grant); enterprise: legal-person, open items. */
export async function standardKinds(sample: { idNumbers: string[]; usccs: string[] }): Promise<RequestKind[]> {
  let i = 0;
  const next = <T>(list: T[]) => list[i++ % list.length];
  const kinds: RequestKind[] = [
    {
      kind: 'person',
      query: PERSON,
      variables: () => ({ n: next(sample.idNumbers) }),
      headers: await agencyHeaders('human-resources', '社会保险待遇资格认证'),
    },
  ];
  if (sample.usccs.length)
    kinds.push({ kind: 'enterprise', query: ENTERPRISE, variables: () => ({ u: next(sample.usccs) }), headers: await agencyHeaders('taxation', '综合治税') });
  return kinds;
}

export async function send(routerUrl: string, k: RequestKind, signal?: AbortSignal): Promise<Outcome> {
  const sentAt = Date.now();
  try {
    const res = await fetch(routerUrl, { method: 'POST', headers: k.headers, body: JSON.stringify({ query: k.query, variables: k.variables() }), signal });
    const text = await res.text();
    let body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string; serviceName?: string } }[] } = {};
    try {
      body = JSON.parse(text);
    } catch {
      /* a non-JSON answer: no codes, no data */
    }
    const errors = body.errors ?? [];
    return {
      kind: k.kind,
      sentAt,
      at: Date.now(),
      status: res.status,
      codes: errors.map((e) => e.extensions?.code ?? 'NONE'),
      services: errors.map((e) => e.extensions?.serviceName ?? ''),
      served: !!body.data && Object.values(body.data).some((v) => v !== null && v !== undefined),
      requestId: res.headers.get('x-request-id') ?? undefined,
    };
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    return { kind: k.kind, sentAt, at: Date.now(), status: 0, codes: [], services: [], served: false, networkError: cause?.code ?? (e as Error).message };
  }
}

export class LoadLoop {
  readonly outcomes: Outcome[] = [];
  private running = true;
  private readonly workers: Promise<void>[];

  constructor(
    private readonly routerUrl: string,
    kinds: RequestKind[],
    concurrency = 2,
    pauseMs = 50,
  ) {
    let n = 0;
    this.workers = Array.from({ length: concurrency }, async () => {
      while (this.running) {
        this.outcomes.push(await send(this.routerUrl, kinds[n++ % kinds.length]));
        await new Promise((r) => setTimeout(r, pauseMs));
      }
    });
  }

  /** Outcomes of one kind answered after `t`. */
  since(t: number, kind?: string): Outcome[] {
    return this.outcomes.filter((o) => o.at >= t && (!kind || o.kind === kind));
  }

  async stop(): Promise<Outcome[]> {
    this.running = false;
    await Promise.all(this.workers);
    return this.outcomes;
  }
}
