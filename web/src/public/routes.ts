/** The public pages of one organisation, under `/t/<slug>/`. */
export type PublicPage =
  | { page: 'home'; slug: string }
  | { page: 'complain'; slug: string }
  | { page: 'track'; slug: string }
  /** The code is in the fragment (`#CODE`): browsers never send it, so it stays out of server and proxy logs. */
  | { page: 'status'; slug: string; code: string }
  | { page: 'unknown'; slug: string | null };

export function parseLocation(pathname: string, hash: string): PublicPage {
  const match = /^\/t\/([^/]+)(?:\/([^/]*))?\/?$/.exec(pathname);
  if (!match) return { page: 'unknown', slug: null };
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]);
  } catch {
    return { page: 'unknown', slug: null };
  }
  const code = decodeHash(hash);
  switch (match[2] ?? '') {
    case '':
      return { page: 'home', slug };
    case 'complain':
      return { page: 'complain', slug };
    case 'track':
      return { page: 'track', slug };
    case 'status':
      return code ? { page: 'status', slug, code } : { page: 'track', slug };
    default:
      return { page: 'unknown', slug };
  }
}

function decodeHash(hash: string): string {
  try {
    return decodeURIComponent(hash.replace(/^#/, '')).trim();
  } catch {
    return '';
  }
}

export const pathOf = {
  home: (slug: string) => `/t/${encodeURIComponent(slug)}/`,
  complain: (slug: string) => `/t/${encodeURIComponent(slug)}/complain`,
  track: (slug: string) => `/t/${encodeURIComponent(slug)}/track`,
  status: (slug: string, code: string) => `/t/${encodeURIComponent(slug)}/status#${encodeURIComponent(code)}`,
};

/** The full address of a status page, to keep. */
export function statusLink(slug: string, code: string): string {
  return new URL(pathOf.status(slug, code), window.location.origin).toString();
}

/** Accepts a tracking code as people type it (any case, dashes or spaces); null when it cannot be one. */
export function normalizeTrackingCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[0-9A-HJKMNP-TV-Z]{16}$/.test(compact)) return null;
  return compact.match(/.{4}/g)!.join('-');
}
