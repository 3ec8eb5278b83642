/**
 * The factsheet as a web page, written from the content model (templates/content): the same words
 * in the same order as the PDF, with real headings, lists, and each chart as a figure with its
 * caption, its drawing (an image whose alternative text is the chart's description), its data as a
 * table behind « Voir les données », its downloads, and what a newsletter editor pastes.
 */
import type { Block, DataTable, FactsheetContent, FigureBlock } from '../../templates/content/model.js';
import type { Run } from '../../templates/texts.js';
import { escapeHtml, htmlPage, sampleNoticeHtml } from './html-layout.js';

/** Part of the HTML page's ETag: changes when this markup changes while the renderer does not. */
export const HTML_VERSION = 'h2';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/**
 * What names a factsheet page for its ETag, cache and prerendered key (the app and render:all both
 * use this). The newsletter snippets carry absolute addresses, so each origin has its own page.
 */
export function factsheetPageParts(origin: string): readonly string[] {
  return ['html', HTML_VERSION, origin];
}

/** A newsletter column is 600 px wide; the 2x image keeps it sharp on dense screens. */
export const NEWSLETTER_WIDTH = 600;

export interface FactsheetPageOptions {
  /** The code as asked for (`2A`), which the links keep; the content names the document (`20`). */
  code: string;
  /** `https://host`, for the addresses a newsletter editor copies (they leave this site). */
  origin: string;
}

/** The PNG's pixel height at a given width, rounded as resvg rounds it when fitting to a width (tested). */
export function pngHeight(figure: Pick<FigureBlock, 'width' | 'height'>, widthPx: number): number {
  return Math.round((figure.height * widthPx) / figure.width);
}

export function factsheetPage(content: FactsheetContent, options: FactsheetPageOptions): string {
  const { furniture } = content;
  const code = encodeURIComponent(options.code);
  const name = furniture.departement.name;
  const sample = furniture.sample ? sampleNoticeHtml(furniture.sample.notice, furniture.sample.detail) : '';
  const downloads = `<nav class="fiche-noprint" aria-label="Téléchargements de la fiche">
<ul class="fiche-downloads">
<li><a class="fr-link fr-link--download" href="/fiche/${code}.pdf">Fiche complète en PDF</a></li>
<li><a class="fr-link fr-link--download" href="/donnees/${code}.json">Données en JSON</a></li>
<li><a class="fr-link fr-link--download" href="/donnees/${code}.csv">Données en CSV</a></li>
</ul>
</nav>`;
  const sections = content.sections
    .map((section) => `<section class="fiche-section" data-page="${section.page}">\n${section.blocks.map((block) => blockHtml(block, options)).join('\n')}\n</section>`)
    .join('\n');
  const footer = `<footer class="fiche-note fr-mt-5w"><p>${escapeHtml(furniture.publisher)} · ${escapeHtml(furniture.source)}</p></footer>`;
  return htmlPage({
    title: `${name} (${furniture.year}) — ${furniture.title}`,
    main: `${sample}\n${downloads}\n${sections}\n${footer}`,
    script: COPY_SCRIPT,
  });
}

function runsHtml(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      let html = escapeHtml(run.text).replace(/\n/g, '<br>');
      if (run.bold) html = `<strong>${html}</strong>`;
      if (run.link) html = `<a href="${escapeHtml(run.link)}">${html}</a>`;
      return html;
    })
    .join('');
}

function blockHtml(block: Block, options: FactsheetPageOptions): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p>${runsHtml(block.runs)}</p>`;
    case 'list':
      return `<ul>${block.items.map((item) => `<li>${runsHtml(item)}</li>`).join('')}</ul>`;
    case 'note':
      return `<p class="fiche-note${block.runs.some((run) => run.bold) ? ' fiche-totals' : ''}">${runsHtml(block.runs)}</p>`;
    case 'figure':
      return figureHtml(block, options);
  }
}

function figureHtml(figure: FigureBlock, { code, origin }: FactsheetPageOptions): string {
  const id = `graphique-${figure.chart}`;
  const base = `/fiche/${encodeURIComponent(code)}/${figure.chart}`;
  const png1x = `${origin}${base}.png?w=${NEWSLETTER_WIDTH}`;
  const png2x = `${origin}${base}.png?w=${2 * NEWSLETTER_WIDTH}`;
  const height = pngHeight(figure, NEWSLETTER_WIDTH);
  const snippet = `<img src="${escapeHtml(png1x)}" srcset="${escapeHtml(png2x)} 2x" width="${NEWSLETTER_WIDTH}" height="${height}" alt="${escapeHtml(figure.alt)}" style="display:block;max-width:100%;height:auto;border:0">`;
  return `<figure class="fiche-figure" id="${id}">
<figcaption><h3 class="fr-h5">${escapeHtml(figure.title)}</h3></figcaption>
<img src="${base}.svg" width="${figure.width}" height="${figure.height}" alt="${escapeHtml(figure.alt)}" loading="lazy" decoding="async">
<details>
<summary>Voir les données</summary>
${tableHtml(figure.table)}
</details>
<ul class="fiche-downloads fiche-noprint" aria-label="Télécharger ce graphique">
${(['svg', 'png', 'pdf'] as const).map((format) => `<li><a class="fr-link fr-link--download" href="${base}.${format}">Graphique en ${format.toUpperCase()}<span class="fr-sr-only"> : ${escapeHtml(figure.title)}</span></a></li>`).join('\n')}
</ul>
<details class="fiche-noprint">
<summary>Intégrer ce graphique dans une lettre d'information</summary>
<p class="fr-mb-1w">Image PNG sur fond blanc, ${NEWSLETTER_WIDTH} × ${height} pixels : <a href="${escapeHtml(png1x)}"><code>${escapeHtml(png1x)}</code></a><br>En double résolution (écrans haute densité) : <a href="${escapeHtml(png2x)}"><code>${escapeHtml(png2x)}</code></a></p>
${copyField(`${id}-alt`, 'Texte alternatif à coller avec l’image', figure.alt, 4, false)}
${copyField(`${id}-code`, 'Code HTML prêt à coller (image, largeur, hauteur et texte alternatif)', snippet, 5, true)}
</details>
</figure>`;
}

/** A read-only field with its copy button: the button appears only when the script runs; without it, the text is selected and copied by hand. */
function copyField(id: string, label: string, value: string, rows: number, code: boolean): string {
  return `<div class="fr-input-group">
<label class="fr-label" for="${id}">${escapeHtml(label)}</label>
<textarea class="fr-input${code ? ' fiche-code' : ''}" id="${id}" rows="${rows}" readonly>${escapeHtml(value)}</textarea>
<button type="button" class="fr-btn fr-btn--sm fr-btn--secondary fr-mt-1w" data-copy="${id}" hidden>Copier</button><span class="fiche-copy-status" role="status"></span>
</div>`;
}

function tableHtml(table: DataTable): string {
  const head = table.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const body = table.rows
    .map((row) => `<tr>${row.map((cell, index) => (index === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`)
    .join('\n');
  // On a phone the table scrolls sideways inside its box: the box takes focus so that arrow keys scroll it.
  return `<div class="fr-table fr-table--sm"><div class="fr-table__wrapper"><div class="fr-table__container" tabindex="0" role="region" aria-label="${escapeHtml(table.caption)}"><div class="fr-table__content">
<table>
<caption>${escapeHtml(table.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div></div></div></div>`;
}

/**
 * Shows the copy buttons and copies the field's text; the clipboard API needs a secure context,
 * so selecting the text and the older copy command stand in where it is missing.
 */
const COPY_SCRIPT = `document.querySelectorAll('[data-copy]').forEach(function (button) {
  var field = document.getElementById(button.getAttribute('data-copy'));
  var status = button.nextElementSibling;
  button.hidden = false;
  button.addEventListener('click', function () {
    var done = function () { status.textContent = 'Copié'; setTimeout(function () { status.textContent = ''; }, 3000); };
    field.select();
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(field.value).then(done, function () { if (document.execCommand('copy')) done(); });
    else if (document.execCommand('copy')) done();
  });
});`;
