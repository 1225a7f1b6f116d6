import { defineConfig } from 'vite';

// Lit's decorators are TypeScript's legacy
// ("experimental") decorators: Vite 8's Oxc transform must be told so explicitly, and class
// fields must be assigned (not defined) so they do not shadow Lit's reactive accessors.
export default defineConfig({
  // Relative URLs: the same bundle works under /console/ on the demo relay and at the root of
  // the NPO's own console host name.
  base: './',
  oxc: {
    decorator: { legacy: true },
    assumptions: { setPublicClassFields: true },
    typescript: { removeClassFieldsWithoutInitializer: true },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    // libsodium (sumo) is one big chunk by nature; it loads only at login.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // During `vite dev`, forward the API and the socket to a locally running server.
    proxy: {
      '/api': { target: process.env.TSG_SERVER ?? 'http://127.0.0.1:3000', changeOrigin: false },
      '/socket.io': { target: process.env.TSG_SERVER ?? 'http://127.0.0.1:3000', ws: true },
    },
  },
});
