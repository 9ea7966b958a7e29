/** A credential, or a function that returns the current one (called for every request and connection). */
export type CredentialSource = string | (() => string | null | Promise<string | null>);

/** A complainant following their own complaint: the organisation and the tracking code they were given. */
export interface ComplainantCredentials {
  tenantSlug: string;
  trackingCode: string;
}

/**
 * How the client authenticates, one of: a login token, an integration's API key, a
 * complainant's tracking code (live status over the WebSocket; public queries over HTTP take
 * it as arguments), or nothing (public operations).
 */
export type Credentials =
  | { token?: CredentialSource; apiKey?: undefined; complainant?: undefined }
  | { apiKey?: CredentialSource; token?: undefined; complainant?: undefined }
  | { complainant?: ComplainantCredentials; token?: undefined; apiKey?: undefined };

/** Holds the current credentials; both transports read them at every request or connection. */
export class CredentialStore {
  private source: CredentialSource | null = null;
  private complainant: ComplainantCredentials | null = null;

  constructor(credentials: Credentials) {
    this.replace(credentials);
  }

  replace(credentials: Credentials): void {
    this.source = credentials.token ?? credentials.apiKey ?? null;
    this.complainant = credentials.complainant ? { ...credentials.complainant } : null;
  }

  /** True when asking again may give a different credential (a function source). */
  get refreshable(): boolean {
    return typeof this.source === 'function';
  }

  /** The `Authorization` header value, or null without a token or API key. */
  async authorization(): Promise<string | null> {
    const source = this.source;
    const credential = typeof source === 'function' ? await source() : source;
    // Tokens and API keys are both presented as bearer credentials.
    return credential ? `Bearer ${credential}` : null;
  }

  /** What the WebSocket connection presents: `{ authorization }`, a complainant's `{ tenantSlug, trackingCode }`, or nothing. */
  async connectionParams(): Promise<Record<string, string>> {
    if (this.complainant) return { tenantSlug: this.complainant.tenantSlug, trackingCode: this.complainant.trackingCode };
    const authorization = await this.authorization();
    return authorization ? { authorization } : {};
  }
}
