import type { CredentialStore } from './credentials.js';
import { TransportError, type GraphQLErrorEntry } from './errors.js';

/** The part of `fetch` the client uses; the global one in browsers and Node 20+. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal },
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
  signal?: AbortSignal,
): Promise<GraphQLResponseBody & { status: number }> {
  const authorization = await credentials.authorization();
  throwIfAborted(signal, url);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...extraHeaders,
    ...(authorization ? { authorization } : {}),
  };
  let response: Awaited<ReturnType<FetchLike>>;
  try {
    response = await fetchImpl(url, { method: 'POST', headers, body: JSON.stringify(request), ...(signal ? { signal } : {}) });
  } catch (cause) {
    throwIfAborted(signal, url, cause);
    throw new TransportError(unreachableMessage(url, cause), { cause });
  }
  const text = await response.text().catch((cause: unknown) => {
    throwIfAborted(signal, url, cause);
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

function throwIfAborted(signal: AbortSignal | undefined, url: string, cause: unknown = signal?.reason): void {
  if (signal?.aborted) throw new TransportError(`The request to ${url} was aborted`, { aborted: true, cause });
}

/**
 * Why a fetch failed, as far as can be told. A browser refusing a cross-origin answer shows
 * only a TypeError, like a network failure: when the page and the endpoint differ in origin,
 * the message names the likely cause.
 */
function unreachableMessage(url: string, cause: unknown): string {
  const page = (globalThis as { location?: { origin?: string; href?: string } }).location;
  if (cause instanceof TypeError && page?.origin && page.origin !== 'null') {
    let endpoint: string | null = null;
    try {
      endpoint = new URL(url, page.href).origin;
    } catch {
      endpoint = null;
    }
    if (endpoint && endpoint !== page.origin) {
      return (
        `Cannot reach ${url} from ${page.origin}: if the server is up, it likely refused the cross-origin request; ` +
        `its ALLOWED_ORIGINS setting must list ${page.origin}`
      );
    }
  }
  return `Cannot reach ${url}`;
}
