/** A credential, or a function that returns the current one (called for every request and connection). */
export type CredentialSource = string | (() => string | null | Promise<string | null>);

/** How the client authenticates: a login token or an integration's API key (not both), or nothing (public operations). */
export type Credentials = { token?: CredentialSource; apiKey?: undefined } | { apiKey?: CredentialSource; token?: undefined };

/** Holds the current credentials; both transports read them at every request or connection. */
export class CredentialStore {
  private source: CredentialSource | null;

  constructor(credentials: Credentials) {
    this.source = sourceOf(credentials);
  }

  replace(credentials: Credentials): void {
    this.source = sourceOf(credentials);
  }

  /** True when asking again may give a different credential (a function source). */
  get refreshable(): boolean {
    return typeof this.source === 'function';
  }

  /** The `Authorization` header value, or null without credentials. */
  async authorization(): Promise<string | null> {
    const source = this.source;
    const credential = typeof source === 'function' ? await source() : source;
    // Tokens and API keys are both presented as bearer credentials.
    return credential ? `Bearer ${credential}` : null;
  }
}

function sourceOf(credentials: Credentials): CredentialSource | null {
  if ('token' in credentials && credentials.token !== undefined) return credentials.token;
  if ('apiKey' in credentials && credentials.apiKey !== undefined) return credentials.apiKey;
  return null;
}
