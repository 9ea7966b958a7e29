import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backoffDelay } from '../../client-sdk/src/backoff';
import { parseAllowList, unapprovedBreakingChanges } from '../../client-sdk/tools/breaking-changes';
import { findUncoveredRootFields } from '../../client-sdk/tools/operation-coverage';
import { SchemaHistoryUnavailable, schemaRevisions } from '../../client-sdk/tools/schema-history';
import { readOperationDocuments, readSchema } from '../../client-sdk/tools/sdk-files';

const ROOT = path.resolve(__dirname, '../..');

describe('every root field has an SDK operation', () => {
  it('holds for the committed schema and the SDK operation documents', () => {
    expect(findUncoveredRootFields(readSchema(ROOT), readOperationDocuments(ROOT))).toEqual([]);
  });

  it('names a root field no operation selects, by operation type', () => {
    const schema = `type Query { a: Int, b: Int } type Mutation { m: Int } type Subscription { complaintChanged: Int }`;
    const documents = ['query A { a } mutation M { ...F } fragment F on Mutation { m } query WrongKind { b: a }'];
    expect(findUncoveredRootFields(schema, documents)).toEqual([
      { operation: 'query', field: 'b' },
      { operation: 'subscription', field: 'complaintChanged' },
    ]);
  });
});

describe('breaking changes to the schema', () => {
  const v1 = `type Query { complaint(id: ID!): Complaint } type Complaint { id: ID! code: String! note: String }`;
  const revision = (label: string, sdl: string) => ({ label, subject: label, sdl });

  it('reports a removed field and a changed type, not an added field', async () => {
    const v2 = `type Query { complaint(id: ID!): Complaint } type Complaint { id: ID! code: Int! note: String extra: Int }`;
    const v3 = `type Query { complaint(id: ID!): Complaint } type Complaint { id: ID! code: Int! extra: Int }`;
    const found = await unapprovedBreakingChanges([revision('v1', v1), revision('v2', v2), revision('v3', v3)], []);
    expect(found.map(({ revision: r, type, path }) => [r.label, type, path])).toEqual([
      ['v2', 'FIELD_TYPE_CHANGED', 'Complaint.code'],
      ['v3', 'FIELD_REMOVED', 'Complaint.note'],
    ]);
  });

  it('lets a change recorded as deliberate pass', async () => {
    const v2 = `type Query { complaint(id: ID!): Complaint } type Complaint { id: ID! code: String! }`;
    const allowed = parseAllowList(
      JSON.stringify({ allowed: [{ type: 'FIELD_REMOVED', path: 'Complaint.note', reason: 'notes moved to Note' }] }),
    );
    expect(await unapprovedBreakingChanges([revision('v1', v1), revision('v2', v2)], allowed)).toEqual([]);
  });

  it('refuses an allow-list entry without a reason', () => {
    expect(() => parseAllowList(JSON.stringify({ allowed: [{ type: 'FIELD_REMOVED', path: 'A.b', reason: ' ' }] }))).toThrow(
      /non-empty "reason"/,
    );
  });

  it('reads every committed version and the working tree, and refuses a shallow clone', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'schema-history-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 'ci@redress.test');
    git('config', 'user.name', 'CI');
    mkdirSync(path.join(repo, 'schema'));
    for (const [index, sdl] of ['type Query { a: Int }', 'type Query { a: Int b: Int }'].entries()) {
      writeFileSync(path.join(repo, 'schema/schema.graphql'), sdl);
      git('add', '.');
      git('commit', '-qm', `schema ${index + 1}`);
    }
    writeFileSync(path.join(repo, 'schema/schema.graphql'), 'type Query { b: Int }');
    const revisions = schemaRevisions(repo, 'schema/schema.graphql');
    expect(revisions.map((r) => [r.subject, r.sdl])).toEqual([
      ['schema 1', 'type Query { a: Int }'],
      ['schema 2', 'type Query { a: Int b: Int }'],
      ['uncommitted changes', 'type Query { b: Int }'],
    ]);

    const shallow = mkdtempSync(path.join(tmpdir(), 'schema-shallow-'));
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    expect(() => schemaRevisions(shallow, 'schema/schema.graphql')).toThrow(SchemaHistoryUnavailable);
  });
});

describe('reconnect backoff', () => {
  it('doubles up to the ceiling, with jitter between half and all of it', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 10].map((retry) => backoffDelay(retry, options, () => 1))).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(backoffDelay(2, options, () => 0)).toBe(200);
  });
});
