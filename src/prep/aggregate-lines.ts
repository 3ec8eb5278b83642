/**
 * The sums a build computes, written as sorted text lines that any other engine can write too, so
 * that a peer's results can be checked against ours line for line (or by one digest). Per flow:
 * `E;dep|reg|fr;<geography>;cell;<CPF4>;<country>;<sum>` and `…;a129;<A129>;<sum>` for the
 * customs départements, the customs régions (as the files code them) and France, and
 * `E;rows;<rows read>;<sum>`.
 */
import { mergeSums, type FlowAggregate, type GeographySums } from './aggregate.js';
import type { Flow } from './flow-reader.js';
import type { Geography } from './geography.js';

export interface FlowSums {
  aggregate: FlowAggregate;
  rows: number;
}

export function aggregateLines(flows: Record<Flow, FlowSums>, geography: Geography): string[] {
  const departements = [...geography.departements.values()];
  const lines: string[] = [];
  for (const flow of ['E', 'I'] as const) {
    const { aggregate, rows } = flows[flow];
    const byDepartement = aggregate.perDepartement();
    const byRegion = new Map<string, GeographySums[]>();
    departements.forEach((departement, index) => {
      const parts = byRegion.get(departement.region.customsCode) ?? [];
      parts.push(byDepartement[index]);
      byRegion.set(departement.region.customsCode, parts);
    });
    const write = (geography: string, sums: GeographySums) => {
      const { cells, activities } = sums;
      for (let i = 0; i < cells.size; i += 1) {
        const product = aggregate.products.codes[aggregate.productOf(cells.keys[i])];
        const country = aggregate.countries.codes[aggregate.countryOf(cells.keys[i])];
        lines.push(`${flow};${geography};cell;${product};${country};${cells.values[i]}`);
      }
      for (let i = 0; i < activities.size; i += 1) {
        lines.push(`${flow};${geography};a129;${aggregate.activityGroups.codes[activities.keys[i]]};${activities.values[i]}`);
      }
    };
    // A département without a row has no line, as a GROUP BY gives none.
    departements.forEach((departement, index) => {
      if (byDepartement[index].cells.size > 0) write(`dep;${departement.customsCode}`, byDepartement[index]);
    });
    for (const [region, parts] of byRegion) {
      const sums = mergeSums(parts);
      if (sums.cells.size > 0) write(`reg;${region}`, sums);
    }
    const france = mergeSums(byDepartement);
    write('fr;FR', france);
    lines.push(`${flow};rows;${rows};${france.total}`);
  }
  return lines.sort();
}
