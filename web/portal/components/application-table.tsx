/** Applications as a table: status, reviewers still to decide, provisioning deadline (overdue in red). */
import type { ReactNode } from 'react';
import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useAgencyName } from '../agencies';
import { APPLICATION_STATUS, MASK, label, when } from '../labels';

export interface Application {
  id: string;
  applicantCode: string;
  operator: string;
  items: string[];
  conditionalItems: string[];
  providers: string[];
  purpose: string;
  justification: string;
  legalBasis: string | null;
  requestedMasks: { item: string; mask: string }[];
  validUntil: string | null;
  status: string;
  submittedAt: string;
  decidedAt: string | null;
  rejectionReason: string | null;
  reviews: { reviewer: string; role: string; approve: boolean; reason: string | null; operator: string; at: string }[];
  pendingReviewers: string[];
  provisions: { provider: string; items: string[]; at: string; delayWorkingDays: number | null }[];
  pendingProvisioners: string[];
  provisioningDeadline: string | null;
  overdue: boolean | null;
  provisioningDelayWorkingDays: number | null;
  grant: { id: string; status: string } | null;
}

export interface ApplicationPage {
  sharingApplications: { totalCount: number; edges: { node: Application }[] } | null;
}

const STATUS_COLOR: Record<string, string> = {
  UNDER_REVIEW: 'processing',
  APPROVED: 'gold',
  PROVISIONED: 'green',
  GRANTED: 'green',
  REJECTED: 'red',
  REVOKED: 'red',
};

export function Deadline({ app }: { app: Application }) {
  if (!app.provisioningDeadline) return <>—</>;
  return (
    <Space size={4}>
      <span>{app.provisioningDeadline}</span>
      {app.overdue ? (
        <Tag color="red" data-testid="overdue">
          已逾期
        </Tag>
      ) : null}
    </Space>
  );
}

export function ApplicationTable({ rows, loading, actions }: { rows: Application[]; loading: boolean; actions?: (a: Application) => ReactNode }) {
  const agencyName = useAgencyName();
  return (
    <Table<Application>
      rowKey="id"
      loading={loading}
      dataSource={rows}
      size="small"
      data-testid="applications"
      rowClassName={(a) => (a.overdue ? 'overdue-row' : '')}
      expandable={{
        expandedRowRender: (a) => (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="理由">{a.justification}</Descriptions.Item>
            <Descriptions.Item label="法律依据">{a.legalBasis ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="申请的脱敏">
              {a.requestedMasks.length ? a.requestedMasks.map((m) => `${m.item}：${label(MASK, m.mask)}`).join('；') : '按默认'}
            </Descriptions.Item>
            <Descriptions.Item label="审核记录">
              {a.reviews.length
                ? a.reviews.map((r) => (
                    <div key={`${r.reviewer}-${r.at}`}>
                      {when(r.at)} {agencyName(r.reviewer)}（{r.operator}）：{r.approve ? '同意' : '不同意'}
                      {r.reason ? `，${r.reason}` : ''}
                    </div>
                  ))
                : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="开通记录">
              {a.provisions.length ? a.provisions.map((p) => `${when(p.at)} ${agencyName(p.provider)}：${p.items.join('、')}`).join('；') : '—'}
            </Descriptions.Item>
            {a.rejectionReason ? <Descriptions.Item label="驳回理由">{a.rejectionReason}</Descriptions.Item> : null}
          </Descriptions>
        ),
      }}
      columns={[
        { title: '提交时间', dataIndex: 'submittedAt', render: when, width: 170 },
        { title: '申请部门', dataIndex: 'applicantCode', render: (c: string) => agencyName(c) },
        { title: '数据项', dataIndex: 'items', render: (items: string[]) => <Typography.Text style={{ fontSize: 12 }}>{items.join('、')}</Typography.Text> },
        { title: '用途', dataIndex: 'purpose' },
        {
          title: '状态',
          dataIndex: 'status',
          render: (s: string) => (
            <Tag color={STATUS_COLOR[s] ?? 'default'} data-testid="application-status">
              {label(APPLICATION_STATUS, s)}
            </Tag>
          ),
        },
        { title: '待审核', dataIndex: 'pendingReviewers', render: (p: string[]) => p.map(agencyName).join('、') || '—' },
        { title: '待开通', dataIndex: 'pendingProvisioners', render: (p: string[]) => p.map(agencyName).join('、') || '—' },
        { title: '开通时限', key: 'deadline', render: (_: unknown, a: Application) => <Deadline app={a} /> },
        ...(actions ? [{ title: '操作', key: 'actions', render: (_: unknown, a: Application) => actions(a) }] : []),
      ]}
    />
  );
}
