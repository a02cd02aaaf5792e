/**
 * Publication dates (发布日期) of catalogue items: the catalogue itself comes from the supergraph,
 * which has no dates, so the catalog records when it first saw each item, when the item's metadata
 * last changed, and when it left the supergraph. Synchronised once per supergraph version.
 */
import { Catalogue, itemFingerprint } from './catalogue';
import { Query, pgArray } from '../shared/sql';

let synced: string | undefined;
let syncing: Promise<void> | undefined;

export async function syncPublication(q: Query, catalogue: Catalogue): Promise<void> {
  if (synced === catalogue.fingerprint) return;
  if (syncing) return syncing;
  syncing = (async () => {
    const rows = [...catalogue.items.values()].map((i) => ({
      item: i.name,
      resource_code: i.resourceCode,
      provider: i.provider,
      fingerprint: itemFingerprint(i),
    }));
    if (rows.length) {
      await q(
        `INSERT INTO catalog_publication (item, resource_code, provider, fingerprint)
         SELECT item, resource_code, provider, fingerprint FROM jsonb_to_recordset(?::jsonb) AS x(item text, resource_code text, provider text, fingerprint text)
         ON CONFLICT (item) DO UPDATE SET
           resource_code = EXCLUDED.resource_code, provider = EXCLUDED.provider, fingerprint = EXCLUDED.fingerprint,
           changed_at = CASE WHEN catalog_publication.fingerprint <> EXCLUDED.fingerprint OR catalog_publication.withdrawn_at IS NOT NULL
                             THEN now() ELSE catalog_publication.changed_at END,
           withdrawn_at = NULL`,
        [JSON.stringify(rows)],
      );
    }
    await q(`UPDATE catalog_publication SET withdrawn_at = now() WHERE withdrawn_at IS NULL AND NOT (item = ANY(?::text[]))`, [
      pgArray(rows.map((r) => r.item)),
    ]);
    synced = catalogue.fingerprint;
  })().finally(() => {
    syncing = undefined;
  });
  return syncing;
}

export interface Publication {
  firstPublishedAt: Date;
  changedAt: Date;
}

export async function publications(q: Query, catalogue: Catalogue): Promise<Map<string, Publication>> {
  await syncPublication(q, catalogue);
  const rows = await q<{ item: string; first_published_at: Date; changed_at: Date }>(
    `SELECT item, first_published_at, changed_at FROM catalog_publication WHERE withdrawn_at IS NULL`,
  );
  return new Map(rows.map((r) => [r.item, { firstPublishedAt: new Date(r.first_published_at), changedAt: new Date(r.changed_at) }]));
}
