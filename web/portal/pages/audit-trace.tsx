/** One request's trace across subgraphs (`auditTrace`), in chain order, with each event's hash link. */
import { Card, Descriptions, Typography } from 'antd';
import { useParams } from 'react-router';
import { AUDIT_TRACE } from '../queries';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';
import { AuditTable, type AuditEvent } from '../components/audit-table';

export function AuditTrace() {
  const { requestId = '' } = useParams();
  const { data, error, loading } = useQuery<{ auditTrace: AuditEvent[] | null }>(AUDIT_TRACE, { requestId });
  const events = data?.auditTrace ?? [];
  return (
    <Card title="请求追踪">
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="请求编号">
          <Typography.Text copyable data-testid="trace-request-id">
            {requestId}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="经过的子图">{[...new Set(events.map((e) => e.subgraph))].join(' → ') || '—'}</Descriptions.Item>
      </Descriptions>
      <Failure error={error} />
      <div data-testid="trace-events">
        <AuditTable rows={events} loading={loading} traceLinks={false} />
      </div>
    </Card>
  );
}
