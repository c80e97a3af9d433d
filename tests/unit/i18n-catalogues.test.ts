/**
 * The i18next catalogues: every namespace has the same keys in English and French (plural forms aside), the same
 * interpolation variables in both, French actually translated, nested references that resolve, and plurals that
 * i18next resolves in both languages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { i18n, setLanguage } from '../../src/client/i18n/i18n';
import { common as commonEn } from '../../src/client/i18n/common.en';
import { common as commonFr } from '../../src/client/i18n/common.fr';
import * as admin from '../../src/client/features/admin/i18n';
import * as donor from '../../src/client/features/donor/i18n';
import * as hotspots from '../../src/client/features/hotspots/i18n';
import * as time from '../../src/client/features/time/i18n';
import * as hotspotsPanel from '../../src/client/features/hotspots/panel-i18n';
import * as session from '../../src/client/features/session/i18n';
import * as cards from '../../src/client/features/cards/i18n';
import * as shell from '../../src/client/components/shell-i18n';
import * as coverage from '../../src/client/components/coverage-i18n';
import * as map from '../../src/client/map/i18n';

const CATALOGUES: Record<string, { en: object; fr: object }> = {
  common: { en: commonEn, fr: commonFr },
  admin: { en: admin.en, fr: admin.fr },
  donor: { en: donor.en, fr: donor.fr },
  hotspots: { en: hotspots.en, fr: hotspots.fr },
  time: { en: time.en, fr: time.fr },
  hotspotsPanel: { en: hotspotsPanel.en, fr: hotspotsPanel.fr },
  session: { en: session.en, fr: session.fr },
  cards: { en: cards.en, fr: cards.fr },
  shell: { en: shell.en, fr: shell.fr },
  coverage: { en: coverage.en, fr: coverage.fr },
  map: { en: map.en, fr: map.fr },
};

/**
 * French values that are the English ones, on purpose: names (of the product, of file formats, of each language in
 * itself) and words that are the same in both languages. A value with no letters outside its `{{…}}` and `$t(…)`
 * (such as "{{from}} – {{to}}", or the empty account name of a signed-out visitor) is exempt without being listed.
 */
const SAME_IN_BOTH = new Set([
  'common:appTitle', // the product's name
  'common:exports.csv', // file formats
  'common:exports.geojson',
  'common:language.en', // each language is named in itself
  'common:language.fr',
  'common:access.account.programme', // "programme", "Routes", "Corridor", "Source", "Pause", "Bus", "Assistance", "Action", "Dates", "Public": the same words in French
  'common:overview.routes',
  'common:panel.corridor',
  'common:panel.source',
  'common:time.pause',
  'common:transport.bus',
  'common:panel.places', // "{{capacity}} places": same word
  'common:panel.km', // the unit
  'admin:datasets.assistance', // "Assistance (centres)"
  'admin:history.action',
  'admin:history.dates',
  'session:roles.public',
  'session:roles.programme',
  'map:fitNigerShort', // the country's name
  'map:stable', // the same word in French
]);

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(o: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === 'string') out.set(`${prefix}${k}`, v);
    else if (typeof v === 'object' && v !== null) for (const [kk, vv] of flatten(v as object, `${prefix}${k}.`)) out.set(kk, vv);
    else throw new Error(`${prefix}${k} is not a string`);
  }
  return out;
}

const keySet = (flat: Map<string, string>) => [...new Set([...flat.keys()].map((k) => k.replace(PLURAL_SUFFIX, '')))].sort();

/** `{{name}}` and `{{name, format}}` → name. */
const variables = (s: string) => [...new Set([...s.matchAll(/\{\{\s*([^,}\s]+)[^}]*\}\}/g)].map((m) => m[1]!))].sort();

/** `$t(ns:key, …)` / `$t(key)` → [ns, key]. */
const nestings = (s: string, ns: string) =>
  [...s.matchAll(/\$t\(([^,)]+)/g)].map((m) => {
    const ref = m[1]!.trim();
    const i = ref.indexOf(':');
    return i < 0 ? ([ns, ref] as const) : ([ref.slice(0, i), ref.slice(i + 1)] as const);
  });

afterEach(async () => {
  await setLanguage('en');
});

describe.each(Object.entries(CATALOGUES))('catalogue %s', (ns, { en, fr }) => {
  const flatEn = flatten(en);
  const flatFr = flatten(fr);

  it('has the same keys in English and French (plural forms aside)', () => {
    expect(keySet(flatFr)).toEqual(keySet(flatEn));
  });

  it('has the same interpolation variables in English and French', () => {
    const byBase = (flat: Map<string, string>) => {
      const m = new Map<string, Set<string>>();
      for (const [k, v] of flat) {
        const base = k.replace(PLURAL_SUFFIX, '');
        m.set(base, new Set([...(m.get(base) ?? []), ...variables(v)]));
      }
      return m;
    };
    const varsEn = byBase(flatEn);
    const varsFr = byBase(flatFr);
    const mismatches = [...varsEn.keys()]
      .filter((k) => varsFr.has(k))
      .filter((k) => [...varsEn.get(k)!].sort().join() !== [...varsFr.get(k)!].sort().join())
      .map((k) => `${k}: en {${[...varsEn.get(k)!].join(', ')}} fr {${[...varsFr.get(k)!].join(', ')}}`);
    expect(mismatches).toEqual([]);
  });

  it('is translated: French differs from English apart from the allow-list', () => {
    const same = [...flatEn]
      .filter(([k, v]) => flatFr.get(k) === v)
      .filter(([, v]) => /\p{L}/u.test(v.replace(/\{\{[^}]*\}\}/g, '').replace(/\$t\([^)]*\)/g, '')))
      .map(([k]) => `${ns}:${k}`);
    const listed = [...SAME_IN_BOTH].filter((k) => k.startsWith(`${ns}:`));
    expect(same.sort()).toEqual(listed.sort());
  });

  it('nests only keys that exist', () => {
    const missing: string[] = [];
    for (const flat of [flatEn, flatFr]) {
      for (const [k, v] of flat) {
        for (const [refNs, ref] of nestings(v, ns)) {
          const target = CATALOGUES[refNs] ? flatten(CATALOGUES[refNs]!.en) : new Map<string, string>();
          if (!target.has(ref) && !target.has(`${ref}_other`)) missing.push(`${k} → ${refNs}:${ref}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('i18next resolves the catalogues', () => {
  it('plural keys for counts 1 and 5, in English and in French', async () => {
    expect(i18n.t('chart.withheldNote', { count: 1 })).toBe('Gap (○): 1 point withheld to protect individuals.');
    expect(i18n.t('chart.withheldNote', { count: 5 })).toBe('Gaps (○): 5 points withheld to protect individuals.');
    expect(i18n.t('session:tooManyAttemptsIn', { count: 1 })).toBe('Too many attempts; try again in 1 second.');
    expect(i18n.t('session:tooManyAttemptsIn', { count: 5 })).toBe('Too many attempts; try again in 5 seconds.');
    await setLanguage('fr');
    expect(i18n.t('chart.withheldNote', { count: 1 })).toBe('Trou (○) : 1 point masqué pour protéger les personnes.');
    expect(i18n.t('chart.withheldNote', { count: 5 })).toBe('Trous (○) : 5 points masqués pour protéger les personnes.');
    expect(i18n.t('session:tooManyAttemptsIn', { count: 1 })).toBe('Trop de tentatives ; réessayez dans 1 seconde.');
    expect(i18n.t('session:tooManyAttemptsIn', { count: 5 })).toBe('Trop de tentatives ; réessayez dans 5 secondes.');
    // French "many" (a million) falls back to "other"; 0 is singular in French.
    expect(i18n.t('chart.withheldNote', { count: 1_000_000 })).toBe('Trous (○) : 1000000 points masqués pour protéger les personnes.');
    expect(i18n.t('session:tooManyAttemptsIn', { count: 0 })).toBe('Trop de tentatives ; réessayez dans 0 seconde.');
  });

  it('nested plurals and contexts (two counts in one sentence)', async () => {
    expect(i18n.t('admin:valid', { rows: 1, replaced: 0 })).toBe('The file is valid: 1 row.');
    expect(i18n.t('admin:valid', { context: 'replacing', rows: 3, replaced: 1 })).toBe('The file is valid: 3 rows, replacing 1 stored row with the same key.');
    expect(i18n.t('admin:done', { count: 2, replaced: 1 })).toBe('Imported 2 rows (1 replaced).');
    expect(i18n.t('admin:changes', { context: 'dryRun', added: 1, replaced: 2 })).toBe('Would add 1 new row and replace 2 stored rows.');
    expect(i18n.t('admin:warning.extent-end-jump', { context: 'asOfMoves', max: 'a', currentMax: 'b', dataAsOf: 'c' })).toBe(
      'The data would end on a, more than a year after its current end (b), and “data as of” would move to c for every visitor.',
    );
    expect(i18n.t('access.notInView.donor', { filter: 'sex' })).toBe('Not applied in Donor impact: assistance is not counted by sex.');
    expect(i18n.t('access.viewNotice', { context: 'signedOut', view: 'Hotspots', forWhom: 'x' })).toBe('Hotspots is for x — sign in to see it.');
    await setLanguage('fr');
    expect(i18n.t('admin:invalid', { errors: 1, rows: 0 })).toBe('1 erreur sur 0 ligne. Rien n’a été écrit.');
    expect(i18n.t('admin:done', { count: 2, replaced: 1 })).toBe('2 lignes importées (1 remplacée).');
    expect(i18n.t('access.notInView.donor', { filter: 'sexe' })).toBe(
      'Non appliqué dans « Impact pour les bailleurs » : l’assistance n’est pas comptée par sexe.',
    );
  });

  it('keeps the English wording of the old dictionaries', () => {
    expect(i18n.t('dataAsOf', { date: 'Feb 1, 2016' })).toBe('Data as of Feb 1, 2016');
    expect(i18n.t('protection.withheld')).toBe('withheld');
    expect(i18n.t('legend.centreEmpty')).toBe('faint: nobody assisted in the period');
  });
});
