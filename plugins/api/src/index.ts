/**
 * @redress/plugin-api: what an industry rule plugin imports. Nothing here depends on the
 * server; the server depends on this.
 */
export type { LocalizedText, Locale } from './localized-text';
export { LOCALES, pickText } from './localized-text';
export * from './complaint-vocabulary';
export * from './complaint-plugin';
export { validatePlugin } from './validate-plugin';
export * from './rule-helpers';
export type { PluginSamples, SampleView } from './plugin-samples';
