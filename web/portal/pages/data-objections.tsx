/**
 * Data objections (异议核实, Art. 11): an operator that read a value objects to it (item, the
 * record's key as the API serves it, e.g. Person.id, the claim and evidence); the provider's
 * approver resolves it within 5 working days. Overdue ones are marked.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import { fetchData } from '../api';
import { useAgencyName } from '../agencies';
import { OBJECTION_OUTCOME, OBJECTION_STATUS, label, when } from '../labels';
import { DATA_OBJECTIONS, RAISE_DATA_OBJECTION, RESOLVE_DATA_OBJECTION } from '../queries';
import { currentSession, hasPost } from '../session';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';

interface Objection {
  id: string;
  item: string;
  claim: string;
  evidence: string;
  raisedBy: string;
  raisedAt: string;
  provider: string;
  dueDay: string;
  overdue: boolean;
  status: string;
  outcome: string | null;
  reason: string | null;
  resolvedAt: string | null;
}

function FormModal({ resolve, onClose }: { resolve?: Objection; onClose: (changed: boolean) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const ok = async () => {
    const v = (await form.validateFields()) as Record<string, string>;
    try {
      if (resolve) await fetchData(RESOLVE_DATA_OBJECTION, { id: resolve.id, outcome: v.outcome, reason: v.reason });
      else await fetchData(RAISE_DATA_OBJECTION, { input: v });
      onClose(true);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Modal open title={resolve ? '办结异议' : '提出数据异议'} onOk={() => void ok()} onCancel={() => onClose(false)}>
      <Form form={form} layout="vertical" initialValues={{ outcome: 'CORRECTED' }}>
        {resolve ? (
          <>
            <Form.Item name="outcome" label="结果">
              <Radio.Group options={Object.entries(OBJECTION_OUTCOME).map(([value, l]) => ({ value, label: l }))} />
            </Form.Item>
            <Form.Item name="reason" label="说明" rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : (
          <>
            <Form.Item name="item" label="数据项（如 Person.phone）" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="key" label="记录标识（接口返回的 id）" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="claim" label="异议内容" rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="evidence" label="证据" rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

export function DataObjections() {
  const session = currentSession();
  const agencyName = useAgencyName();
  const { data, error, loading, reload } = useQuery<{ dataObjections: { edges: { node: Objection }[] } | null }>(DATA_OBJECTIONS, { first: 100 });
  const [modal, setModal] = useState<{ resolve?: Objection }>();
  return (
    <Card
      title="数据异议"
      extra={
        <Space>
          {hasPost(session, 'operator') ? <Button onClick={() => setModal({})}>提出异议</Button> : null}
          <Button onClick={reload}>刷新</Button>
        </Space>
      }
    >
      <Failure error={error} />
      <Table<Objection>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.dataObjections?.edges.map((e) => e.node) ?? []}
        columns={[
          { title: '提出时间', dataIndex: 'raisedAt', render: when },
          { title: '提出部门', dataIndex: 'raisedBy', render: (c: string) => agencyName(c) },
          { title: '数据项', dataIndex: 'item' },
          { title: '异议', dataIndex: 'claim' },
          { title: '提供部门', dataIndex: 'provider', render: (c: string) => agencyName(c) },
          {
            title: '时限',
            dataIndex: 'dueDay',
            render: (d: string, o: Objection) => (
              <Space>
                {d}
                {o.overdue ? <Tag color="red">已逾期</Tag> : null}
              </Space>
            ),
          },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string, o: Objection) => `${label(OBJECTION_STATUS, s)}${o.outcome ? `：${label(OBJECTION_OUTCOME, o.outcome)}` : ''}`,
          },
          {
            title: '操作',
            key: 'a',
            render: (_: unknown, o: Objection) =>
              hasPost(session, 'approver') && o.status === 'OPEN' && (o.provider === session?.agency || session?.agency === 'data-bureau') ? (
                <Button size="small" onClick={() => setModal({ resolve: o })}>
                  办结
                </Button>
              ) : null,
          },
        ]}
      />
      {modal ? (
        <FormModal
          resolve={modal.resolve}
          onClose={(changed) => {
            setModal(undefined);
            if (changed) reload();
          }}
        />
      ) : null}
    </Card>
  );
}
