/**
 * Grants: an agency's own (what it may read, for which purposes, under which masking), a provider's
 * on its items (revoke: its own items only, the platform enforces it), the bureau's all.
 */
import { useState } from 'react';
import { App, Button, Card, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { fetchData } from '../api';
import { useAgencyName } from '../agencies';
import { GRANT_STATUS, MASK, label, when } from '../labels';
import { GRANTS, REVOKE_GRANT } from '../queries';
import { currentSession, hasPost } from '../session';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';

export interface Grant {
  id: string;
  agencyCode: string;
  items: string[];
  purposes: string[];
  masks: { item: string; mask: string }[];
  rowScope: string | null;
  validFrom: string;
  validTo: string | null;
  status: string;
  revokedAt: string | null;
  revokedReason: string | null;
  revokedBy: string | null;
  applicationId: string | null;
  createdAt: string;
}

export interface GrantPage {
  grants: { totalCount: number; edges: { node: Grant }[] } | null;
}

function RevokeButton({ grant, onDone }: { grant: Grant; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const revoke = async () => {
    try {
      await fetchData(REVOKE_GRANT, { id: grant.id, reason: reason.trim() });
      void message.success('已撤销本部门提供的数据项');
      setOpen(false);
      onDone();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)}>
        撤销
      </Button>
      <Modal title="撤销授权（仅本部门提供的数据项）" open={open} onOk={() => void revoke()} onCancel={() => setOpen(false)}>
        <Input.TextArea rows={3} placeholder="撤销理由" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}

export function Grants() {
  const session = currentSession();
  const agencyName = useAgencyName();
  const [status, setStatus] = useState<string | undefined>('LIVE');
  const { data, error, loading, reload } = useQuery<GrantPage>(GRANTS, { first: 100, status });
  const approver = hasPost(session, 'approver');
  const operator = hasPost(session, 'operator');
  return (
    <Card
      title="授权"
      extra={
        <Space>
          <Select
            allowClear
            placeholder="全部状态"
            value={status}
            onChange={setStatus}
            style={{ width: 120 }}
            options={Object.entries(GRANT_STATUS).map(([value, l]) => ({ value, label: l }))}
          />
          <Button onClick={reload}>刷新</Button>
        </Space>
      }
    >
      <Failure error={error} />
      <Table<Grant>
        rowKey="id"
        size="small"
        loading={loading}
        data-testid="grants"
        dataSource={data?.grants?.edges.map((e) => e.node) ?? []}
        columns={[
          { title: '部门', dataIndex: 'agencyCode', render: (c: string) => agencyName(c) },
          { title: '数据项', dataIndex: 'items', render: (items: string[]) => <Typography.Text style={{ fontSize: 12 }}>{items.join('、')}</Typography.Text> },
          { title: '用途', dataIndex: 'purposes', render: (p: string[]) => p.join('；') },
          {
            title: '脱敏',
            dataIndex: 'masks',
            render: (masks: Grant['masks']) => (masks.length ? masks.map((m) => `${m.item}：${label(MASK, m.mask)}`).join('；') : '按默认'),
          },
          { title: '有效期', key: 'valid', render: (_: unknown, g: Grant) => `${when(g.validFrom)} 至 ${g.validTo ? when(g.validTo) : '长期'}` },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string, g: Grant) => (
              <Space orientation="vertical" size={0}>
                <Tag color={s === 'LIVE' ? 'green' : 'default'}>{label(GRANT_STATUS, s)}</Tag>
                {g.revokedReason ? <Typography.Text type="secondary">{g.revokedReason}</Typography.Text> : null}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, g: Grant) => (
              <Space>
                {operator && g.status === 'LIVE' && g.agencyCode === session?.agency ? (
                  <Link to={`/query?purpose=${encodeURIComponent(g.purposes[0] ?? '')}&type=${encodeURIComponent(g.items[0]?.split('.')[0] ?? '')}`}>查询</Link>
                ) : null}
                {approver && g.status === 'LIVE' && g.agencyCode !== session?.agency ? <RevokeButton grant={g} onDone={reload} /> : null}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
