/**
 * The demand list (需求清单, Art. 16): an operator states a need (also for data not yet catalogued);
 * the bureau's approver assigns it to a provider with a working-day deadline; the provider's
 * approver answers (cannot provide: with its basis). Overdue answers are marked.
 */
import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { fetchData } from '../api';
import { useAgencies, useAgencyName } from '../agencies';
import { DEMAND_STATUS, label, when } from '../labels';
import { ANSWER_DEMAND, ASSIGN_DEMAND, DEMANDS, SUBMIT_DEMAND } from '../queries';
import { currentSession, hasPost, isBureau } from '../session';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';

interface Demand {
  id: string;
  applicant: string;
  need: string;
  purpose: string;
  legalBasis: string;
  items: string[] | null;
  suggestedProvider: string | null;
  status: string;
  submittedAt: string;
  provider: string | null;
  dueDay: string | null;
  overdue: boolean | null;
  willProvide: boolean | null;
  answer: string | null;
  answerBasis: string | null;
}

type Step = { kind: 'assign' | 'answer'; demand: Demand } | { kind: 'submit' };

function StepModal({ step, onClose }: { step: Step; onClose: (changed: boolean) => void }) {
  const { message } = App.useApp();
  const { list } = useAgencies();
  const [form] = Form.useForm();
  const titles = { submit: '提出数据需求', assign: '分派需求', answer: '答复需求' };
  const ok = async () => {
    const v = (await form.validateFields()) as Record<string, unknown>;
    try {
      if (step.kind === 'submit')
        await fetchData(SUBMIT_DEMAND, {
          input: {
            ...v,
            items: v.items
              ? String(v.items)
                  .split(/[,，\s]+/)
                  .filter(Boolean)
              : undefined,
          },
        });
      else if (step.kind === 'assign') await fetchData(ASSIGN_DEMAND, { id: step.demand.id, ...v });
      else await fetchData(ANSWER_DEMAND, { id: step.demand.id, ...v });
      onClose(true);
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Modal open title={titles[step.kind]} onOk={() => void ok()} onCancel={() => onClose(false)}>
      <Form form={form} layout="vertical" initialValues={{ dueInWorkingDays: 10, willProvide: true }}>
        {step.kind === 'submit' ? (
          <>
            <Form.Item name="need" label="需求描述" rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="purpose" label="用途" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="legalBasis" label="法律依据" rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="items" label="涉及的数据项（可选，逗号分隔）">
              <Input />
            </Form.Item>
          </>
        ) : null}
        {step.kind === 'assign' ? (
          <>
            <Form.Item name="provider" label="提供部门" rules={[{ required: true }]}>
              <Select options={list.filter((a) => a.kind !== 'CONSUMER').map((a) => ({ value: a.code, label: a.name }))} />
            </Form.Item>
            <Form.Item name="dueInWorkingDays" label="答复时限（工作日）" rules={[{ required: true }]}>
              <InputNumber min={1} max={60} />
            </Form.Item>
          </>
        ) : null}
        {step.kind === 'answer' ? (
          <>
            <Form.Item name="willProvide" label="能否提供">
              <Radio.Group
                options={[
                  { value: true, label: '可以提供' },
                  { value: false, label: '无法提供' },
                ]}
              />
            </Form.Item>
            <Form.Item name="answer" label="答复" rules={[{ required: true }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="basis" label="无法提供的依据">
              <Input />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

export function Demands() {
  const session = currentSession();
  const agencyName = useAgencyName();
  const { data, error, loading, reload } = useQuery<{ dataDemands: { edges: { node: Demand }[] } | null }>(DEMANDS, { first: 100 });
  const [step, setStep] = useState<Step>();
  const approver = hasPost(session, 'approver');
  return (
    <Card
      title="需求清单"
      extra={
        <Space>
          {hasPost(session, 'operator') ? <Button onClick={() => setStep({ kind: 'submit' })}>提出需求</Button> : null}
          <Button onClick={reload}>刷新</Button>
        </Space>
      }
    >
      <Failure error={error} />
      <Table<Demand>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.dataDemands?.edges.map((e) => e.node) ?? []}
        columns={[
          { title: '提交时间', dataIndex: 'submittedAt', render: when },
          { title: '需求部门', dataIndex: 'applicant', render: (c: string) => agencyName(c) },
          { title: '需求', dataIndex: 'need' },
          { title: '用途', dataIndex: 'purpose' },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{label(DEMAND_STATUS, s)}</Tag> },
          { title: '提供部门', dataIndex: 'provider', render: (c: string | null) => agencyName(c) },
          {
            title: '答复时限',
            dataIndex: 'dueDay',
            render: (d: string | null, r: Demand) => (
              <Space>
                {d ?? '—'}
                {r.overdue ? <Tag color="red">已逾期</Tag> : null}
              </Space>
            ),
          },
          {
            title: '答复',
            dataIndex: 'answer',
            render: (a: string | null, r: Demand) =>
              a ? `${r.willProvide ? '可以提供' : '无法提供'}：${a}${r.answerBasis ? `（依据：${r.answerBasis}）` : ''}` : '—',
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, r: Demand) => (
              <Space>
                {approver && isBureau(session) && r.status === 'SUBMITTED' ? (
                  <Button size="small" onClick={() => setStep({ kind: 'assign', demand: r })}>
                    分派
                  </Button>
                ) : null}
                {approver && r.status === 'ASSIGNED' && r.provider === session?.agency ? (
                  <Button size="small" onClick={() => setStep({ kind: 'answer', demand: r })}>
                    答复
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {step ? (
        <StepModal
          step={step}
          onClose={(changed) => {
            setStep(undefined);
            if (changed) reload();
          }}
        />
      ) : null}
    </Card>
  );
}
