/** The audit trail's hash chain, verified now by the platform (`auditChainStatus`, the bureau). */
import { Button, Card, Descriptions, Result } from 'antd';
import { when } from '../labels';
import { AUDIT_CHAIN } from '../queries';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';

interface ChainStatus {
  intact: boolean;
  events: number;
  headHash: string | null;
  brokenAtSeq: string | null;
  reason: string | null;
  checkedAt: string;
}

export function AuditChain() {
  const { data, error, loading, reload } = useQuery<{ auditChainStatus: ChainStatus | null }>(AUDIT_CHAIN);
  const s = data?.auditChainStatus;
  return (
    <Card title="审计链校验" loading={loading} extra={<Button onClick={reload}>重新校验</Button>}>
      <Failure error={error} />
      {s ? (
        <>
          <Result
            status={s.intact ? 'success' : 'error'}
            title={s.intact ? '审计链完整' : `审计链在第 ${s.brokenAtSeq ?? '?'} 条断开`}
            subTitle={s.reason ?? undefined}
          />
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="事件数">{s.events}</Descriptions.Item>
            <Descriptions.Item label="链头哈希">{s.headHash ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="校验时间">{when(s.checkedAt)}</Descriptions.Item>
          </Descriptions>
        </>
      ) : null}
    </Card>
  );
}
