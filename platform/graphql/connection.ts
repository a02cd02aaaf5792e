/**
 * Relay-style connections (`edges { cursor node }`, `pageInfo`, `totalCount`) with keyset
 * pagination: a cursor is the opaque key of the last row, so a page costs one indexed range scan
 * however deep it is, and `totalCount` is only counted when a client selects it.
 */
import { ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { Structural } from '../policy/metadata';
import { badUserInput } from '../errors';
import { encodeCursor } from './cursor';

export { decodeCursor, encodeCursor } from './cursor';

import { MAX_PAGE_SIZE } from './page-size';

export { MAX_PAGE_SIZE };

/** Every subgraph declares the same PageInfo; @shareable lets them all resolve it. */
@ObjectType('PageInfo')
@Directive('@shareable')
@Structural()
export class PageInfo {
  @Field(() => Boolean) hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

export interface ConnectionShape<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  /** A getter: the COUNT runs only when a client selects totalCount. */
  readonly totalCount: Promise<number>;
}

/** Declares `<Name>Connection` and `<Name>Edge` for a node type. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  @Structural()
  class Edge {
    @Field(() => String) cursor: string;
    @Field(() => nodeType) node: T;
  }

  @ObjectType(`${name}Connection`)
  @Structural()
  class ConnectionType {
    @Field(() => [Edge]) edges: Edge[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int) totalCount: number;
  }
  return ConnectionType;
}

export function validateFirst(first: number | null | undefined, fallback = 20): number {
  const n = first ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw badUserInput(`Argument "first" must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}`, { argument: 'first' });
  }
  return n;
}

/** Builds a connection from `first + 1` rows fetched in key order (the extra row tells
 *  whether a next page exists). */
export function toConnection<T>(rows: T[], first: number, keyOf: (row: T) => string, count: () => Promise<number>): ConnectionShape<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    get totalCount() {
      return count();
    },
  };
}

/** The same connection with each node turned into another (cursors, page info and the lazy count kept). */
export function mapConnection<T, U>(c: ConnectionShape<T>, fn: (node: T) => U): ConnectionShape<U> {
  return {
    edges: c.edges.map((e) => ({ cursor: e.cursor, node: fn(e.node) })),
    pageInfo: c.pageInfo,
    get totalCount() {
      return c.totalCount;
    },
  };
}
