import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** When each catalogue item was first published, and when its metadata last changed. */
@Entity({ tableName: 'catalog_publication' })
export class CatalogPublicationEntity {
  @PrimaryKey({ type: 'text' }) item: string;
  @Property({ type: 'text' }) resourceCode: string;
  @Property({ type: 'text' }) provider: string;
  @Property({ type: 'text' }) fingerprint: string;
  @Property({ type: 'Date', columnType: 'timestamptz' }) firstPublishedAt: Date;
  @Property({ type: 'Date', columnType: 'timestamptz' }) changedAt: Date;
  @Property({ type: 'Date', columnType: 'timestamptz', nullable: true }) withdrawnAt: Date | null;
}
