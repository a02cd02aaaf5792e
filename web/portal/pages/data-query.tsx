/**
 * Look up one person or enterprise as the signed-in operator, for a stated purpose: the same
 * GraphQL lookup an agency's application sends (`personByIdNumber`, `legalPersonByUscc`), asking
 * for every scalar item the catalogue lists for the type. Served values appear as served (masked
 * where the grant or the default says so); refused items appear as refused with their reason and
 * a link to apply.
 */
import { useMemo, useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { request, type GraphQLErrorEntry } from '../api';
import { MASK, label } from '../labels';
import { ITEMS_OF_TYPE } from '../queries';
import { useQuery } from '../use-query';
import { Failure, Refusal } from '../components/refusals';
import { SharingTag } from '../components/sharing-tags';
import type { CatalogItem } from './resource';

/** Lookups by natural key the portal offers: the type, its root field and argument. */
const LOOKUPS: Record<string, { field: string; argument: string; label: string }> = {
  Person: { field: 'personByIdNumber', argument: 'idNumber', label: '人口（按身份证号）' },
  LegalPerson: { field: 'legalPersonByUscc', argument: 'uscc', label: '法人（按统一社会信用代码）' },
};

interface Row {
  item: CatalogItem;
  value: unknown;
  refusal?: GraphQLErrorEntry;
}

export function DataQuery() {
  const [params] = useSearchParams();
  const initialType = params.get('type') && LOOKUPS[params.get('type')!] ? params.get('type')! : 'Person';
  const [type, setType] = useState(initialType);
  const [rows, setRows] = useState<Row[]>();
  const [purpose, setPurpose] = useState(params.get('purpose') ?? '');
  const [failure, setFailure] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const catalogue = useQuery<{ catalogResources: { typeName: string | null; items: CatalogItem[] }[] }>(ITEMS_OF_TYPE, {});
  const items = useMemo(
    () =>
      (catalogue.data?.catalogResources ?? [])
        .filter((r) => r.typeName === type)
        .flatMap((r) => r.items)
        .filter((i) => (i.valueKind === 'SCALAR' || i.valueKind === 'ENUM') && i.field !== 'id'),
    [catalogue.data, type],
  );

  const run = async (v: { key: string; purpose: string }) => {
    const lookup = LOOKUPS[type];
    setBusy(true);
    setFailure(undefined);
    setPurpose(v.purpose);
    try {
      const query = `query PortalLookup($key: String!) { ${lookup.field}(${lookup.argument}: $key) { ${items.map((i) => i.field).join(' ')} } }`;
      const r = await request<Record<string, Record<string, unknown> | null>>(query, { key: v.key.trim() }, v.purpose);
      const record = r.data?.[lookup.field];
      const topLevel = r.errors?.find((e) => (e.path?.length ?? 0) <= 1);
      if (!record && topLevel) throw Object.assign(new Error(topLevel.message), { code: topLevel.extensions?.code });
      if (!record) throw new Error('未找到该记录');
      setRows(
        items.map((item) => ({
          item,
          value: record[item.field],
          refusal: r.errors?.find((e) => e.path?.[1] === item.field),
        })),
      );
    } catch (e) {
      setRows(undefined);
      setFailure(e as Error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="数据查询">
      <Form layout="inline" onFinish={(v: { key: string; purpose: string }) => void run(v)} initialValues={{ purpose }} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label="资源">
          <Select value={type} onChange={setType} style={{ width: 220 }} options={Object.entries(LOOKUPS).map(([value, l]) => ({ value, label: l.label }))} />
        </Form.Item>
        <Form.Item name="key" label="证件号码" rules={[{ required: true, message: '请输入' }]}>
          <Input style={{ width: 220 }} data-testid="query-key" />
        </Form.Item>
        <Form.Item name="purpose" label="用途" rules={[{ required: true, whitespace: true, message: '请声明用途' }]}>
          <Input style={{ width: 260 }} data-testid="query-purpose" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy || catalogue.loading} data-testid="query-run">
            查询
          </Button>
        </Form.Item>
      </Form>
      <Failure error={failure} />
      {rows ? (
        <Table<Row>
          rowKey={(r) => r.item.name}
          size="small"
          pagination={false}
          data-testid="query-result"
          dataSource={rows}
          columns={[
            { title: '数据项', key: 'name', render: (_: unknown, r: Row) => <Typography.Text code>{r.item.name}</Typography.Text> },
            { title: '共享', key: 'sharing', render: (_: unknown, r: Row) => <SharingTag type={r.item.sharingType} /> },
            { title: '默认脱敏', key: 'mask', render: (_: unknown, r: Row) => label(MASK, r.item.mask) },
            {
              title: '结果',
              key: 'value',
              render: (_: unknown, r: Row) =>
                r.refusal ? (
                  <Refusal error={r.refusal} purpose={purpose} />
                ) : (
                  <Space data-testid={`value-${r.item.name}`}>
                    <Tag color="green">已提供</Tag>
                    <span>{r.value === null || r.value === undefined ? '（空）' : String(r.value)}</span>
                  </Space>
                ),
            },
          ]}
        />
      ) : null}
    </Card>
  );
}
