// Fastify's route-schema compilers, loaded only if a route ever has a schema. By default fastify()
// requires ajv and fast-json-stringify as it builds the app (about 100 modules, a fifth of a cold
// start); the devnet's routes have no schemas (rpc/ checks every request itself), so they never load.
// If one does get a schema, the compiler fastify would have used is loaded then, from fastify's own
// dependencies, and used as fastify would have used it.

import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Factory = (...args: unknown[]) => unknown;

/** The `schemaController.compilersFactory` option that defers both compilers to their first use. */
export function lazySchemaCompilers(): CompilersFactory {
  const fromFastify = createRequire(import.meta.resolve('fastify'));
  const deferred = (selector: string): Factory => {
    let factory: Factory | undefined;
    return (...args) => {
      factory ??= (fromFastify(selector) as () => Factory)();
      return factory(...args);
    };
  };
  return {
    buildValidator: deferred('@fastify/ajv-compiler') as CompilersFactory['buildValidator'],
    buildSerializer: deferred('@fastify/fast-json-stringify-compiler') as CompilersFactory['buildSerializer'],
  };
}
