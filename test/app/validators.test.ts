/** The small pieces every answer's headers and URLs go through, with their edge cases written out. */
import { describe, expect, it } from 'vitest';
import { factsheetFileName, slugify } from '../../src/app/file-name.js';
import { matchesIfNoneMatch, strongEtag } from '../../src/app/http-cache.js';
import { pageNumber, pngWidthParam } from '../../src/core/request.js';

describe('strong ETags', () => {
  it('join their parts with dashes inside quotes, and replace any character caches might alter', () => {
    expect(strongEtag('abc123', 'r2-node', ['55', 'pays', 'png', 'w1200'])).toBe('"abc123-r2-node-55-pays-png-w1200"');
    expect(strongEtag('v', 'r', ['a b', 'c"d', 'é', 'x.y_z', 7])).toBe('"v-r-a_b-c_d-_-x.y_z-7"');
  });
});

describe('If-None-Match', () => {
  const etag = '"v-r-55-pays-svg"';

  it('matches * with spaces around it, and the tag strong or weak anywhere in a list', () => {
    for (const header of ['*', ' * ', etag, ` ${etag} `, `W/${etag}`, `"a",${etag}`, `"a" , W/${etag} ,"b"`]) expect(matchesIfNoneMatch(header, etag), header).toBe(true);
  });

  it('does not match nothing, another tag, a mangled weak prefix, or a tag with W/ inside it', () => {
    for (const header of [undefined, '', '"v-r-55-pays-png"', `w/${etag}`, `XW/${etag}`, `W/W/${etag}`, `"a" *`, etag.slice(1)]) {
      expect(matchesIfNoneMatch(header, etag), String(header)).toBe(false);
    }
    expect(matchesIfNoneMatch('"W/x"', '"x"')).toBe(false);
  });
});

describe('download file names', () => {
  it('are ASCII, lower case, without accents or punctuation, dashes inside only', () => {
    expect(slugify("Côtes-d'Armor")).toBe('cotes-d-armor');
    expect(slugify('  — Île-de-France !! ')).toBe('ile-de-france');
    expect(slugify('Territoire de Belfort')).toBe('territoire-de-belfort');
    expect(slugify('La Réunion')).toBe('la-reunion');
    expect(factsheetFileName(2024, '2A', 'Corse-du-Sud', null, 'pdf')).toBe('commerce-exterieur-2024-2a-corse-du-sud.pdf');
    expect(factsheetFileName(2024, '971', 'Guadeloupe', 'page-3', 'png')).toBe('commerce-exterieur-2024-971-guadeloupe-page-3.png');
  });
});

describe('page slugs', () => {
  it('are page-1 to page-N, without leading zeros or anything around them', () => {
    expect(pageNumber('page-1', 8)).toBe(1);
    expect(pageNumber('page-8', 8)).toBe(8);
    expect(pageNumber('page-9', 8)).toBe(null);
    expect(pageNumber('page-10', 12)).toBe(10);
    expect(pageNumber('page-120', 200)).toBe(120);
    for (const slug of ['page-0', 'page-01', 'page-1a', 'xpage-1', 'page-1 ', 'page-', 'page-1000', 'page-1-2', 'pays']) expect(pageNumber(slug, 2000), slug).toBe(null);
  });
});

describe('?w=', () => {
  const width = pngWidthParam({ min: 200, max: 2400, default: 1200 });

  it('takes whole pixels within the bounds, the default when absent', () => {
    expect(width.parse(undefined)).toBe(1200);
    expect(width.parse('200')).toBe(200);
    expect(width.parse('2400')).toBe(2400);
    for (const value of ['199', '2401', '0800', '1e3', '12.5', '-300', ' 300', '300px', '', '999999']) expect(width.safeParse(value).success, value).toBe(false);
    expect(width.safeParse('abc').error?.issues[0]?.message).toBe('largeur en pixels attendue');
  });
});
