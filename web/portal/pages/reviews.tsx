/**
 * The approver's queue (bureau and providers): applications waiting for this agency's review, with
 * reasons; approved ones waiting for this agency to provision, with their working-day deadline
 * (overdue in red). Every step is the public mutation; separation of duties is the platform's.
 */
import { useState } from 'react';
import { App, Button, Card, Input, Modal, Space, Tabs } from 'antd';
import { fetchData } from '../api';
import { APPLICATIONS, PROVISION_APPLICATION, REVIEW_APPLICATION } from '../queries';
import { currentSession, isBureau } from '../session';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';
import { ApplicationTable, type Application, type ApplicationPage } from '../components/application-table';

function ReviewButtons({ app, onDone }: { app: Application; onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<'approve' | 'reject'>();
  const [reason, setReason] = useState('');
  const decide = async () => {
    try {
      await fetchData(REVIEW_APPLICATION, { id: app.id, approve: open === 'approve', reason: reason.trim() || undefined });
      void message.success(open === 'approve' ? '已同意' : '已驳回');
      setOpen(undefined);
      onDone();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Space>
      <Button size="small" type="primary" onClick={() => setOpen('approve')} data-testid="review-approve">
        同意
      </Button>
      <Button size="small" danger onClick={() => setOpen('reject')}>
        驳回
      </Button>
      <Modal
        title={open === 'approve' ? '同意申请' : '驳回申请'}
        open={!!open}
        onOk={() => void decide()}
        onCancel={() => setOpen(undefined)}
        okButtonProps={{ 'data-testid': 'review-confirm' }}
      >
        <Input.TextArea
          rows={3}
          placeholder={open === 'reject' ? '驳回理由（必填）' : '审核意见（可选）'}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="review-reason"
        />
      </Modal>
    </Space>
  );
}

export function Reviews() {
  const session = currentSession();
  const me = session?.agency ?? '';
  const filter = isBureau(session) ? {} : { provider: me };
  const { data, error, loading, reload } = useQuery<ApplicationPage>(APPLICATIONS, { first: 100, filter });
  const rows = data?.sharingApplications?.edges.map((e) => e.node) ?? [];
  const toReview = rows.filter((a) => a.status === 'UNDER_REVIEW' && a.pendingReviewers.includes(me));
  const toProvision = rows.filter((a) => a.pendingProvisioners.includes(me) && ['APPROVED', 'PARTIALLY_PROVISIONED'].includes(a.status));
  const { message } = App.useApp();
  const provision = async (a: Application) => {
    try {
      await fetchData(PROVISION_APPLICATION, { id: a.id });
      void message.success('已开通');
      reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Card title="审核队列" extra={<Button onClick={reload}>刷新</Button>}>
      <Failure error={error} />
      <Tabs
        items={[
          {
            key: 'review',
            label: `待审核（${toReview.length}）`,
            children: <ApplicationTable rows={toReview} loading={loading} actions={(a) => <ReviewButtons app={a} onDone={reload} />} />,
          },
          {
            key: 'provision',
            label: `待开通（${toProvision.length}）`,
            children: (
              <ApplicationTable
                rows={toProvision}
                loading={loading}
                actions={(a) => (
                  <Button size="small" type="primary" onClick={() => void provision(a)} data-testid="provision">
                    开通
                  </Button>
                )}
              />
            ),
          },
          { key: 'all', label: '全部', children: <ApplicationTable rows={rows} loading={loading} /> },
        ]}
      />
    </Card>
  );
}
