import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema } from 'graphql';
import * as sdk from '@redress/client-sdk';
import { operationLimits } from '../../server/src/graphql/operation-limits';

/** Every operation the SDK ships passes the limits the server puts on operations (depth, tokens, cost). */
it('keeps every SDK operation within the server’s operation limits', () => {
  const schema = buildSchema(readFileSync(path.resolve(__dirname, '../../schema/schema.graphql'), 'utf8'));
  const limits = operationLimits({ introspection: false });
  const refused = Object.entries(sdk)
    .filter(([name]) => name.endsWith('Document'))
    .flatMap(([name, document]) => {
      const checked = limits.check(schema, (document as sdk.OperationDocument<sdk.OperationKind, unknown, unknown>).text);
      return 'errors' in checked ? [`${name}: ${checked.errors.map((error) => error.message).join('; ')}`] : [];
    });
  expect(refused).toEqual([]);
});
