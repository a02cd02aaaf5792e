/** Audit events as a table: who, what was served, masked or refused, why, and the request to trace. */
import { Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useAgencyName } from '../agencies';
import { DECISION, label, when } from '../labels';

export interface AuditEvent {
  seq: string;
  at: string;
  requestId: string;
  subgraph: string;
  agencyCode: string | null;
  operator: string | null;
  purpose: string | null;
  operation: string | null;
  resource: string | null;
  itemsServed: string[];
  itemsMasked: string[];
  itemsRefused: string[];
  correlationId: string | null;
  refusalReason: string | null;
  decision: string;
  hash: string;
  prevHash?: string;
}

const DECISION_COLOR: Record<string, string> = { SERVED: 'green', MASKED: 'blue', REFUSED: 'red', PARTIAL: 'orange' };
const items = (testId: string) => (list: string[]) =>
  list.length ? (
    <Typography.Text style={{ fontSize: 12 }} data-testid={testId}>
      {list.join('、')}
    </Typography.Text>
  ) : (
    '—'
  );

export function AuditTable({ rows, loading, traceLinks = true }: { rows: AuditEvent[]; loading: boolean; traceLinks?: boolean }) {
  const agencyName = useAgencyName();
  return (
    <Table<AuditEvent>
      rowKey="seq"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={false}
      data-testid="audit-events"
      scroll={{ x: 1200 }}
      columns={[
        { title: '#', dataIndex: 'seq', width: 70 },
        { title: '时间', dataIndex: 'at', render: when, width: 165 },
        { title: '部门', dataIndex: 'agencyCode', render: (c: string | null) => agencyName(c) },
        { title: '操作员', dataIndex: 'operator' },
        { title: '子图', dataIndex: 'subgraph' },
        { title: '资源', dataIndex: 'resource' },
        { title: '用途', dataIndex: 'purpose' },
        { title: '结果', dataIndex: 'decision', render: (d: string) => <Tag color={DECISION_COLOR[d]}>{label(DECISION, d)}</Tag> },
        { title: '提供', dataIndex: 'itemsServed', render: items('items-served') },
        { title: '脱敏', dataIndex: 'itemsMasked', render: items('items-masked') },
        { title: '拒绝', dataIndex: 'itemsRefused', render: items('items-refused') },
        {
          title: '请求',
          dataIndex: 'requestId',
          render: (id: string) =>
            traceLinks ? (
              <Link to={`/audit/trace/${encodeURIComponent(id)}`} data-testid="trace-link">
                追踪
              </Link>
            ) : (
              <Typography.Text style={{ fontSize: 11 }}>{id}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
