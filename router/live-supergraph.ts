/**
 * The supergraph as the catalogue register says it is now (issues 10 and 14): every field's
 * `@sharing` arguments and the sharing line of its description follow the register's effective
 * entry, so that the explorer (and any introspecting tool) shows a reclassification without a
 * release. The engine polls `current()` (router/engines/hive.ts, once a second at most, on the next
 * request); a new text is built only when the register has reloaded, and an unchanged text costs
 * the engine a string comparison.
 *
 * Only the description and the directive arguments change; the shape of the schema (types, fields,
 * nullability) is the release's. Policy is enforced by the subgraphs, which read the same register
 * (platform/policy/register.ts); this view informs people.
 */
import { Kind, parse, print, visit, type ArgumentNode, type DirectiveNode, type DocumentNode, type FieldDefinitionNode, type StringValueNode } from 'graphql';
import { describeField, sharingLine } from '../platform/policy/describe';
import type { FieldPolicy } from '../platform/policy/metadata';
import type { RegisterStore } from '../platform/policy/register';
import { DEPARTMENT_NAMES } from '../reference/departments';

const POLICY_ARGS = ['type', 'open', 'level', 'mask', 'basis'] as const;

function stringArg(d: DirectiveNode, name: string): string | undefined {
  const a = d.arguments?.find((x) => x.name.value === name);
  return a?.value.kind === Kind.STRING ? a.value.value : undefined;
}

function codePolicy(d: DirectiveNode): FieldPolicy {
  return {
    type: stringArg(d, 'type') as FieldPolicy['type'],
    open: stringArg(d, 'open') as FieldPolicy['open'],
    level: stringArg(d, 'level') as FieldPolicy['level'],
    mask: stringArg(d, 'mask'),
    provider: stringArg(d, 'provider') ?? '',
    basis: stringArg(d, 'basis'),
  };
}

/** The directive with the effective values in place of the release's. */
function withPolicy(d: DirectiveNode, p: FieldPolicy): DirectiveNode {
  const kept = (d.arguments ?? []).filter((a) => !(POLICY_ARGS as readonly string[]).includes(a.name.value));
  const set: ArgumentNode[] = [];
  for (const name of POLICY_ARGS) {
    const value = p[name];
    if (value === undefined || value === null) continue;
    set.push({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: name }, value: { kind: Kind.STRING, value } });
  }
  return { ...d, arguments: [...set, ...kept] };
}

export function liveSupergraph(releaseSdl: string, register: RegisterStore): { current(): string } {
  const doc: DocumentNode = parse(releaseSdl);
  let generation = -1;
  let text = releaseSdl;
  return {
    current() {
      if (!register.isLoaded || register.generation === generation) return text;
      generation = register.generation;
      let typeName = '';
      const next = visit(doc, {
        ObjectTypeDefinition: { enter: (t) => void (typeName = t.name.value) },
        InterfaceTypeDefinition: { enter: (t) => void (typeName = t.name.value) },
        FieldDefinition(field: FieldDefinitionNode) {
          const sharing = field.directives?.find((d) => d.name.value === 'sharing');
          if (!sharing) return undefined;
          const effective = register.effective(`${typeName}.${field.name.value}`, codePolicy(sharing));
          const line = sharingLine(effective, (code) => DEPARTMENT_NAMES[code] ?? code);
          return {
            ...field,
            description: { kind: Kind.STRING, value: describeField(field.description?.value, line), block: true } as StringValueNode,
            directives: field.directives?.map((d) => (d === sharing ? withPolicy(d, effective) : d)),
          };
        },
      });
      text = print(next);
      return text;
    },
  };
}
