/**
 * The indicator document as one long CSV table, for spreadsheet users: one row per figure, with the
 * section it comes from. `;` separators and a BOM, as French spreadsheet software expects them.
 */
import type { FlowMatrix, IndicatorDocument } from '../core/schema.js';

const HEADER = ['rubrique', 'flux', 'code', 'libelle', 'code_contrepartie', 'libelle_contrepartie', 'valeur_euros', 'part'] as const;
type Row = [string, string, string, string, string, string, number | null, number | null];

export function documentCsv(document: IndicatorDocument): string {
  const rows: Row[] = [];
  const { totals, shares } = document;
  rows.push(['total', 'exportations', document.code, document.name, '', '', totals.exports, null]);
  rows.push(['total', 'importations', document.code, document.name, '', '', totals.imports, null]);
  rows.push(['total', 'solde', document.code, document.name, '', '', totals.balance, null]);
  for (const flow of ['exports', 'imports'] as const) {
    const label = flow === 'exports' ? 'exportations' : 'importations';
    if (shares[flow].region !== null) rows.push(['part_region', label, document.region?.code ?? '', document.region?.name ?? '', '', '', null, shares[flow].region]);
    if (shares[flow].france !== null) rows.push(['part_france', label, 'FR', 'France', '', '', null, shares[flow].france]);
  }
  for (const partner of document.partners) {
    rows.push(['partenaire', 'exportations', partner.code, partner.label, '', '', partner.exports, null]);
    rows.push(['partenaire', 'importations', partner.code, partner.label, '', '', partner.imports, null]);
    rows.push(['partenaire', 'solde', partner.code, partner.label, '', '', partner.balance, null]);
  }
  for (const flow of ['exports', 'imports'] as const) {
    const label = flow === 'exports' ? 'exportations' : 'importations';
    for (const activity of document.activities[flow]) rows.push(['activite', label, activity.code, activity.label, '', '', activity.value, activity.share]);
    rows.push(...flowRows(document.flows[flow], label));
  }
  // Which programme's list the territories come from (older documents do not say).
  if (document.territoiresIndustrie.programme) {
    rows.push(['territoires_industrie_programme', '', '', document.territoiresIndustrie.programme, '', '', null, null]);
  }
  for (const territoire of document.territoiresIndustrie.items) {
    rows.push(['territoire_industrie', '', territoire.id ?? '', territoire.name, '', '', null, null]);
  }
  return `\uFEFF${[HEADER as readonly string[], ...rows].map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

function flowRows(matrix: FlowMatrix, flow: string): Row[] {
  // Codes are unique per side only: « Autres » is on both.
  const sources = new Map(matrix.sources.map((node) => [node.code, node.label]));
  const targets = new Map(matrix.targets.map((node) => [node.code, node.label]));
  return matrix.links.map((link) => ['flux', flow, link.source, sources.get(link.source) ?? link.source, link.target, targets.get(link.target) ?? link.target, link.value, null]);
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return /[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
