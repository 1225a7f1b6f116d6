import { defineConfig, type Plugin } from 'vite';

/**
 * Minifies the CSS inside Lit's css`` templates (comments, indentation, spaces around braces
 * and semicolons): the minifier leaves template literals alone, and every byte of the entry
 * script counts on her phone.
 */
function minifyLitCss(): Plugin {
  return {
    name: 'tsunagari-minify-lit-css',
    transform(code, id) {
      if (!id.endsWith('.ts') || !code.includes('css`')) return null;
      const out = code.replace(/css`([^`]*)`/g, (_m, body: string) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};])\s*/g, '$1')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${min}\``;
      });
      return { code: out, map: null };
    },
  };
}

/**
 * Library build: one fixed entry file, `tsunagari-chat.js`, that the NPO's embed snippet loads
 * (it carries an SRI hash of it), plus content-hashed chunks for socket.io-client and
 * libsodium that the entry imports only once she opens the chat.
 */
export default defineConfig({
  plugins: [minifyLitCss()],
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
