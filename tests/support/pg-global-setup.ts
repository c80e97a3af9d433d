/**
 * Global setup of the PostgreSQL contract suite (vitest project `api-postgres`): a throwaway cluster (initdb + pg_ctl,
 * tests/support/pg-cluster.ts), and a template database holding the mini fixture, which every test app copies
 * (CREATE DATABASE … TEMPLATE: a fresh database per app in a few milliseconds).
 */
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { PgStore } from '../../src/server/store/postgres/pg-store';
import { startCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://… of the cluster's maintenance database. */
    pgUrl: string;
    /** The database every test app copies (the mini fixture loaded). */
    pgTemplate: string;
  }
}

export const PG_TEMPLATE = 'atlas_template';

export default async function setup(project: TestProject) {
  const cluster = await startCluster();
  const url = await cluster.createDatabase(PG_TEMPLATE);
  const store = await PgStore.open({ url, dataDir: resolve(import.meta.dirname, '../fixtures/mini') });
  await store.close();
  project.provide('pgUrl', cluster.url);
  project.provide('pgTemplate', PG_TEMPLATE);
  return () => cluster.stop();
}
