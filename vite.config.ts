// Vite config for the web app: root is the repository (index.html), entry src/web/main.tsx, output dist/web.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const target = process.env.IOC_API_URL ?? 'http://localhost:8080';

export default defineConfig({
  root: '.',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // MapLibre and ECharts are most of the bundle and change rarely: their own chunks cache well, and
        // the pages that draw no chart or map (loaded on first visit) do not wait for them.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)/ },
            { name: 'vendor', test: /node_modules/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api/hub': { target, ws: true, changeOrigin: true },
      '/api': { target, changeOrigin: true },
      '/healthz': { target, changeOrigin: true },
      '/readyz': { target, changeOrigin: true },
    },
  },
});
