/** What the Node service tells of its renderer without loading it (the render threads do). */
import type { RendererInfo } from '../app/renderer-types.js';
import { CHART_SLUGS, PAGE_COUNT, PNG_WIDTH, RENDERER_VERSION } from '../core/renderer-constants.js';

export const NODE_RENDERER_INFO: RendererInfo = { version: `${RENDERER_VERSION}-node`, chartSlugs: CHART_SLUGS, pageCount: PAGE_COUNT, pngWidth: PNG_WIDTH };
