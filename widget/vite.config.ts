import { defineConfig } from 'vite';

/**
 * Library build: one fixed entry file, `tsunagari-chat.js`, that the NPO's embed snippet loads
 * (it carries an SRI hash of it), plus content-hashed chunks for socket.io-client and
 * libsodium that the entry imports only once she opens the chat.
 */
export default defineConfig({
  // Lit decorators: Vite's oxc transform picks up `experimentalDecorators` and
  // `useDefineForClassFields: false` from tsconfig.json (Chromium cannot parse the TC39
  // `accessor` form that would otherwise be left in place).
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'tsunagari-chat.js',
    },
    rolldownOptions: {
      output: {
        minify: true,
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
