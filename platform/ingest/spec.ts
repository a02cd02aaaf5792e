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
  /** Checks across fields once each passed its rule (a birth date against the ID number). It may
   *  also complete values derived from others (an operator's name split out of a business name:
   *  an internal field), which are then stored like the rest. */
  check?: (values: Record<string, unknown>) => FieldProblem[];
  /** Fields a file or an update may carry that are not items of the GraphQL type (the provider's
   *  declaration that a registered address is a home): stored, kept in the history, never shown
   *  in a consumer's view of a change. */
  internalFields?: string[];
  /** Columns whose values `check` derives from the given fields (never read from a file or an
   *  update): field name → column. */
  derivedColumns?: Record<string, string>;
  /** Values a new record takes for an optional field its file row leaves out (an existing record
   *  keeps its stored value): the strict choice where absence must not open anything. */
  insertDefaults?: Record<string, unknown>;
  /** The pseudonymous key of a record from its validated natural key. */
  keyOf: (naturalKey: string) => string;
  /** Where the natural key alone does not name a record (a licence is keyed by type, number and
   *  holder): its pseudonymous key from its validated, checked values; used instead of keyOf. */
  recordKey?: (values: Record<string, unknown>) => string;
  /** Where each record has its own provider (a licence kind's responsible agency, while another
   *  bureau hosts the database): the agency that alone may load or update it. A file's row of
   *  another agency's record is a row problem. */
  providerOf?: (values: Record<string, unknown>) => string;
  /** With providerOf: every agency that provides some of the spec's records (may run a file). */
  providers?: readonly string[];
  /** Fields a file need not carry (null when absent); all others are required columns. */
  optionalFields?: string[];
  /** Fields whose stored value must be the key (`id`) of a record of another table of the same
   *  database (a household's head is a registered person), checked against the database. */
  references?: { field: string; table: string; reason: string; /** The referenced column (default `id`). */ column?: string }[];
}

/** The field names of a spec whose rules must hold in a complete record (a file row). */
export const requiredFields = (spec: IngestSpec) => Object.keys(spec.columns).filter((f) => !spec.optionalFields?.includes(f));

/** Every stored field of a spec (the file's columns, then the derived ones) → its column. */
export const storedColumns = (spec: IngestSpec): Record<string, string> => ({ ...spec.columns, ...spec.derivedColumns });
