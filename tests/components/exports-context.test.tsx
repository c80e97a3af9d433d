/**
 * Exports keep their context: each button says what it saves (no row of identical "CSV"), every CSV file is named
 * after the place, filters, period, the role's protection and the illustrative flag and carries them as columns; the
 * PNG legend has values; a button copies the link to the view.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SidePanel } from '../../src/client/app/SidePanel';
import { Overview } from '../../src/client/features/flows/Overview';
import { formatCount } from '../../src/client/i18n/format';
import type { ImageStamp } from '../../src/client/lib/export-image';
import { legendSamples } from '../../src/client/map/scales';
import type { MapMetrics } from '../../src/client/map/useMapMetrics';
import { useMapInstance } from '../../src/client/state/map-instance';
import { appendCsvColumns } from '../../src/client/lib/export-context';
import { useFilters, useSelection } from '../../src/client/state/filters';
import { signInAs } from './handlers';
import { renderWithClient } from './render';
import { server } from './setup';

const downloads = vi.hoisted(() => [] as Array<{ blob: Blob; filename: string }>);
const stamps = vi.hoisted(() => [] as ImageStamp[]);
vi.mock('../../src/client/lib/export-image', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/client/lib/export-image')>()),
  // The stamp the PNG is drawn with; the canvas itself is the browser's (tests/e2e).
  composeMapImage: (_map: unknown, stamp: ImageStamp) => {
    stamps.push(stamp);
    return { toBlob: (cb: (b: Blob) => void) => cb(new Blob(['png'])) };
  },
}));
vi.mock('../../src/client/lib/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/client/lib/download')>()),
  downloadBlob: (blob: Blob, filename: string) => downloads.push({ blob, filename }),
}));

const year = { from: '2016-01-01', to: '2016-12-31' };
const csvAsked: URL[] = [];

beforeEach(() => {
  downloads.length = 0;
  csvAsked.length = 0;
  // The server's CSV of a breakdown (a quoted field with a comma and a line break, as RFC 4180 allows).
  server.use(
    http.get('*/api/v1/flows', ({ request }) => {
      const url = new URL(request.url);
      if (url.searchParams.get('format') !== 'csv') return undefined;
      csvAsked.push(url);
      return new HttpResponse('nationality,count,note\r\nNGA,120,"a, b\r\nc"\r\nNER,80,\r\n', { headers: { 'content-type': 'text/csv' } });
    }),
  );
});

function openPoint(filters: Record<string, string | null>) {
  useFilters.getState().patch({ ...year, direction: null, nationality: null, sex: null, ageGroup: null, ...filters } as never);
  useSelection.getState().select({ type: 'place', id: 'arlit-fmp' });
  return renderWithClient(<SidePanel />);
}

const text = (b: Blob) => b.text();

describe('exports with their context', () => {
  it('programme staff: distinct visible labels; the CSV is named and columned by place, filters, period, exact counts, illustrative data', async () => {
    signInAs('programme');
    openPoint({ sex: 'f' });
    await waitFor(() => expect(screen.getAllByTestId('export-csv').length).toBeGreaterThan(2));
    const labels = screen.getAllByTestId('export-csv').map((a) => a.textContent);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain('CSV: By nationality');

    await userEvent.click(screen.getByRole('link', { name: 'CSV: By nationality' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(csvAsked[0]!.searchParams.get('groupBy')).toBe('nationality');
    const { filename, blob } = downloads[0]!;
    expect(filename).toBe('transit-atlas-by-nationality-arlit-fmp-sex-f-2016-01-01_2016-12-31-exact-illustrative.csv');
    const lines = (await text(blob)).split('\r\n');
    const cols = 'context_place,context_period_from,context_period_to,context_filters,context_protection,context_illustrative';
    expect(lines[0]).toBe(`nationality,count,note,${cols}`);
    // The quoted line break stays inside its field; the context goes at the end of the record.
    expect(lines[1]).toBe('NGA,120,"a, b');
    expect(lines[2]).toBe('c",Arlit (FMP),2016-01-01,2016-12-31,sex=f,exact counts,true');
    expect(lines[3]).toBe('NER,80,,Arlit (FMP),2016-01-01,2016-12-31,sex=f,exact counts,true');
  });

  it('signed out: the file says the counts are protected', async () => {
    signInAs('public');
    openPoint({});
    const link = await screen.findByRole('link', { name: 'CSV: By nationality' });
    await userEvent.click(link);
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.filename).toMatch(/-arlit-fmp-2016-01-01_2016-12-31-protected-illustrative\.csv$/);
    expect(await text(downloads[0]!.blob)).toContain('perturbed counts (each cell within ±3); small counts withheld');
  });

  it('copies the link to the view', async () => {
    signInAs('programme');
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    openPoint({});
    await user.click(await screen.findByRole('button', { name: 'Copy link to this view' }));
    await waitFor(() => expect(screen.getByTestId('exports-status')).toHaveTextContent('Link copied'));
    expect(writeText).toHaveBeenCalledWith(window.location.href);
  });

  it('the PNG legend carries the values of its sizes, the title the filters, the file name the context', async () => {
    signInAs('programme');
    stamps.length = 0;
    const filters = { ...year, direction: null, nationality: 'NER', sex: null, ageGroup: null };
    const metrics = {
      view: 'flows',
      filters,
      centreFilters: {},
      routeFlows: { data: undefined },
      pointFlows: { data: undefined },
      assisted: { data: undefined },
      maxFlow: 54_000,
      maxAssisted: 410,
      routeChange: new Map(),
      pointChange: new Map(),
      previous: { from: null, to: null },
    } as unknown as MapMetrics;
    const fakeMap = { getCanvas: () => ({}), once: (_e: string, cb: () => void) => cb(), triggerRepaint: () => undefined };
    useMapInstance.setState({ map: fakeMap as never });
    renderWithClient(<Overview metrics={metrics} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Map image (PNG)' }));
    await waitFor(() => expect(stamps).toHaveLength(1));
    const labels = stamps[0]!.legend.map((e) => e.label);
    expect(legendSamples(54_000).length).toBeGreaterThan(1);
    expect(labels[0]).toContain(
      legendSamples(54_000)
        .map((n) => formatCount(n))
        .join(' · '),
    );
    expect(labels[1]).toContain(
      legendSamples(410)
        .map((n) => formatCount(n))
        .join(' · '),
    );
    expect(stamps[0]!.title).toContain('Niger');
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.filename).toBe('transit-atlas-flows-nationality-ner-2016-01-01_2016-12-31-exact-illustrative.png');
    useMapInstance.setState({ map: null });
  });

  it('adds columns to header, rows and an HXL hashtag row', () => {
    expect(appendCsvColumns('a,b\n#x,#y\n1,2\n', [['c', 'v,1']])).toBe('a,b,c\n#x,#y,\n1,2,"v,1"\n');
    expect(appendCsvColumns('a\r\n1', [['c', 'v']])).toBe('a,c\r\n1,v');
  });
});
