import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import type { SchemaRevision } from './schema-history.js';

/** A breaking change recorded as deliberate, with the reason why. */
export interface AllowedBreakingChange {
  /** graphql-inspector's change type, e.g. FIELD_REMOVED. */
  type: string;
  /** The schema coordinate, e.g. Complaint.legacyCode. */
  path: string;
  reason: string;
}

export interface BreakingChange {
  revision: SchemaRevision;
  type: string;
  path: string;
  message: string;
}

/** Breaking changes between two versions of the schema (removed fields, changed types, …). */
export async function breakingChangesBetween(oldSdl: string, newSdl: string): Promise<Change[]> {
  const changes = await diff(buildSchema(oldSdl), buildSchema(newSdl));
  return changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
}

/** Breaking changes made by any revision and not recorded as deliberate. */
export async function unapprovedBreakingChanges(revisions: SchemaRevision[], allowed: AllowedBreakingChange[]): Promise<BreakingChange[]> {
  const isAllowed = (change: Change) => allowed.some((entry) => entry.type === change.type && entry.path === (change.path ?? ''));
  const found: BreakingChange[] = [];
  for (let index = 1; index < revisions.length; index++) {
    const changes = await breakingChangesBetween(revisions[index - 1].sdl, revisions[index].sdl);
    for (const change of changes.filter((candidate) => !isAllowed(candidate))) {
      found.push({ revision: revisions[index], type: change.type, path: change.path ?? '', message: change.message });
    }
  }
  return found;
}

/** Reads the allow-list, refusing entries without a reason. */
export function parseAllowList(json: string): AllowedBreakingChange[] {
  const entries = JSON.parse(json) as { allowed?: unknown };
  if (!Array.isArray(entries.allowed)) throw new Error('the allow-list needs an "allowed" array');
  return entries.allowed.map((entry, index) => {
    const { type, path, reason } = entry as Partial<AllowedBreakingChange>;
    if (!type || !path || !reason?.trim()) {
      throw new Error(`allow-list entry ${index} needs "type", "path" and a non-empty "reason"`);
    }
    return { type, path, reason };
  });
}
