/** Rectification notices (整改通知) raised to the agency: what was found, by when; the approver reports the fix. */
import { useState } from 'react';
import { App, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { fetchData } from '../api';
import { useAgencyName } from '../agencies';
import { NOTICE_STATUS, label, when } from '../labels';
import { ACKNOWLEDGE_NOTICE, NOTICES } from '../queries';
import { currentSession, hasPost } from '../session';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';

interface Notice {
  id: string;
  agency: string;
  rule: string;
  evidenceType: string;
  finding: string;
  status: string;
  raisedAt: string;
  dueDay: string;
  escalated: boolean;
  fix: string | null;
  closingNote: string | null;
}

export function Notices() {
  const session = currentSession();
  const agencyName = useAgencyName();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useQuery<{ rectificationNotices: { edges: { node: Notice }[] } | null }>(NOTICES, { first: 100 });
  const [acknowledging, setAcknowledging] = useState<Notice>();
  const [fix, setFix] = useState('');
  const acknowledge = async () => {
    try {
      await fetchData(ACKNOWLEDGE_NOTICE, { id: acknowledging!.id, fix: fix.trim() });
      setAcknowledging(undefined);
      reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Card title="整改通知" extra={<Button onClick={reload}>刷新</Button>}>
      <Failure error={error} />
      <Table<Notice>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.rectificationNotices?.edges.map((e) => e.node) ?? []}
        columns={[
          { title: '下发时间', dataIndex: 'raisedAt', render: when },
          { title: '部门', dataIndex: 'agency', render: (c: string) => agencyName(c) },
          { title: '规则', dataIndex: 'rule' },
          { title: '发现', dataIndex: 'finding' },
          {
            title: '整改时限',
            dataIndex: 'dueDay',
            render: (d: string, n: Notice) => (
              <Space>
                {d}
                {n.escalated ? <Tag color="red">已升级</Tag> : null}
              </Space>
            ),
          },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{label(NOTICE_STATUS, s)}</Tag> },
          { title: '整改情况', dataIndex: 'fix', render: (f: string | null) => f ?? '—' },
          {
            title: '操作',
            key: 'a',
            render: (_: unknown, n: Notice) =>
              hasPost(session, 'approver') && n.status === 'OPEN' && n.agency === session?.agency ? (
                <Button size="small" onClick={() => setAcknowledging(n)}>
                  反馈整改
                </Button>
              ) : null,
          },
        ]}
      />
      <Modal title="反馈整改情况" open={!!acknowledging} onOk={() => void acknowledge()} onCancel={() => setAcknowledging(undefined)}>
        <Input.TextArea rows={3} value={fix} onChange={(e) => setFix(e.target.value)} />
      </Modal>
    </Card>
  );
}
