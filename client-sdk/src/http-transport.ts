import type { CredentialStore } from './credentials.js';
import { TransportError, type GraphQLErrorEntry } from './errors.js';

/** The part of `fetch` the client uses; the global one in browsers and Node 20+. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface GraphQLResponseBody {
  data?: Record<string, unknown> | null;
  errors?: GraphQLErrorEntry[];
}

export interface HttpRequest {
  query: string;
  operationName: string | undefined;
  variables: unknown;
}

/** Sends one operation as a GraphQL POST; throws TransportError when no GraphQL answer comes back. */
export async function postOperation(
  fetchImpl: FetchLike,
  url: string,
  credentials: CredentialStore,
  extraHeaders: Record<string, string>,
  request: HttpRequest,
): Promise<GraphQLResponseBody & { status: number }> {
  const authorization = await credentials.authorization();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...extraHeaders,
    ...(authorization ? { authorization } : {}),
  };
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchImpl(url, { method: 'POST', headers, body: JSON.stringify(request) });
  } catch (cause) {
    throw new TransportError(`Cannot reach ${url}`, { cause });
  }
  const text = await response.text().catch((cause: unknown) => {
    throw new TransportError(`Reading the response from ${url} failed`, { status: response.status, cause });
  });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new TransportError(`HTTP ${response.status}: the answer is not GraphQL`, { status: response.status, cause });
  }
  if (!isGraphQLResponse(body)) {
    throw new TransportError(`HTTP ${response.status}: the answer is not GraphQL`, { status: response.status });
  }
  return { ...body, status: response.status };
}

function isGraphQLResponse(body: unknown): body is GraphQLResponseBody {
  if (typeof body !== 'object' || body === null) return false;
  const { data, errors } = body as GraphQLResponseBody;
  return (typeof data === 'object' && data !== undefined) || Array.isArray(errors);
}
