/**
 * The home page: every département by région, each with its factsheet link and a thumbnail of its
 * first page, plus the data version, its source, and a warning when the figures are synthetic.
 * Thumbnails load lazily so that opening the page does not start a hundred renders at once.
 */
import type { Manifest, ManifestGeography } from '../core/schema.js';

export interface IndexPageOptions {
  thumbnailWidth: number;
}

/** A4 portrait: the thumbnail box is reserved before the image arrives, so the page does not jump. */
const A4_RATIO = 297 / 210;

export function indexPage(manifest: Manifest, { thumbnailWidth }: IndexPageOptions): string {
  const regions = new Map<string, { name: string; departements: ManifestGeography[] }>();
  for (const geo of manifest.geographies) {
    if (geo.level !== 'departement' || !geo.region) continue;
    const entry = regions.get(geo.region.code) ?? { name: geo.region.name, departements: [] };
    entry.departements.push(geo);
    regions.set(geo.region.code, entry);
  }
  const sorted = [...regions.values()].sort((a, b) => regionLabel(a.name).localeCompare(regionLabel(b.name), 'fr'));
  const height = Math.round(thumbnailWidth * A4_RATIO);
  const sections = sorted
    .map(
      ({ name, departements }) => `
    <section>
      <h2>${escapeHtml(regionLabel(name))}</h2>
      <ul>${departements
        .map(
          (geo) => `
        <li><a href="/fiche/${geo.code}.pdf"><img src="/fiche/${geo.code}/page-1.png?w=${thumbnailWidth}" width="${thumbnailWidth}" height="${height}" loading="lazy" alt="Première page de la fiche ${escapeHtml(geo.name)}"><span>${escapeHtml(geo.code)} · ${escapeHtml(geo.name)}</span></a>
          <small><a href="/donnees/${geo.code}.json">JSON</a> · <a href="/donnees/${geo.code}.csv">CSV</a></small></li>`,
        )
        .join('')}
      </ul>
    </section>`,
    )
    .join('');
  const sample = manifest.sample
    ? `<p class="sample" role="note">Données fictives de démonstration : les chiffres de cette version sont synthétiques et ne décrivent pas le commerce réel.</p>`
    : '';
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Les indicateurs clés : commerce extérieur ${manifest.year}</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 72rem; padding: 1rem; color: #1d2b3a; }
    .sample { background: #fff3cd; border: 1px solid #e0c36a; padding: .5rem 1rem; }
    ul { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(${thumbnailWidth + 24}px, 1fr)); gap: 1rem; }
    li > a { display: flex; flex-direction: column; gap: .25rem; text-decoration: none; color: inherit; }
    li small { display: block; margin-top: .25rem; }
    img { border: 1px solid #ccd; background: #f4f5f7; }
    footer { margin-top: 2rem; font-size: .9rem; color: #555; }
  </style>
</head>
<body>
  <h1>Les indicateurs clés : commerce extérieur ${manifest.year}</h1>
  ${sample}
  <p>Une fiche par département : partenaires, activités, flux d'exportation et d'importation, comparés à la région et à la France. Chaque graphique existe aussi en SVG, PNG et PDF.</p>
  ${sections}
  <footer>
    <p>Source : ${escapeHtml(manifest.source.producer)}, « <a href="${escapeHtml(manifest.source.url)}">${escapeHtml(manifest.source.title)}</a> », ${manifest.year}.</p>
    <p>Version des données : <code>${escapeHtml(manifest.dataVersion)}</code>, produite le ${escapeHtml(manifest.generatedAt.slice(0, 10))}.</p>
  </footer>
</body>
</html>
`;
}

/** The customs service groups the overseas départements as « DOM »; the page spells it out. */
function regionLabel(name: string): string {
  return name === 'DOM' ? "Départements d'outre-mer" : name;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
