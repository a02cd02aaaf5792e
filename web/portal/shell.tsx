/** The page frame: header with who is signed in, a menu of the screens their posts open, the routes. */
import { useEffect, useState } from 'react';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { AgencyName, AgencyProvider } from './agencies';
import { POST } from './labels';
import { currentSession, hasPost, isBureau, onSessionChange, signOut, type Session } from './session';
import { SignIn } from './pages/sign-in';
import { Catalogue } from './pages/catalogue';
import { Resource } from './pages/resource';
import { Evaluation } from './pages/evaluation';
import { DataQuery } from './pages/data-query';
import { Apply } from './pages/apply';
import { Applications } from './pages/applications';
import { Grants } from './pages/grants';
import { Demands } from './pages/demands';
import { DataObjections } from './pages/data-objections';
import { Reviews } from './pages/reviews';
import { Notices } from './pages/notices';
import { AuditSearch } from './pages/audit-search';
import { AuditTrace } from './pages/audit-trace';
import { AuditChain } from './pages/audit-chain';
import { AgencyRegister } from './pages/agency-register';
import { CatalogueRegister } from './pages/catalogue-register';
import { AccessHistory } from './pages/access-history';
import { Exports } from './pages/exports';

interface Entry {
  path: string;
  label: string;
  show: (s: Session | undefined) => boolean;
}

const always = () => true;
const operator = (s: Session | undefined) => hasPost(s, 'operator');
const approver = (s: Session | undefined) => hasPost(s, 'approver');
const agency = (s: Session | undefined) => !!s?.agency;

/** Menu entries by group; a screen a post cannot use is not offered (the API would refuse it anyway). */
const MENU: { group: string; entries: Entry[] }[] = [
  {
    group: '公开',
    entries: [
      { path: '/open', label: '开放目录', show: always },
      { path: '/catalogue', label: '共享目录', show: always },
      { path: '/evaluation', label: '评估报告', show: always },
    ],
  },
  {
    group: '数据使用',
    entries: [
      { path: '/query', label: '数据查询', show: operator },
      { path: '/apply', label: '申请数据', show: operator },
      { path: '/applications', label: '我的申请', show: operator },
      { path: '/grants', label: '授权', show: agency },
      { path: '/demands', label: '需求清单', show: agency },
      { path: '/objections', label: '数据异议', show: agency },
      { path: '/exports', label: '批量下载', show: agency },
    ],
  },
  {
    group: '审核',
    entries: [
      { path: '/reviews', label: '审核队列', show: approver },
      { path: '/notices', label: '整改通知', show: agency },
    ],
  },
  {
    group: '安全',
    entries: [
      { path: '/audit', label: '审计检索', show: (s) => hasPost(s, 'security-admin') },
      { path: '/audit/chain', label: '审计链校验', show: (s) => isBureau(s) && hasPost(s, 'security-admin') },
    ],
  },
  {
    group: '管理（市行政审批服务局）',
    entries: [
      { path: '/agencies', label: '机构注册', show: (s) => isBureau(s) && approver(s) },
      { path: '/register', label: '目录登记', show: (s) => isBureau(s) && approver(s) },
      { path: '/bureau-evaluation', label: '部门评估（内部）', show: isBureau },
    ],
  },
  { group: '个人', entries: [{ path: '/history', label: '我的数据被查询记录', show: (s) => !!s?.subjectKind }] },
];

function useSession(): Session | undefined {
  const [session, setSession] = useState(currentSession);
  useEffect(() => onSessionChange(() => setSession(currentSession())), []);
  return session;
}

function Who({ session }: { session: Session }) {
  if (session.subjectKind) return <Tag color="blue">{session.subjectKind === 'PERSON' ? '公民' : '企业'}</Tag>;
  return (
    <Space size={4} data-testid="who">
      <Typography.Text style={{ color: '#fff' }}>
        <AgencyName code={session.agency} />
      </Typography.Text>
      <Typography.Text style={{ color: '#ffd' }}>{session.operator}</Typography.Text>
      {session.roles.map((r) => (
        <Tag key={r} color="gold">
          {POST[r] ?? r}
        </Tag>
      ))}
    </Space>
  );
}

export function Shell() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const items = MENU.map((g) => ({
    type: 'group' as const,
    key: g.group,
    label: g.group,
    children: g.entries.filter((e) => e.show(session)).map((e) => ({ key: e.path, label: e.label })),
  })).filter((g) => g.children.length > 0);
  return (
    <AgencyProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#8b1a1a' }}>
          <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
            衡阳市政务数据共享门户
          </Typography.Title>
          <div style={{ flex: 1 }} />
          {session ? (
            <>
              <Who session={session} />
              <Button
                size="small"
                data-testid="sign-out"
                onClick={() => {
                  signOut();
                  void navigate('/open');
                }}
              >
                退出
              </Button>
            </>
          ) : (
            <Button size="small" onClick={() => void navigate('/sign-in')} data-testid="sign-in-link">
              登录
            </Button>
          )}
        </Layout.Header>
        <Layout>
          <Layout.Sider width={210} theme="light">
            <Menu mode="inline" selectedKeys={[location.pathname]} items={items} onClick={(e) => void navigate(e.key)} />
          </Layout.Sider>
          <Layout.Content style={{ padding: 24 }}>
            <Routes>
              <Route path="/" element={<Navigate to="/open" replace />} />
              <Route path="/sign-in" element={<SignIn />} />
              <Route path="/open" element={<Catalogue open />} />
              <Route path="/catalogue" element={<Catalogue />} />
              <Route path="/resource/:code" element={<Resource />} />
              <Route path="/evaluation" element={<Evaluation />} />
              <Route path="/bureau-evaluation" element={<Evaluation bureau />} />
              <Route path="/query" element={<DataQuery />} />
              <Route path="/apply" element={<Apply />} />
              <Route path="/applications" element={<Applications />} />
              <Route path="/grants" element={<Grants />} />
              <Route path="/demands" element={<Demands />} />
              <Route path="/objections" element={<DataObjections />} />
              <Route path="/exports" element={<Exports />} />
              <Route path="/reviews" element={<Reviews />} />
              <Route path="/notices" element={<Notices />} />
              <Route path="/audit" element={<AuditSearch />} />
              <Route path="/audit/trace/:requestId" element={<AuditTrace />} />
              <Route path="/audit/chain" element={<AuditChain />} />
              <Route path="/agencies" element={<AgencyRegister />} />
              <Route path="/register" element={<CatalogueRegister />} />
              <Route path="/history" element={<AccessHistory />} />
              <Route path="*" element={<Typography.Text>页面不存在</Typography.Text>} />
            </Routes>
          </Layout.Content>
        </Layout>
      </Layout>
    </AgencyProvider>
  );
}
