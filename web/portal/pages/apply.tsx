/**
 * Apply for data (Art. 17: through the portal): pick catalogue items, state the purpose, the
 * justification and legal basis, the period and, per item, a masking of your own (stricter or as
 * the default); submitted with `submitSharingApplication`. The sharing method of each item is the
 * catalogue's (online query through the platform).
 */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Table, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, fetchData } from '../api';
import { MASK, label } from '../labels';
import { ITEMS_OF_TYPE, SUBMIT_APPLICATION } from '../queries';
import { useQuery } from '../use-query';
import { Failure } from '../components/refusals';
import { SharingTag } from '../components/sharing-tags';
import type { CatalogItem } from './resource';

interface ApplyForm {
  items: string[];
  purpose: string;
  justification: string;
  legalBasis?: string;
  validUntil?: string;
  masks?: Record<string, string | undefined>;
}

const MASK_OPTIONS = Object.entries(MASK).map(([value, l]) => ({ value, label: `${l}（${value}）` }));

export function Apply() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<ApplyForm>();
  const [failure, setFailure] = useState<ApiError | Error>();
  const [busy, setBusy] = useState(false);
  const catalogue = useQuery<{ catalogResources: { code: string; name: string; items: CatalogItem[] }[] }>(ITEMS_OF_TYPE, {});
  const allItems = useMemo(() => (catalogue.data?.catalogResources ?? []).flatMap((r) => r.items), [catalogue.data]);
  const picked = Form.useWatch('items', form) ?? [];
  const pickedItems = allItems.filter((i) => picked.includes(i.name));

  const submit = async (v: ApplyForm) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const requestedMasks = Object.entries(v.masks ?? {})
        .filter((e): e is [string, string] => !!e[1] && v.items.includes(e[0]))
        .map(([item, mask]) => ({ item, mask }));
      await fetchData(SUBMIT_APPLICATION, {
        input: {
          items: v.items,
          purpose: v.purpose.trim(),
          justification: v.justification.trim(),
          legalBasis: v.legalBasis?.trim() || undefined,
          validUntil: v.validUntil || undefined,
          requestedMasks: requestedMasks.length ? requestedMasks : undefined,
        },
      });
      void navigate('/applications');
    } catch (e) {
      setFailure(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="申请数据">
      <Typography.Paragraph type="secondary">
        有条件共享的数据项须经市行政审批服务局和提供部门审核，批准后由提供部门开通（《条例》第十七至十九条）。授权只对申请的用途有效。
      </Typography.Paragraph>
      <Form<ApplyForm>
        form={form}
        layout="vertical"
        style={{ maxWidth: 900 }}
        initialValues={{ items: (params.get('items') ?? '').split(',').filter(Boolean), purpose: params.get('purpose') ?? '' }}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="items" label="数据项" rules={[{ required: true, message: '至少选择一个数据项' }]}>
          <Select
            mode="multiple"
            data-testid="apply-items"
            showSearch={{ optionFilterProp: 'label' }}
            options={allItems
              .filter((i) => i.sharingType !== 'NONE')
              .map((i) => ({ value: i.name, label: `${i.name} ${i.description?.replace(/^【[^】]*】\s*/, '') ?? ''}` }))}
          />
        </Form.Item>
        {pickedItems.length ? (
          <Table<CatalogItem>
            size="small"
            rowKey="name"
            pagination={false}
            style={{ marginBottom: 16 }}
            dataSource={pickedItems}
            columns={[
              { title: '数据项', dataIndex: 'name' },
              { title: '共享', dataIndex: 'sharingType', render: (t: string) => <SharingTag type={t} /> },
              { title: '共享方式', dataIndex: 'sharingMethod' },
              { title: '默认脱敏', dataIndex: 'mask', render: (m: string) => label(MASK, m) },
              {
                title: '申请的脱敏方式',
                key: 'mask',
                render: (_: unknown, item: CatalogItem) => (
                  <Form.Item name={['masks', item.name]} noStyle>
                    <Select allowClear placeholder="按默认" style={{ width: 220 }} options={MASK_OPTIONS} data-testid={`mask-${item.name}`} />
                  </Form.Item>
                ),
              },
            ]}
          />
        ) : null}
        <Form.Item name="purpose" label="用途（查询时须在 x-purpose 中声明同一用途）" rules={[{ required: true, whitespace: true, message: '请填写用途' }]}>
          <Input data-testid="apply-purpose" />
        </Form.Item>
        <Form.Item name="justification" label="申请理由" rules={[{ required: true, whitespace: true, message: '请填写申请理由' }]}>
          <Input.TextArea rows={2} data-testid="apply-justification" />
        </Form.Item>
        <Form.Item name="legalBasis" label="法律依据">
          <Input />
        </Form.Item>
        <Form.Item name="validUntil" label="有效期至（可选，YYYY-MM-DD）">
          <Input type="date" style={{ width: 200 }} />
        </Form.Item>
        {failure ? <Failure error={failure} /> : null}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="apply-submit">
          提交申请
        </Button>
      </Form>
      {catalogue.error ? <Alert type="error" title={catalogue.error.message} /> : null}
    </Card>
  );
}
