import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `rdk_<key id without dashes>_<secret>`. The id finds the row; only a
 * SHA-256 of the 256-bit secret is stored (a slow hash adds nothing for random secrets).
 */
const PREFIX = 'rdk_';

export function generateApiKeySecret(): { secret: string; secretHash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, secretHash: hashSecret(secret) };
}

export function formatApiKey(id: string, secret: string): string {
  return `${PREFIX}${id.replace(/-/g, '')}_${secret}`;
}

export function parseApiKey(key: string): { id: string; secret: string } | null {
  const match = /^rdk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/.exec(key);
  if (!match) return null;
  const hex = match[1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2] };
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(PREFIX);
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
