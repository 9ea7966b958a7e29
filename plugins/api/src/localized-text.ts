/** The languages every label of the platform and its plugins is written in. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A text in every supported language. */
export type LocalizedText = Record<Locale, string>;

export function pickText(text: LocalizedText, locale: Locale): string {
  return text[locale];
}
