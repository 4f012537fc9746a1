import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the CLI, the tests and (later) the dashboard, generated from the committed
 * schema contract and the operations in src/client/operations. The output is not committed.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['src/client/operations/**/*.graphql'],
  generates: {
    'src/client/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, emitLegacyCommonJSImports: false, scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>', JSON: 'unknown' } },
    },
  },
  silent: true,
};

export default config;
