import { loadConfig } from '../../server/src/config/config';
import { withoutSuggestions } from '../../server/src/graphql/operation-limits';

describe('withoutSuggestions', () => {
  it.each([
    [
      'Cannot query field "totalCont" on type "ComplaintConnection". Did you mean "totalCount"?',
      'Cannot query field "totalCont" on type "ComplaintConnection".',
    ],
    [
      'Unknown argument "frist" on field "Query.complaints". Did you mean "first" or "after"?',
      'Unknown argument "frist" on field "Query.complaints".',
    ],
    [
      'Value "RECIEVED" does not exist in "ComplaintStatus" enum. Did you mean the enum value "RECEIVED"?',
      'Value "RECIEVED" does not exist in "ComplaintStatus" enum.',
    ],
    ['Unknown type "Complaintt". Did you mean "Complaint", "Complaints", or "ComplaintEvent"?', 'Unknown type "Complaintt".'],
    ['Syntax Error: Unexpected "{".', 'Syntax Error: Unexpected "{".'],
  ])('%s', (message, expected) => {
    expect(withoutSuggestions(message)).toBe(expected);
  });
});

describe('WebSocket and metrics settings', () => {
  it('default to 1 MiB messages, 100 operations per connection, 20 connections per credential, metrics served', () => {
    expect(loadConfig({})).toMatchObject({
      wsMaxPayloadBytes: 1024 * 1024,
      wsMaxSubscriptionsPerConnection: 100,
      wsMaxConnectionsPerCredential: 20,
      metricsEnabled: true,
    });
  });

  it('are read from the environment and checked', () => {
    expect(
      loadConfig({
        WS_MAX_PAYLOAD_BYTES: '65536',
        WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: '10',
        WS_MAX_CONNECTIONS_PER_CREDENTIAL: '3',
        METRICS_ENABLED: 'false',
      }),
    ).toMatchObject({
      wsMaxPayloadBytes: 65536,
      wsMaxSubscriptionsPerConnection: 10,
      wsMaxConnectionsPerCredential: 3,
      metricsEnabled: false,
    });
    expect(() => loadConfig({ WS_MAX_PAYLOAD_BYTES: '10' })).toThrow(/WS_MAX_PAYLOAD_BYTES/);
    expect(() => loadConfig({ WS_MAX_CONNECTIONS_PER_CREDENTIAL: '0' })).toThrow(/WS_MAX_CONNECTIONS_PER_CREDENTIAL/);
    expect(() => loadConfig({ METRICS_ENABLED: 'yes' })).toThrow(/METRICS_ENABLED/);
  });
});
