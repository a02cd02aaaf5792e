/** The items of a resource's ingest declaration (issue 11): its fields, without internal ones. */
import type { IngestSpec } from '../ingest/spec';

/** Every field of the spec that is an item (not an internal column), mapped to its item. */
export function changeItems(spec: IngestSpec, overrides: Record<string, string> = {}): Record<string, string> {
  const internal = new Set(spec.internalFields ?? []);
  return Object.fromEntries(
    Object.keys(spec.columns)
      .filter((f) => !internal.has(f))
      .map((f) => [f, overrides[f] ?? `${spec.typeName}.${f}`]),
  );
}
