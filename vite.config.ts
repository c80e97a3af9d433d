import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const apiTarget = `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? '8080'}`;

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev`: Vite serves the SPA with hot reload and forwards /api to `npm run serve`.
    proxy: { '/api': apiTarget },
  },
});
