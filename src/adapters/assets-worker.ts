/**
 * The HTML pages' static files on Workers: bundled as text modules (DSFR's stylesheets and icons,
 * wrangler.toml's `Text` rule) and the fonts the renderer already bundles (`Data`). The list must
 * match html-assets.ts; a test checks that every listed file is served here.
 */
import dsfr0 from '@gouvfr/dsfr/dist/core/core.min.css';
import dsfr1 from '@gouvfr/dsfr/dist/component/link/link.min.css';
import dsfr2 from '@gouvfr/dsfr/dist/component/button/button.min.css';
import dsfr3 from '@gouvfr/dsfr/dist/component/table/table.min.css';
import dsfr4 from '@gouvfr/dsfr/dist/component/notice/notice.min.css';
import dsfr5 from '@gouvfr/dsfr/dist/component/skiplink/skiplink.min.css';
import dsfr6 from '@gouvfr/dsfr/dist/component/form/form.min.css';
import dsfr7 from '@gouvfr/dsfr/dist/component/input/input.min.css';
import dsfr8 from '@gouvfr/dsfr/dist/component/search/search.min.css';
import dsfr9 from '@gouvfr/dsfr/dist/component/logo/logo.min.css';
import dsfr10 from '@gouvfr/dsfr/dist/component/header/header.min.css';
import dsfr11 from '@gouvfr/dsfr/dist/component/footer/footer.min.css';
import dsfr12 from '@gouvfr/dsfr/dist/icons/system/download-line.svg';
import dsfr13 from '@gouvfr/dsfr/dist/icons/system/search-line.svg';
import dsfr14 from '@gouvfr/dsfr/dist/icons/system/fr--warning-fill.svg';
import dsfr15 from '@gouvfr/dsfr/dist/icons/system/fr--info-fill.svg';
import bold from '../../templates/fonts/SourceSans3-Bold.ttf';
import italic from '../../templates/fonts/SourceSans3-Italic.ttf';
import regular from '../../templates/fonts/SourceSans3-Regular.ttf';
import type { AssetKind, StaticAssets } from '../app/html-assets.js';

const dsfr: Record<string, string> = {
  'core/core.min.css': dsfr0,
  'component/link/link.min.css': dsfr1,
  'component/button/button.min.css': dsfr2,
  'component/table/table.min.css': dsfr3,
  'component/notice/notice.min.css': dsfr4,
  'component/skiplink/skiplink.min.css': dsfr5,
  'component/form/form.min.css': dsfr6,
  'component/input/input.min.css': dsfr7,
  'component/search/search.min.css': dsfr8,
  'component/logo/logo.min.css': dsfr9,
  'component/header/header.min.css': dsfr10,
  'component/footer/footer.min.css': dsfr11,
  'icons/system/download-line.svg': dsfr12,
  'icons/system/search-line.svg': dsfr13,
  'icons/system/fr--warning-fill.svg': dsfr14,
  'icons/system/fr--info-fill.svg': dsfr15,
};

const fonts: Record<string, ArrayBuffer> = {
  'SourceSans3-Regular.ttf': regular,
  'SourceSans3-Bold.ttf': bold,
  'SourceSans3-Italic.ttf': italic,
};

const encoder = new TextEncoder();

export function createWorkerAssets(): StaticAssets {
  return {
    async get(kind: AssetKind, path: string) {
      if (kind === 'dsfr') {
        const text = Object.hasOwn(dsfr, path) ? dsfr[path] : undefined;
        return text === undefined ? null : encoder.encode(text);
      }
      const bytes = Object.hasOwn(fonts, path) ? fonts[path] : undefined;
      return bytes === undefined ? null : new Uint8Array(bytes);
    },
  };
}
