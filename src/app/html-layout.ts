/**
 * The frame every HTML page of the service shares: DSFR's stylesheets served by the app, the
 * project's font, the State's header, a skip link, and a print stylesheet. Pages supply the title
 * and the main content.
 */
import * as texts from '../../templates/texts.js';
import { DSFR_STYLESHEETS, FONT_FILES, dsfrUrl, fontUrl } from './html-assets.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const FONT_FACES = FONT_FILES.map((file) => {
  const bold = file.includes('Bold');
  const italic = file.includes('Italic');
  return `@font-face{font-family:"Source Sans 3";src:url(${fontUrl(file)}) format("truetype");font-weight:${bold ? 700 : 400};font-style:${italic ? 'italic' : 'normal'};font-display:swap}`;
}).join('\n');

/**
 * Source Sans 3 instead of Marianne (see html-assets.ts). Charts and tables never widen the page:
 * images scale down, wide tables scroll inside their own box, long addresses break.
 */
const STYLE = `${FONT_FACES}
html,body,button,input,textarea,select{font-family:"Source Sans 3",arial,sans-serif}
.fiche-main{padding-top:1.5rem;padding-bottom:2.5rem}
.fiche-main a,.fiche-main code{overflow-wrap:anywhere}
.fiche-section+.fiche-section{margin-top:2.5rem}
.fiche-figure{margin:1.5rem 0 2rem}
.fiche-figure figcaption h3{margin-bottom:.75rem}
/* The drawings are vectors: 1.5 times their own size stays sharp, and their 7.5-point labels become readable. */
.fiche-figure img{display:block;width:100%;max-width:820px;height:auto;background:#fff;border:1px solid #ddd}
.fiche-figure details{margin-top:.75rem}
/* On a phone the labels wrap so that more columns show, and the caption stays on screen while the table scrolls. */
.fiche-figure .fr-table th[scope=row]{white-space:normal;min-width:8rem}
.fiche-figure .fr-table caption{white-space:normal;position:sticky;left:0;max-width:calc(100vw - 2rem)}
.fiche-figure summary{cursor:pointer;color:var(--text-action-high-blue-france);font-weight:700;padding:.25rem 0}
.fiche-figure textarea{box-sizing:border-box;width:100%;max-width:100%}
.fiche-figure textarea.fiche-code{font-family:monospace;font-size:.875rem}
.fiche-downloads{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0}
.fiche-downloads li{padding:0}
.fiche-note{font-size:.875rem;color:var(--text-mention-grey)}
.fiche-totals{border-left:3px solid var(--border-active-blue-france);padding-left:.75rem}
.fiche-copy-status{margin-left:.5rem}
@media print{
  .fr-skiplinks,.fiche-noprint,.fiche-figure details{display:none!important}
  .fiche-figure{break-inside:avoid}
  .fiche-section{break-before:auto}
  .fiche-main a[href^="http"]::after{content:" (" attr(href) ")"}
}`;

/** The warning every page of a synthetic data version carries, as DSFR's notice. */
export function sampleNoticeHtml(notice: string, detail: string): string {
  return `<div class="fr-notice fr-notice--warning fr-mb-3w"><div class="fr-container"><div class="fr-notice__body"><p><span class="fr-notice__title">${escapeHtml(notice)}</span> <span class="fr-notice__desc">— ${escapeHtml(detail)}</span></p></div></div></div>`;
}

export interface HtmlPageParts {
  title: string;
  main: string;
  /** CSS of this page only. */
  style?: string;
  /** A small script run at the end of the body; the page works without it. */
  script?: string;
}

export function htmlPage({ title, main, style = '', script }: HtmlPageParts): string {
  const stylesheets = DSFR_STYLESHEETS.map((path) => `<link rel="stylesheet" href="${dsfrUrl(path)}">`).join('\n');
  return `<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${stylesheets}
<style>
${STYLE}${style}
</style>
</head>
<body>
<div class="fr-skiplinks"><nav class="fr-container" aria-label="Accès rapide"><ul class="fr-skiplinks__list"><li><a class="fr-link" href="#contenu">Contenu</a></li></ul></nav></div>
<header class="fr-header">
<div class="fr-header__body"><div class="fr-container"><div class="fr-header__body-row">
<div class="fr-header__brand fr-enlarge-link">
<div class="fr-header__brand-top"><div class="fr-header__logo"><p class="fr-logo">République<br>Française</p></div></div>
<div class="fr-header__service"><a href="/"><p class="fr-header__service-title">${escapeHtml(texts.title)}</p></a><p class="fr-header__service-tagline">${escapeHtml(texts.footerPublisher)}</p></div>
</div>
</div></div></div>
</header>
<main id="contenu" class="fr-container fiche-main" tabindex="-1">
${main}
</main>
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}
