/**
 * The catalogue register (the bureau's approver): edit an item's published conditions and basis
 * (`editCatalogueItem`), reclassify it (`reclassifyCatalogueItem`: stricter at once; looser is
 * REVIEW_REQUIRED, only through an objection's argumentation review), and read its versions.
 */
import { useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { fetchData } from '../api';
import { MASK, OPEN_TYPE, SHARING_TYPE, label, when } from '../labels';
import { EDIT_ITEM, ITEMS_OF_TYPE, ITEM_HISTORY, RECLASSIFY_ITEM } from '../queries';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';
import { OpenTag, SharingTag } from '../components/sharing-tags';
import type { CatalogItem } from './resource';

interface Version {
  item: string;
  version: number;
  sharingType: string;
  openType: string;
  level: string;
  mask: string;
  basis: string | null;
  conditions: string | null;
  authorAgency: string | null;
  authorOperator: string | null;
  reason: string | null;
  changedAt: string;
}

function History({ item }: { item: string }) {
  const { data } = useQuery<{ catalogueItemHistory: Version[] | null }>(ITEM_HISTORY, { item });
  return (
    <Table<Version>
      rowKey="version"
      size="small"
      pagination={false}
      dataSource={data?.catalogueItemHistory ?? []}
      columns={[
        { title: '版本', dataIndex: 'version' },
        { title: '时间', dataIndex: 'changedAt', render: when },
        { title: '共享', dataIndex: 'sharingType', render: (t: string) => label(SHARING_TYPE, t) },
        { title: '开放', dataIndex: 'openType', render: (t: string) => label(OPEN_TYPE, t) },
        { title: '等级', dataIndex: 'level' },
        { title: '脱敏', dataIndex: 'mask', render: (m: string) => label(MASK, m) },
        { title: '修改人', key: 'by', render: (_: unknown, v: Version) => `${v.authorAgency ?? ''} ${v.authorOperator ?? ''}` },
        { title: '理由', dataIndex: 'reason' },
      ]}
    />
  );
}

export function CatalogueRegister() {
  const { message } = App.useApp();
  const [keyword, setKeyword] = useState('');
  const { data, error, loading, reload } = useQuery<{ catalogResources: { code: string; items: CatalogItem[] }[] }>(ITEMS_OF_TYPE, {
    keyword: keyword || undefined,
  });
  const items = useMemo(
    () =>
      (data?.catalogResources ?? [])
        .flatMap((r) => r.items)
        .filter((i) => !keyword || i.name.toLowerCase().includes(keyword.toLowerCase()) || (i.description ?? '').includes(keyword)),
    [data, keyword],
  );
  const [editing, setEditing] = useState<{ item: CatalogItem; mode: 'edit' | 'reclassify' }>();
  const [form] = Form.useForm();
  const save = async () => {
    const v = (await form.validateFields()) as Record<string, string | undefined>;
    const input = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''));
    try {
      await fetchData(editing!.mode === 'edit' ? EDIT_ITEM : RECLASSIFY_ITEM, { item: editing!.item.name, input });
      void message.success('已登记，各子图一秒内生效');
      setEditing(undefined);
      form.resetFields();
      reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <Card title="目录登记">
      <Input.Search placeholder="数据项或资源关键词" allowClear onSearch={setKeyword} style={{ maxWidth: 320, marginBottom: 16 }} />
      <Failure error={error} />
      <Table<CatalogItem>
        rowKey="name"
        size="small"
        loading={loading}
        dataSource={items}
        expandable={{ expandedRowRender: (i) => <History item={i.name} /> }}
        columns={[
          { title: '数据项', dataIndex: 'name', render: (n: string) => <Typography.Text code>{n}</Typography.Text> },
          { title: '共享', dataIndex: 'sharingType', render: (t: string) => <SharingTag type={t} /> },
          { title: '开放', dataIndex: 'openType', render: (t: string) => <OpenTag type={t} /> },
          { title: '等级', dataIndex: 'level', render: (l: string) => <Tag>{l}</Tag> },
          { title: '默认脱敏', dataIndex: 'mask', render: (m: string) => label(MASK, m) },
          { title: '共享条件', dataIndex: 'sharingCondition', ellipsis: true },
          {
            title: '操作',
            key: 'a',
            render: (_: unknown, i: CatalogItem) => (
              <Space>
                <Button size="small" onClick={() => setEditing({ item: i, mode: 'edit' })}>
                  编辑条件
                </Button>
                <Button size="small" onClick={() => setEditing({ item: i, mode: 'reclassify' })}>
                  重新分类
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing ? `${editing.mode === 'edit' ? '编辑共享条件' : '重新分类'}：${editing.item.name}` : ''}
        open={!!editing}
        onOk={() => void save()}
        onCancel={() => setEditing(undefined)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {editing?.mode === 'reclassify' ? (
            <>
              <Typography.Paragraph type="secondary">更严格的分类立即生效；放宽须经异议论证审核（REVIEW_REQUIRED）。</Typography.Paragraph>
              <Form.Item name="sharingType" label="共享类型">
                <Select allowClear options={Object.entries(SHARING_TYPE).map(([value, l]) => ({ value, label: l }))} />
              </Form.Item>
              <Form.Item name="openType" label="开放类型">
                <Select allowClear options={Object.entries(OPEN_TYPE).map(([value, l]) => ({ value, label: l }))} />
              </Form.Item>
              <Form.Item name="level" label="安全等级">
                <Select allowClear options={['L1', 'L2', 'L3', 'L4'].map((v) => ({ value: v, label: v }))} />
              </Form.Item>
              <Form.Item name="mask" label="默认脱敏">
                <Input placeholder="如 PHONE、KEEP(1,0)" />
              </Form.Item>
              <Form.Item name="basis" label="依据">
                <Input />
              </Form.Item>
            </>
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                现行条件：{editing?.item.sharingCondition || '—'}；现行依据：{editing?.item.basis ?? '—'}
              </Typography.Paragraph>
              <Form.Item name="conditions" label="共享条件">
                <Input.TextArea rows={2} />
              </Form.Item>
              <Form.Item name="basis" label="依据">
                <Input />
              </Form.Item>
            </>
          )}
          <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写理由' }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
