/** An SVG as the data URL `updateTenantBranding` takes (percent-encoded). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg.replace(/\s*\n\s*/g, ' ').trim())}`;
}

/** The demo tenants' logos: a shape on a coloured tile, no text (no font to depend on). */
export const DEMO_LOGOS = {
  /** A shopping bag. */
  retail: svgDataUrl(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
    <rect width="64" height="64" rx="14" fill="#0b6e4f"/>
    <path d="M18 24h28l-3 26H21z" fill="#fff"/>
    <path d="M25 24v-4a7 7 0 0 1 14 0v4" fill="none" stroke="#fff" stroke-width="4"/>
  </svg>`),
  /** A cross. */
  hospital: svgDataUrl(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
    <rect width="64" height="64" rx="14" fill="#b42318"/>
    <path d="M26 14h12v12h12v12H38v12H26V38H14V26h12z" fill="#fff"/>
  </svg>`),
  /** A car seen from the side. */
  auto: svgDataUrl(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
    <rect width="64" height="64" rx="14" fill="#1d4ed8"/>
    <path d="M10 40v-7l6-2 6-9h20l8 9 4 2v7z" fill="#fff"/>
    <circle cx="21" cy="42" r="5" fill="#1d4ed8" stroke="#fff" stroke-width="3"/>
    <circle cx="44" cy="42" r="5" fill="#1d4ed8" stroke="#fff" stroke-width="3"/>
  </svg>`),
} as const;
