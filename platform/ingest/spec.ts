/** What a subgraph declares to accept a provider's file or update for one of its resources (issue 11). */
import type { FieldProblem, Rules } from './rules';

export interface IngestSpec {
  /** The GraphQL type the file's rows are records of (`Person`). */
  typeName: string;
  /** Its table in the subgraph's database; its key column is `id`. */
  table: string;
  /** The natural key field (`idNumber`): the record a row or an update is about. */
  keyField: string;
  /** GraphQL field → column, for every field a file may carry (the file's columns are these names). */
  columns: Record<string, string>;
  /** One rule per field (platform/ingest/rules.ts). */
  rules: Rules;
  /** Checks across fields once each passed its rule (a birth date against the ID number). */
  check?: (values: Record<string, unknown>) => FieldProblem[];
  /** The pseudonymous key of a record from its validated natural key. */
  keyOf: (naturalKey: string) => string;
  /** Fields a file need not carry (null when absent); all others are required columns. */
  optionalFields?: string[];
  /** Fields whose stored value must be the key (`id`) of a record of another table of the same
   *  database (a household's head is a registered person), checked against the database. */
  references?: { field: string; table: string; reason: string }[];
}

/** The field names of a spec whose rules must hold in a complete record (a file row). */
export const requiredFields = (spec: IngestSpec) => Object.keys(spec.columns).filter((f) => !spec.optionalFields?.includes(f));
