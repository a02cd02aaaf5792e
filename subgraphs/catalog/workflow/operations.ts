/**
 * Trusted documents (issue 13, item 2): the GraphQL documents an application says its system will
 * send (`SharingApplicationInput.operations`). Each is checked against the supergraph at
 * submission (it parses, holds exactly one operation, and validates), so a reviewer approves only
 * documents that can run; once the application is approved, the router accepts each by its id —
 * the SHA-256 of its exact text, hex, as Apollo's persisted queries name them — from the applicant
 * alone (router/trusted-documents.ts). Kept beside the application (`application_operation`).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Field, ObjectType } from 'type-graphql';
import { buildASTSchema, Kind, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { badUserInput } from '../../../platform/errors';
import { Sharing } from '../../../platform/policy/metadata';
import { WORKFLOW } from '../shared/policy';
import { supergraphFile } from '../catalogue/catalogue';

/** At most this many documents per application, each at most this long (a reviewer reads them). */
export const MAX_OPERATIONS = 50;
export const MAX_OPERATION_LENGTH = 20_000;

export interface ValidatedOperation {
  sha256: string;
  operationName: string | null;
  document: string;
}

@ObjectType({ description: 'A GraphQL document the application registered (trusted document); once approved, its id works as a persisted query' })
export class TrustedDocument {
  @Field(() => String, { description: 'SHA-256 of the document text (hex): extensions.persistedQuery.sha256Hash' })
  @Sharing(WORKFLOW)
  id: string;

  @Field(() => String, { nullable: true })
  @Sharing(WORKFLOW)
  operationName: string | null;

  @Field(() => String)
  @Sharing(WORKFLOW)
  document: string;
}

let cached: { file: string; mtimeMs: number; schema: GraphQLSchema } | undefined;

/** The supergraph's schema (re-read when the file changes), as the router validates against it. */
function supergraphSchema(): GraphQLSchema {
  const file = supergraphFile();
  const { mtimeMs } = fs.statSync(file);
  if (!cached || cached.file !== file || cached.mtimeMs !== mtimeMs) {
    cached = { file, mtimeMs, schema: buildASTSchema(parse(fs.readFileSync(file, 'utf8')), { assumeValidSDL: true }) };
  }
  return cached.schema;
}

function refuse(index: number, reason: string, message: string): never {
  throw badUserInput(`input.operations[${index}]: ${message}`, { argument: 'input.operations', index, reason });
}

/** Checks each document against the supergraph; BAD_USER_INPUT naming the document and the reason (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, …). */
export function validateOperations(operations: readonly string[] | null | undefined): ValidatedOperation[] {
  if (!operations?.length) return [];
  if (operations.length > MAX_OPERATIONS) {
    throw badUserInput(`Argument "input.operations" holds more than ${MAX_OPERATIONS} documents`, { argument: 'input.operations' });
  }
  const schema = supergraphSchema();
  const seen = new Map<string, ValidatedOperation>();
  operations.forEach((text, i) => {
    if (typeof text !== 'string' || text.trim() === '') refuse(i, 'EMPTY', 'the document is empty');
    if (text.length > MAX_OPERATION_LENGTH) refuse(i, 'TOO_LONG', `the document is longer than ${MAX_OPERATION_LENGTH} characters`);
    let doc: DocumentNode;
    try {
      doc = parse(text, { maxLexicalTokens: 15_000 });
    } catch (e) {
      refuse(i, 'GRAPHQL_PARSE_FAILED', `the document does not parse: ${(e as Error).message}`);
    }
    const ops = doc.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (ops.length !== 1) refuse(i, 'ONE_OPERATION', `a trusted document holds exactly one operation (this one holds ${ops.length})`);
    if (ops[0].operation === 'subscription') refuse(i, 'GRAPHQL_VALIDATION_FAILED', 'subscriptions are not served');
    const errors = validate(schema, doc);
    if (errors.length) refuse(i, 'GRAPHQL_VALIDATION_FAILED', `the document does not validate against the supergraph: ${errors[0].message}`);
    const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
    seen.set(sha256, { sha256, operationName: ops[0].name?.value ?? null, document: text });
  });
  return [...seen.values()];
}
