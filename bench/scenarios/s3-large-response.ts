import {
  execute,
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  validate,
  type DocumentNode,
  type GraphQLNullableType,
} from 'graphql';
import { GraphQLDateTimeISO } from 'graphql-scalars';
import { isDeepStrictEqual } from 'node:util';
import type { ComplaintRow } from '../../server/src/complaints/complaint-rows';
import { ratioRow } from '../support/compare';
import { median } from '../support/stats';
import { progress, runScenario } from '../support/report';
import { buildAppSchema, pluginApi } from '../support/server';

/**
 * S3 large response: 500 complaints × 15 scalar fields executed by graphql-js `execute`,
 * once with the server's type-graphql schema (its resolvers, auth checker and global
 * middleware) and once with the same types written directly in graphql-js. Both resolve
 * the list from the same rows already in memory, so only schema execution is compared.
 */
const COMPLAINTS = 500;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const EXECUTIONS_PER_ROUND = 60;
const FIELDS = `id number trackingCode status channel receivedAt description demands priority major version
  createdAt updatedAt acknowledgedAt closedAt`;
const QUERY = `query Board($first: Int) { complaints(first: $first) { edges { node { ${FIELDS} } } } }`;

function sampleRows(tenantId: string): ComplaintRow[] {
  const { COMPLAINT_STATUS, CHANNEL, PRIORITY, DEMAND } = pluginApi;
  const start = Date.UTC(2026, 0, 1);
  return Array.from({ length: COMPLAINTS }, (_, i) => {
    const at = new Date(start + i * 3_600_000);
    const hex = i.toString(16).padStart(12, '0');
    return {
      id: `00000000-0000-4000-8000-${hex}`,
      tenantId,
      number: String(i + 1),
      trackingCode: `ABCD-EFGH-JKMN-${String(i).padStart(4, '0')}`,
      status: COMPLAINT_STATUS.values[i % COMPLAINT_STATUS.values.length],
      channel: CHANNEL.values[i % CHANNEL.values.length],
      receivedAt: at,
      receivedBy: null,
      description: `Complaint ${i + 1}: the washing machine bought in store ${i % 40} leaks from the door seal.`,
      demands: [DEMAND.values[i % DEMAND.values.length], DEMAND.values[(i + 1) % DEMAND.values.length]],
      respondent: null,
      customerId: `00000000-0000-4000-9000-${hex}`,
      assetId: null,
      categoryCode: null,
      priority: PRIORITY.values[i % PRIORITY.values.length],
      major: i % 17 === 0,
      fields: {},
      departmentId: null,
      ownerId: null,
      rejectionReason: null,
      rejectionNote: null,
      closingSummary: null,
      lossAmount: null,
      lossCurrency: null,
      pluginId: 'default',
      pluginVersion: '1.0.0',
      pluginConfig: {},
      version: 1 + (i % 9),
      createdAt: at,
      updatedAt: new Date(at.getTime() + 60_000),
      acknowledgedAt: i % 2 ? new Date(at.getTime() + 120_000) : null,
      closedAt: i % 5 === 0 ? new Date(at.getTime() + 86_400_000) : null,
    } as ComplaintRow;
  });
}

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

/** The same output types, written directly in graphql-js. */
function graphqlJsSchema(rows: ComplaintRow[]): GraphQLSchema {
  const { COMPLAINT_STATUS, CHANNEL, PRIORITY, DEMAND } = pluginApi;
  const enumOf = (name: string, values: readonly string[]) =>
    new GraphQLEnumType({ name, values: Object.fromEntries(values.map((v) => [v, { value: v }])) });
  const nonNull = <T extends GraphQLNullableType>(type: T) => new GraphQLNonNull(type);
  const complaint = new GraphQLObjectType<ComplaintRow>({
    name: 'Complaint',
    fields: {
      id: { type: nonNull(GraphQLID), resolve: (row) => globalId('Complaint', row.id) },
      number: { type: nonNull(GraphQLFloat), resolve: (row) => Number(row.number) },
      trackingCode: { type: nonNull(GraphQLString) },
      status: { type: nonNull(enumOf('ComplaintStatus', COMPLAINT_STATUS.values)) },
      channel: { type: nonNull(enumOf('Channel', CHANNEL.values)) },
      receivedAt: { type: nonNull(GraphQLDateTimeISO) },
      description: { type: nonNull(GraphQLString) },
      demands: { type: nonNull(new GraphQLList(nonNull(enumOf('Demand', DEMAND.values)))) },
      priority: { type: nonNull(enumOf('Priority', PRIORITY.values)) },
      major: { type: nonNull(GraphQLBoolean) },
      version: { type: nonNull(GraphQLInt) },
      createdAt: { type: nonNull(GraphQLDateTimeISO) },
      updatedAt: { type: nonNull(GraphQLDateTimeISO) },
      acknowledgedAt: { type: GraphQLDateTimeISO },
      closedAt: { type: GraphQLDateTimeISO },
    },
  });
  const edge = new GraphQLObjectType<ComplaintRow>({
    name: 'ComplaintEdge',
    fields: { node: { type: nonNull(complaint), resolve: (row) => row } },
  });
  const connection = new GraphQLObjectType<ComplaintRow[]>({
    name: 'ComplaintConnection',
    fields: { edges: { type: nonNull(new GraphQLList(nonNull(edge))), resolve: (page) => page } },
  });
  return new GraphQLSchema({
    query: new GraphQLObjectType({
      name: 'Query',
      fields: {
        complaints: {
          type: nonNull(connection),
          args: { first: { type: GraphQLInt } },
          resolve: (_root, args: { first?: number }) => rows.slice(0, args.first ?? 20),
        },
      },
    }),
  });
}

/** What the server's `complaints` resolver receives from its service: the page of rows as a connection. */
function serverContext(rows: ComplaintRow[], tenantId: string) {
  const viewer = { userId: 'bench', tenantId, roles: new Set<string>(), isPlatformAdmin: false, apiKeyId: null };
  const connection = {
    totalCount: rows.length,
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    edges: rows.map((row) => ({ cursor: row.id, node: row })),
  };
  return {
    requireViewer: () => viewer,
    requireTenantViewer: () => viewer,
    services: { complaintQueries: { list: async () => connection } },
  };
}

const timed = async (run: () => unknown): Promise<number> => {
  const started = performance.now();
  JSON.stringify(await run());
  return performance.now() - started;
};

/**
 * One round: executions of the two sides alternate one by one (so that a burst of noise
 * from the rest of the machine hits both), and each side's round value is its median.
 */
async function alternatingRound(platform: () => unknown, baseline: () => unknown): Promise<{ platform: number; baseline: number }> {
  const times = { platform: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < EXECUTIONS_PER_ROUND; i++) {
    if (i % 2 === 0) {
      times.platform.push(await timed(platform));
      times.baseline.push(await timed(baseline));
    } else {
      times.baseline.push(await timed(baseline));
      times.platform.push(await timed(platform));
    }
  }
  return { platform: median(times.platform), baseline: median(times.baseline) };
}

void runScenario(async () => {
  const tenantId = '00000000-0000-4000-a000-000000000001';
  const rows = sampleRows(tenantId);
  const typeGraphql = await buildAppSchema();
  const plain = graphqlJsSchema(rows);
  const document: DocumentNode = parse(QUERY);
  for (const schema of [typeGraphql, plain]) {
    const errors = validate(schema, document);
    if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  }
  const variableValues = { first: COMPLAINTS };
  const contextValue = serverContext(rows, tenantId);
  const platform = () => execute({ schema: typeGraphql, document, variableValues, contextValue });
  const baseline = () => execute({ schema: plain, document, variableValues });

  const a = await platform();
  const b = await baseline();
  if (a.errors?.length) throw new Error(`type-graphql schema: ${JSON.stringify(a.errors)}`);
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b))))
    throw new Error('the two schemas answer differently');

  progress(`S3: warm-up, then ${ROUNDS} rounds of ${EXECUTIONS_PER_ROUND} alternating executions each side`);
  for (let i = 0; i < 30; i++) {
    await platform();
    await baseline();
  }
  const runs = { platform: [] as number[], baseline: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const result = await alternatingRound(platform, baseline);
    runs.platform.push(result.platform);
    runs.baseline.push(result.baseline);
  }
  progress(
    `  platform ${runs.platform.map((t) => t.toFixed(2)).join(' ')} ms; baseline ${runs.baseline.map((t) => t.toFixed(2)).join(' ')} ms`,
  );
  return {
    scenario: 'S3',
    title: 'Large response: 500 complaints × 15 scalar fields, type-graphql schema vs plain graphql-js',
    rows: [ratioRow('execute + serialize, per response', 'ms', runs.platform, runs.baseline, { atMost: 1.2 })],
    notes: [
      `${COMPLAINTS} complaints × 15 scalar fields (${(JSON.stringify(a).length / 1024).toFixed(0)} KiB of JSON), graphql-js execute on both sides, rows already in memory.`,
      'Platform: the server schema as built at start (type-graphql resolvers, auth checker, global middleware); its complaints service answers with the same rows.',
      `Each round alternates ${EXECUTIONS_PER_ROUND} executions of each side one by one; a side's round value is its median. Answers compared once: identical.`,
      'Fixed: the mutation savepoint boundary was a type-graphql global middleware, which made every field of every response (scalars included) an asynchronous middleware chain, about 7× the baseline here; it now wraps the Mutation fields only.',
    ],
  };
});
