/**
 * The offline explorer (issue 14): GraphiQL from npm, bundled with its editor workers and styles,
 * pointed at the router that serves it. Each field's sharing class is the first line of its
 * description (platform/policy/describe.ts), so the docs pane shows it.
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import type { ExecutionResult } from 'graphql';
import { purposeHeaders } from './purpose';
import { OpenType } from './open-type';

/** The GraphQL endpoint: the router names its path in a meta tag (router/web-pages.ts). */
const endpoint = document.querySelector<HTMLMetaElement>('meta[name="graphql-endpoint"]')?.content ?? '/';

const DEFAULT_HEADERS = JSON.stringify(
  {
    Authorization: 'Bearer <令牌：npm run -s token -- --agency human-resources>',
    'x-purpose': '社会保险待遇资格认证',
  },
  null,
  2,
);

const DEFAULT_QUERY = `# 衡阳市政务数据共享平台。在右侧“Headers”中填入令牌与用途（用途可直接写中文，发送时自动编码）。
# 文档面板中每个字段的第一行是它的共享类型、开放类型、安全等级、默认脱敏与提供部门。
query Persons {
  persons(first: 2) {
    edges {
      node {
        name
        idNumber
        gender
      }
    }
  }
}
`;

interface GraphQLParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

async function fetcher(params: GraphQLParams, options?: { headers?: Record<string, unknown> }): Promise<ExecutionResult> {
  const headers = purposeHeaders(options?.headers ?? {});
  // Apollo-style CSRF protection at the router wants a content type it cannot get from a form.
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify(params),
  });
  return (await response.json()) as ExecutionResult;
}

const typeToOpen = new URLSearchParams(window.location.search).get('type');

createRoot(document.getElementById('explorer')!).render(
  <GraphiQL fetcher={fetcher} defaultHeaders={DEFAULT_HEADERS} defaultQuery={DEFAULT_QUERY} shouldPersistHeaders={false}>
    <GraphiQL.Footer>{typeToOpen ? <OpenType name={typeToOpen} /> : null}</GraphiQL.Footer>
  </GraphiQL>,
);
