/** The agency register (the bureau's approver): register an agency, suspend and reinstate, each with a reason. */
import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag } from 'antd';
import { fetchData } from '../api';
import { useAgencies, type Agency } from '../agencies';
import { when } from '../labels';
import { REGISTER_AGENCY, REINSTATE_AGENCY, SUSPEND_AGENCY } from '../queries';

const AGENCY_KIND: Record<string, string> = { ADMINISTERING: '主管部门', PROVIDER: '提供部门', CONSUMER: '使用部门' };

export function AgencyRegister() {
  const { list, reload } = useAgencies();
  const { message } = App.useApp();
  const [registering, setRegistering] = useState(false);
  const [form] = Form.useForm();
  const run = async (query: string, variables: Record<string, unknown>) => {
    try {
      await fetchData(query, variables);
      reload();
      return true;
    } catch (e) {
      void message.error((e as Error).message);
      return false;
    }
  };
  const change = (a: Agency, suspend: boolean) => {
    let reason = '';
    Modal.confirm({
      title: `${suspend ? '暂停' : '恢复'} ${a.name}`,
      content: <Input.TextArea rows={2} placeholder="理由" onChange={(e) => (reason = e.target.value)} />,
      onOk: () => run(suspend ? SUSPEND_AGENCY : REINSTATE_AGENCY, { code: a.code, reason }),
    });
  };
  return (
    <Card title="机构注册" extra={<Button onClick={() => setRegistering(true)}>登记新机构</Button>}>
      <Table<Agency>
        rowKey="code"
        size="small"
        dataSource={list}
        pagination={false}
        columns={[
          { title: '代码', dataIndex: 'code' },
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: string) => AGENCY_KIND[k] ?? k },
          { title: '提供', dataIndex: 'provides' },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: string, a: Agency) => <Tag color={s === 'ACTIVE' ? 'green' : 'red'}>{s === 'ACTIVE' ? '正常' : `暂停（${when(a.suspendedAt)}）`}</Tag>,
          },
          {
            title: '操作',
            key: 'a',
            render: (_: unknown, a: Agency) => (
              <Space>
                {a.status === 'ACTIVE' ? (
                  <Button size="small" danger onClick={() => change(a, true)}>
                    暂停
                  </Button>
                ) : (
                  <Button size="small" onClick={() => change(a, false)}>
                    恢复
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title="登记新机构"
        open={registering}
        onCancel={() => setRegistering(false)}
        onOk={() =>
          void form.validateFields().then(async (input: Record<string, string>) => {
            if (await run(REGISTER_AGENCY, { input })) setRegistering(false);
          })
        }
      >
        <Form form={form} layout="vertical" initialValues={{ kind: 'CONSUMER' }}>
          <Form.Item name="code" label="代码（小写字母与连字符）" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label="名称" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="类型">
            <Radio.Group
              options={[
                { value: 'CONSUMER', label: '使用部门' },
                { value: 'PROVIDER', label: '提供部门' },
              ]}
            />
          </Form.Item>
          <Form.Item name="provides" label="提供的数据（提供部门）">
            <Input />
          </Form.Item>
          <Form.Item name="description" label="说明">
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
