/**
 * The home page: every département by région, each with its factsheet as a web page and as a PDF,
 * its data, and a thumbnail of one of its charts (a cover would look the same for all); a filter by
 * name or number that works as a form without JavaScript (`/?q=`) and as one types with it; the
 * data version, its source, and a warning when the figures are synthetic. Thumbnails load lazily
 * so that opening the page does not start a hundred renders at once.
 */
import type { Manifest, ManifestGeography } from '../core/schema.js';
import * as texts from '../../templates/texts.js';
import { escapeHtml, htmlPage, sampleNoticeHtml } from './html-layout.js';

export interface IndexPageOptions {
  thumbnailWidth: number;
  /** The filter as typed (`?q=`), or empty for the whole list. */
  query?: string;
}

/** The chart the thumbnails show: the partner countries differ from one département to the next. */
export const THUMBNAIL_CHART = 'pays';
/** Thumbnails fit the chart in a fixed box, so that the grid does not move as they arrive. */
const THUMBNAIL_RATIO = 3 / 4;

/** Lower case without accents, so that « lozere » finds Lozère and « cote » Côte-d'Or. */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function matches(geo: ManifestGeography, query: string): boolean {
  if (!query) return true;
  return searchKey(`${geo.code} ${geo.name}`).includes(query);
}

export function indexPage(manifest: Manifest, { thumbnailWidth, query = '' }: IndexPageOptions): string {
  const wanted = searchKey(query);
  const regions = new Map<string, { name: string; departements: ManifestGeography[] }>();
  let shown = 0;
  for (const geo of manifest.geographies) {
    if (geo.level !== 'departement' || !geo.region || !matches(geo, wanted)) continue;
    const entry = regions.get(geo.region.code) ?? { name: geo.region.name, departements: [] };
    entry.departements.push(geo);
    regions.set(geo.region.code, entry);
    shown += 1;
  }
  const sorted = [...regions.values()].sort((a, b) => regionLabel(a.name).localeCompare(regionLabel(b.name), 'fr'));
  const height = Math.round(thumbnailWidth * THUMBNAIL_RATIO);
  const sections = sorted
    .map(
      ({ name, departements }) => `
<section class="accueil-region">
<h2>${escapeHtml(regionLabel(name))}</h2>
<ul class="accueil-liste">${departements.map((geo) => departementItem(geo, thumbnailWidth, height)).join('')}
</ul>
</section>`,
    )
    .join('');
  const sample = manifest.sample ? sampleNoticeHtml(texts.sampleNotice, texts.sampleNoticeDetail) : '';
  const status = wanted ? `${shown} département${shown > 1 ? 's' : ''} pour « ${escapeHtml(query)} ». <a href="/">Voir tous les départements</a>` : '';
  const main = `${sample}
<h1>${escapeHtml(texts.title)} ${manifest.year}</h1>
<p>Une fiche par département : partenaires, activités, flux d'exportation et d'importation, comparés à la région et à la France. Chaque fiche se lit en ligne ou en PDF ; chaque graphique existe aussi en SVG, PNG et PDF.</p>
<form class="fr-mb-2w accueil-recherche" role="search" method="get" action="/">
<label class="fr-label fr-mb-1w" for="recherche">Trouver un département par son nom ou son numéro</label>
<div class="fr-search-bar">
<input class="fr-input" type="search" id="recherche" name="q" value="${escapeHtml(query)}" autocomplete="off" placeholder="Meuse, 55, 2A…">
<button class="fr-btn" type="submit">Rechercher</button>
</div>
</form>
<p id="recherche-resultat" class="fiche-note" role="status">${status}</p>
${sections || '<p>Aucun département ne correspond à cette recherche.</p>'}
<footer class="fiche-note fr-mt-5w">
<p>Source : ${escapeHtml(manifest.source.producer)}, « <a href="${escapeHtml(manifest.source.url)}">${escapeHtml(manifest.source.title)}</a> », ${manifest.year}.</p>
<p>Version des données : <code>${escapeHtml(manifest.dataVersion)}</code>, produite le ${escapeHtml(manifest.generatedAt.slice(0, 10))}.</p>
</footer>`;
  return htmlPage({ title: `${texts.title} ${manifest.year}`, main, style: INDEX_STYLE(thumbnailWidth), script: FILTER_SCRIPT });
}

function departementItem(geo: ManifestGeography, width: number, height: number): string {
  const code = escapeHtml(geo.code);
  const name = escapeHtml(geo.name);
  const key = escapeHtml(searchKey(`${geo.code} ${geo.name}`));
  // The image is inside the link that names the département, so its own text would only repeat it.
  return `
<li><a href="/fiche/${code}" class="accueil-fiche" data-search="${key}"><img src="/fiche/${code}/${THUMBNAIL_CHART}.png?w=${width}" width="${width}" height="${height}" loading="lazy" alt=""><span>${code} · ${name}</span></a>
<small><a href="/fiche/${code}.pdf">PDF<span class="fr-sr-only"> de la fiche ${name}</span></a> · <a href="/donnees/${code}.json">JSON<span class="fr-sr-only"> des données ${name}</span></a> · <a href="/donnees/${code}.csv">CSV<span class="fr-sr-only"> des données ${name}</span></a></small></li>`;
}

const INDEX_STYLE = (thumbnailWidth: number) => `
.accueil-region h2{font-size:1.5rem;line-height:2rem}
.accueil-liste{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(${thumbnailWidth + 24}px,1fr));gap:1.5rem 1rem}
.accueil-liste li{padding:0}
.accueil-fiche{display:flex;flex-direction:column;gap:.25rem;background-image:none;font-weight:700}
.accueil-fiche img{width:100%;max-width:${thumbnailWidth}px;height:auto;aspect-ratio:4/3;object-fit:contain;object-position:top;border:1px solid #ddd;background:#fff}
.accueil-recherche{max-width:36rem}
[hidden]{display:none!important}`;

/** Filters the list as one types (the form still submits to `/?q=` for a shareable address). */
const FILTER_SCRIPT = `(function () {
  var input = document.getElementById('recherche');
  var status = document.getElementById('recherche-resultat');
  var key = function (text) { return text.normalize('NFD').replace(/\\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim(); };
  input.addEventListener('input', function () {
    var wanted = key(input.value);
    var shown = 0;
    document.querySelectorAll('.accueil-region').forEach(function (section) {
      var any = false;
      section.querySelectorAll('a[data-search]').forEach(function (link) {
        var ok = !wanted || link.getAttribute('data-search').indexOf(wanted) >= 0;
        link.parentElement.hidden = !ok;
        if (ok) { any = true; shown += 1; }
      });
      section.hidden = !any;
    });
    status.textContent = wanted ? shown + (shown > 1 ? ' départements' : ' département') : '';
  });
})();`;

/** The customs service groups the overseas départements as « DOM »; the page spells it out. */
function regionLabel(name: string): string {
  return name === 'DOM' ? "Départements d'outre-mer" : name;
}

