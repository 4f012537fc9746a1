import type { CodegenConfig } from '@graphql-codegen/cli';

const scalars = { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>', JSON: 'unknown' };

/**
 * Typed documents generated from the committed schema contract; the output is not committed.
 * - src/client/generated: the CLI's and the tests' operations (src/client/operations), as ASTs.
 * - src/dashboard/generated: the dashboard's operations (src/dashboard/operations), as query strings, so the
 *   browser bundle needs no GraphQL parser or printer.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  generates: {
    'src/client/generated/': {
      documents: ['src/client/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, emitLegacyCommonJSImports: false, scalars },
    },
    'src/dashboard/generated/': {
      documents: ['src/dashboard/operations/**/*.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumsAsTypes: true, documentMode: 'string', scalars },
    },
  },
  silent: true,
};

export default config;
