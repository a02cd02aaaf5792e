/** A citizen's or enterprise's own access history (`myAccessHistory`): who read which items, when, why. */
import { Card, Table, Tag, Typography } from 'antd';
import { DECISION, label, when } from '../labels';
import { MY_ACCESS_HISTORY } from '../queries';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';

interface AccessRecord {
  at: string;
  agencyCode: string;
  agency: { name: string } | null;
  purpose: string | null;
  operation: string | null;
  resource: string | null;
  subgraph: string;
  items: string[];
  maskedItems: string[];
  refusedItems: string[];
  decision: string;
  reference: string;
}

export function AccessHistory() {
  const { data, error, loading } = useQuery<{ myAccessHistory: { totalCount: number; edges: { node: AccessRecord }[] } | null }>(MY_ACCESS_HISTORY, {
    first: 100,
  });
  return (
    <Card title="我的数据被查询记录">
      <Typography.Paragraph type="secondary">
        哪个部门、在什么时间、为了什么用途查询了您的哪些数据（《条例》：每次访问均记入审计）。共 {data?.myAccessHistory?.totalCount ?? 0} 条。
      </Typography.Paragraph>
      <Failure error={error} />
      <Table<AccessRecord>
        rowKey="reference"
        size="small"
        loading={loading}
        data-testid="access-history"
        dataSource={data?.myAccessHistory?.edges.map((e) => e.node) ?? []}
        columns={[
          { title: '时间', dataIndex: 'at', render: when },
          { title: '部门', key: 'agency', render: (_: unknown, r: AccessRecord) => r.agency?.name ?? r.agencyCode },
          { title: '用途', dataIndex: 'purpose' },
          { title: '数据项', dataIndex: 'items', render: (i: string[]) => i.join('、') },
          { title: '其中脱敏', dataIndex: 'maskedItems', render: (i: string[]) => i.join('、') || '—' },
          { title: '结果', dataIndex: 'decision', render: (d: string) => <Tag>{label(DECISION, d)}</Tag> },
        ]}
      />
    </Card>
  );
}
