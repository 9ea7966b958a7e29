/** The part of JSON Schema the rule-argument forms read (what the server's configSchema holds). */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  description?: string;
  default?: unknown;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema's single type (a nullable type reads as the other one). */
export function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((type) => type !== 'null');
  return schema.type;
}

/** The schema of one rule's arguments within a plugin's configSchema (rule code → arguments). */
export function ruleSchema(configSchema: unknown, ruleCode: string): JsonSchema {
  const properties = isObject(configSchema) ? (configSchema as JsonSchema).properties : undefined;
  return properties?.[ruleCode] ?? {};
}

/** "pointsPerBreach" → "points per breach": the argument's name as words (names come from the plugin). */
export function argumentWords(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The bounds the schema puts on a number, for a hint beside it: [lowest, highest], either open. */
export function numberBounds(schema: JsonSchema): { min?: number; max?: number; exclusiveMin: boolean; exclusiveMax: boolean } {
  const big = (value: number | undefined) => (value !== undefined && Math.abs(value) >= Number.MAX_SAFE_INTEGER ? undefined : value);
  const min = big(schema.exclusiveMinimum ?? schema.minimum);
  const max = big(schema.exclusiveMaximum ?? schema.maximum);
  return { min, max, exclusiveMin: schema.exclusiveMinimum !== undefined, exclusiveMax: schema.exclusiveMaximum !== undefined };
}

/** Equal as JSON values, whatever the order of object keys (the server may store them in another order). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameJson(a[key], b[key]));
  }
  return a === b;
}
