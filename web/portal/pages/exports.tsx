/**
 * Batch exports (批量下载, Art. 18; docs/exchange.md §6): the operator requests an export of a whole
 * register (persons or legal persons) for a purpose its BATCH grant names, follows the agency's jobs
 * (polled while one is queued or running) and downloads a finished file from `GET /exports/<id>`
 * with the signed-in user's token — the same endpoint and token an agency's own program uses.
 * A refusal is shown with its code and reason; BATCH_NOT_GRANTED links to the application form.
 */
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Progress, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiError, fetchData } from '../api';
import { useAgencyName } from '../agencies';
import { ERROR_CODE, EXPORT_STATUS, label, when } from '../labels';
import { BATCH_EXPORTS, ITEMS_OF_TYPE, REQUEST_BATCH_EXPORT } from '../queries';
import { currentSession, hasPost } from '../session';
import { useQuery } from '../use-query';
import { Failure, applyLink } from '../components/refusals';
import type { CatalogItem } from './resource';

interface BatchExport {
  id: string;
  agencyCode: string;
  operator: string;
  resource: string;
  items: string[];
  purpose: string;
  format: string;
  status: string;
  maxRows: number;
  rowsWritten: number;
  bytesWritten: number;
  valuesRefused: number;
  truncated: boolean;
  errorCode: string | null;
  error: string | null;
  requestedAt: string;
  completedAt: string | null;
  expiresAt: string | null;
  downloadPath: string | null;
}

interface ExportForm {
  resource: 'PERSON' | 'LEGAL_PERSON';
  items: string[];
  purpose: string;
  format: 'CSV' | 'NDJSON';
  maxRows?: number;
}

const TYPE_OF: Record<ExportForm['resource'], string> = { PERSON: 'Person', LEGAL_PERSON: 'LegalPerson' };
const RESOURCE_NAME: Record<string, string> = { PERSON: '人口基础库（persons）', LEGAL_PERSON: '法人基础库（legalPersons）' };
const POLL_MS = 2000;

/** A refused request: its code and the platform's reason; without a BATCH grant, a link to apply for one. */
function ExportRefusal({ error, items, purpose }: { error: ApiError | Error; items: string[]; purpose: string }) {
  const code = error instanceof ApiError ? error.code : undefined;
  if (code !== 'BATCH_NOT_GRANTED' && code !== 'EXPORT_LIMIT_EXCEEDED') return <Failure error={error} />;
  const ext = error instanceof ApiError ? (error.errors[0]?.extensions ?? {}) : {};
  const missing = Array.isArray(ext.items) && ext.items.length ? (ext.items as string[]) : items;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="export-refusal"
      title={
        <Space wrap>
          <Tag color="red">已拒绝</Tag>
          <Typography.Text type="secondary">
            {label(ERROR_CODE, code)}（{code}）
          </Typography.Text>
        </Space>
      }
      description={
        <Space orientation="vertical" size={2}>
          <span>{error.message}</span>
          {code === 'BATCH_NOT_GRANTED' ? <Link to={applyLink(missing, purpose)}>申请批量下载授权（共享方式选择批量下载）→</Link> : null}
        </Space>
      }
    />
  );
}

/** Fetches the file with the user's token and saves it through a blob link (a plain link would carry no token). */
async function download(e: BatchExport): Promise<void> {
  const session = currentSession();
  const response = await fetch(e.downloadPath ?? `/exports/${e.id}`, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
  if (!response.ok) {
    let body: { errors?: { message: string; extensions?: { code?: string } }[] } = {};
    try {
      body = (await response.json()) as typeof body;
    } catch {
      // not JSON: the status says enough
    }
    const first = body.errors?.[0];
    throw new ApiError(first?.message ?? `HTTP ${response.status}`, first?.extensions?.code, []);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `export-${e.id}.${e.format === 'CSV' ? 'csv' : 'ndjson'}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function RequestForm({ onRequested }: { onRequested: () => void }) {
  const [form] = Form.useForm<ExportForm>();
  const [failure, setFailure] = useState<{ error: ApiError | Error; items: string[]; purpose: string }>();
  const [busy, setBusy] = useState(false);
  const catalogue = useQuery<{ catalogResources: { typeName: string | null; items: CatalogItem[] }[] }>(ITEMS_OF_TYPE, {});
  const resource = Form.useWatch('resource', form) ?? 'PERSON';
  // Value items of the resource's own type: links to other resources are not columns of the file.
  const options = useMemo(
    () =>
      (catalogue.data?.catalogResources ?? [])
        .filter((r) => r.typeName === TYPE_OF[resource])
        .flatMap((r) => r.items)
        .filter((i) => i.valueKind !== 'OBJECT' && i.sharingType !== 'NONE')
        .map((i) => ({ value: i.name, label: `${i.name} ${i.description?.replace(/^【[^】]*】\s*/, '') ?? ''}` })),
    [catalogue.data, resource],
  );
  const submit = async (v: ExportForm) => {
    setBusy(true);
    setFailure(undefined);
    const purpose = v.purpose.trim();
    try {
      await fetchData(REQUEST_BATCH_EXPORT, { input: { resource: v.resource, items: v.items, purpose, format: v.format, maxRows: v.maxRows ?? undefined } });
      onRequested();
    } catch (e) {
      setFailure({ error: e as Error, items: v.items, purpose });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<ExportForm>
      form={form}
      layout="vertical"
      style={{ maxWidth: 900 }}
      initialValues={{ resource: 'PERSON', format: 'CSV', items: [] }}
      onValuesChange={(changed: Partial<ExportForm>) => {
        if (changed.resource) form.setFieldValue('items', []);
      }}
      onFinish={(v) => void submit(v)}
    >
      <Form.Item name="resource" label="数据资源">
        <Radio.Group options={Object.entries(RESOURCE_NAME).map(([value, l]) => ({ value, label: l }))} data-testid="export-resource" />
      </Form.Item>
      <Form.Item name="items" label="数据项（文件的列，按选择顺序）" rules={[{ required: true, message: '至少选择一个数据项' }]}>
        <Select mode="multiple" data-testid="export-items" showSearch={{ optionFilterProp: 'label' }} options={options} loading={catalogue.loading} />
      </Form.Item>
      <Form.Item name="purpose" label="用途（须与批量下载授权的用途一致）" rules={[{ required: true, whitespace: true, message: '请填写用途' }]}>
        <Input data-testid="export-purpose" />
      </Form.Item>
      <Space size="large" align="start">
        <Form.Item name="format" label="文件格式">
          <Radio.Group options={['CSV', 'NDJSON']} data-testid="export-format" />
        </Form.Item>
        <Form.Item name="maxRows" label="最多行数（可选，默认按授权上限）">
          <InputNumber min={1} style={{ width: 220 }} data-testid="export-max-rows" />
        </Form.Item>
      </Space>
      {failure ? <ExportRefusal {...failure} /> : null}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="export-submit" style={{ marginTop: 8 }}>
        提交导出
      </Button>
    </Form>
  );
}

export function Exports() {
  const { message } = App.useApp();
  const session = currentSession();
  const agencyName = useAgencyName();
  const { data, error, loading, reload } = useQuery<{ batchExports: { edges: { node: BatchExport }[] } | null }>(BATCH_EXPORTS, { first: 50 });
  const rows = data?.batchExports?.edges.map((e) => e.node) ?? [];
  const running = rows.some((e) => e.status === 'QUEUED' || e.status === 'RUNNING');
  // Poll while a job is queued or running; the table keeps its rows meanwhile (no grey reload).
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [running, reload]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      {hasPost(session, 'operator') ? (
        <Card title="申请批量导出">
          <Typography.Paragraph type="secondary">
            批量下载须持有用途相同、共享方式含“批量下载”的有效授权（《条例》第十八条）；每行数据与联机查询一样逐项判定、脱敏并记入审计。文件完成后 24
            小时内可下载。
          </Typography.Paragraph>
          <RequestForm onRequested={reload} />
        </Card>
      ) : null}
      <Card title="导出任务" extra={<Button onClick={reload}>刷新</Button>}>
        <Failure error={error} />
        <Table<BatchExport>
          rowKey="id"
          size="small"
          data-testid="exports"
          loading={loading && !data}
          dataSource={rows}
          columns={[
            { title: '申请时间', dataIndex: 'requestedAt', render: when },
            { title: '申请部门', dataIndex: 'agencyCode', render: (c: string, e: BatchExport) => `${agencyName(c)} ${e.operator}` },
            { title: '资源', dataIndex: 'resource', render: (r: string) => label(RESOURCE_NAME, r) },
            { title: '数据项', dataIndex: 'items', render: (items: string[]) => items.join(', ') },
            { title: '用途', dataIndex: 'purpose' },
            { title: '格式', dataIndex: 'format' },
            {
              title: '状态',
              dataIndex: 'status',
              render: (s: string, e: BatchExport) => (
                <Space orientation="vertical" size={0} data-testid="export-status">
                  <span>
                    {label(EXPORT_STATUS, s)}
                    {e.errorCode ? `（${e.errorCode}）` : ''}
                  </span>
                  {s === 'RUNNING' || s === 'QUEUED' ? (
                    <Progress percent={Math.min(99, Math.floor((100 * e.rowsWritten) / (e.maxRows || 1)))} size="small" />
                  ) : null}
                  {e.error ? <Typography.Text type="danger">{e.error}</Typography.Text> : null}
                </Space>
              ),
            },
            {
              title: '行数',
              dataIndex: 'rowsWritten',
              render: (n: number, e: BatchExport) => (
                <span data-testid="export-rows">
                  {n}
                  {e.truncated ? <Tag style={{ marginLeft: 4 }}>已达上限 {e.maxRows}</Tag> : null}
                  {e.valuesRefused ? <Tag color="orange">拒绝值 {e.valuesRefused}</Tag> : null}
                </span>
              ),
            },
            { title: '可下载至', dataIndex: 'expiresAt', render: when },
            {
              title: '操作',
              key: 'a',
              render: (_: unknown, e: BatchExport) =>
                e.status === 'COMPLETED' && hasPost(session, 'operator') && e.agencyCode === session?.agency ? (
                  <Button
                    size="small"
                    data-testid="export-download"
                    onClick={() => void download(e).catch((x: unknown) => void message.error((x as Error).message))}
                  >
                    下载
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
