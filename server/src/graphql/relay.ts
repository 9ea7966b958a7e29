import { Field, ID, InterfaceType, ObjectType } from 'type-graphql';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Global ids are opaque to clients: base64url("Type:uuid"). */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** Decodes a global id; null when it is malformed or names another type. */
export function fromGlobalId(globalId: string, expectedType?: string): { type: string; id: string } | null {
  if (typeof globalId !== 'string' || globalId.length > 200) return null;
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 1) return null;
  const type = decoded.slice(0, separator);
  const id = decoded.slice(separator + 1);
  if (!UUID.test(id)) return null;
  if (expectedType && type !== expectedType) return null;
  return { type, id: id.toLowerCase() };
}

@InterfaceType({ description: 'An object with a global id, fetchable with `node(id)`' })
export abstract class Node {
  @Field(() => ID) id: string;
}

@ObjectType()
export class PageInfo {
  @Field() hasNextPage: boolean;
  @Field() hasPreviousPage: boolean;
  @Field(() => String, { nullable: true }) startCursor: string | null;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}
