/** The audit collector keeps every subject (no cap) and whether each key was disclosed (issue 8, classes 8 and 12). */
import { AuditCollector } from '../../platform/audit/collector';

const base = { requestId: 'r', subgraph: 'population', agency: 'human-resources', operator: 'o', actorSubject: null, purpose: null };

test('5,000 subjects of one resource are all kept, sorted', () => {
  const c = new AuditCollector('Op');
  const keys = Array.from({ length: 5000 }, (_, i) => `p${String(i).padStart(5, '0')}`);
  for (const k of [...keys].reverse()) c.record('Person', 'Person.name', 'served', k);
  const [event] = c.events(base);
  expect(event.subjects).toHaveLength(5000);
  expect(event.subjects.map((s) => s.key)).toEqual(keys);
});

test('a key is disclosed only when it was served; a group record names several subjects', () => {
  const c = new AuditCollector();
  c.record('CreditRecord', 'CreditRecord.decisionNumber', 'served', 'person-a');
  c.record('CreditRecord', 'CreditRecord.person', 'refused', 'person-a');
  c.record('Household', 'Household.address', 'served', ['h1', 'm1', 'm2']);
  c.record('Person', 'Person.id', 'served', 'person-b');
  c.disclose('person-b');
  c.disclose('h1');
  const events = Object.fromEntries(c.events(base).map((e) => [e.resource, e]));
  expect(events.CreditRecord.subjects).toEqual([{ key: 'person-a', disclosed: false }]);
  expect(events.CreditRecord.decision).toBe('PARTIAL');
  expect(events.Household.subjects).toEqual([
    { key: 'h1', disclosed: true },
    { key: 'm1', disclosed: false },
    { key: 'm2', disclosed: false },
  ]);
  expect(events.Person.subjects).toEqual([{ key: 'person-b', disclosed: true }]);
});
