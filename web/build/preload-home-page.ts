import type { HtmlTagDescriptor, Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  facadeModuleId?: string | null;
  imports?: string[];
}

/**
 * The console's frame and home page (the queue) are loaded lazily, so without help the browser
 * learns of their code only once the entry has run. This adds `<link rel="modulepreload">` for
 * them and everything they import statically, so the files come beside the entry. A file, not an
 * inline script, because the console's Content-Security-Policy allows scripts from 'self' only.
 * Other pages are not preloaded: opened directly, router.tsx fetches their code at start.
 */
export function preloadHomePage(modules: readonly string[]): Plugin {
  return {
    name: 'redress:preload-home-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const bundle = context.bundle as Record<string, ChunkLike> | undefined;
        if (!bundle || !context.chunk) return [];
        const chunks = Object.values(bundle).filter((output) => output.type === 'chunk');
        const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        // What the entry imports statically Vite preloads already.
        const known = new Set<string>();
        const collect = (fileName: string, into: Set<string>) => {
          if (into.has(fileName)) return;
          into.add(fileName);
          for (const imported of byFile.get(fileName)?.imports ?? []) collect(imported, into);
        };
        collect(context.chunk.fileName, known);

        const wanted = new Set<string>();
        for (const module of modules) {
          const chunk = chunks.find((candidate) => candidate.facadeModuleId?.endsWith(module));
          if (!chunk) throw new Error(`preloadHomePage: no chunk for ${module}`);
          collect(chunk.fileName, wanted);
        }
        return [...wanted]
          .filter((fileName) => !known.has(fileName))
          .map((fileName): HtmlTagDescriptor => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${fileName}` },
            injectTo: 'head',
          }));
      },
    },
  };
}
