/**
 * Sign-in. Production: the city's identity provider (OpenID Connect, authorization code + PKCE),
 * which starts at /portal/auth/login and comes back signed in. Development only: pick an agency and
 * its posts, or a data subject, and the router mints a development token
 * (POST /portal/dev/sign-in, router/dev-sign-in.ts), which does not exist in production; the
 * form is shown only when the endpoint answers.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Divider, Form, Input, Select, Space, Tabs, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useAgencies } from '../agencies';
import { POST } from '../labels';
import { signIn, type Post } from '../session';

/** Where the identity provider's sign-in starts (router/auth, issue 14 OpenID Connect part). */
export const IDENTITY_PROVIDER_LOGIN = '/portal/auth/login';
const DEV_SIGN_IN = '/portal/dev/sign-in';

async function mint(body: Record<string, unknown>): Promise<string> {
  const r = await fetch(DEV_SIGN_IN, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await r.json()) as { token?: string; errors?: { message: string }[] };
  if (!r.ok || !json.token) throw new Error(json.errors?.[0]?.message ?? `HTTP ${r.status}`);
  return json.token;
}

/** Where each post usually starts. */
function home(roles: Post[]): string {
  if (roles.includes('approver')) return '/reviews';
  if (roles.includes('security-admin')) return '/audit';
  return '/query';
}

export function SignIn() {
  const navigate = useNavigate();
  const { list } = useAgencies();
  const [devAvailable, setDevAvailable] = useState<boolean | undefined>(undefined);
  const [error, setError] = useState<string>();
  useEffect(() => {
    // GET answers 405 where the endpoint exists and 404 where it does not (production).
    fetch(DEV_SIGN_IN)
      .then((r) => setDevAvailable(r.status === 405))
      .catch(() => setDevAvailable(false));
  }, []);

  const onAgency = async (v: { agency: string; roles: Post[]; operator?: string }) => {
    setError(undefined);
    try {
      const token = await mint({ agency: v.agency, roles: v.roles, operator: v.operator?.trim() || undefined });
      signIn(token);
      void navigate(home(v.roles));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const onSubject = async (v: { subject: string }) => {
    setError(undefined);
    try {
      signIn(await mint({ subject: v.subject.trim() }));
      void navigate('/history');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Card title="登录" style={{ maxWidth: 640 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button type="primary" block href={IDENTITY_PROVIDER_LOGIN} data-testid="oidc-login">
          使用衡阳市统一身份认证登录
        </Button>
        {devAvailable ? (
          <>
            <Divider>开发环境登录（生产环境不可用）</Divider>
            {error ? <Alert type="error" showIcon title={error} /> : null}
            <Tabs
              items={[
                {
                  key: 'agency',
                  label: '部门人员',
                  children: (
                    <Form
                      layout="vertical"
                      onFinish={(v: { agency: string; roles: Post[]; operator?: string }) => void onAgency(v)}
                      initialValues={{ roles: ['operator'] }}
                    >
                      <Form.Item name="agency" label="部门" rules={[{ required: true, message: '请选择部门' }]}>
                        <Select
                          showSearch={{ optionFilterProp: 'label' }}
                          data-testid="agency-select"
                          options={list.map((a) => ({ value: a.code, label: `${a.name}（${a.code}）` }))}
                          placeholder="选择部门"
                        />
                      </Form.Item>
                      <Form.Item name="roles" label="岗位" rules={[{ required: true, message: '至少选择一个岗位' }]}>
                        <Checkbox.Group options={Object.entries(POST).map(([value, label]) => ({ value, label }))} />
                      </Form.Item>
                      <Form.Item name="operator" label="操作员编号（可选）">
                        <Input placeholder="默认：<部门>-<岗位>" />
                      </Form.Item>
                      <Button type="primary" htmlType="submit" data-testid="dev-sign-in">
                        登录
                      </Button>
                    </Form>
                  ),
                },
                {
                  key: 'subject',
                  label: '公民 / 企业',
                  children: (
                    <Form layout="vertical" onFinish={(v: { subject: string }) => void onSubject(v)}>
                      <Form.Item name="subject" label="身份证号或统一社会信用代码" rules={[{ required: true, message: '请输入' }]}>
                        <Input data-testid="subject-input" />
                      </Form.Item>
                      <Button type="primary" htmlType="submit" data-testid="subject-sign-in">
                        登录
                      </Button>
                    </Form>
                  ),
                },
              ]}
            />
          </>
        ) : null}
        <Typography.Paragraph type="secondary">
          登录后，门户以您的身份调用各部门使用的同一 GraphQL 接口：您看到的即是共享策略允许您看到的。
        </Typography.Paragraph>
      </Space>
    </Card>
  );
}
