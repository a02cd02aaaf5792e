/** Prints one subgraph's SDL (as composition consumes it). Run in its own process per subgraph,
 *  since type-graphql keeps one global metadata store and two subgraphs may both declare `Person`. */
import 'reflect-metadata';
import { loadSubgraph, subgraphEntry } from '../platform/subgraph/registry';
import { buildFederatedSchema } from '../platform/subgraph/schema';

const name = process.argv[2];
buildFederatedSchema(loadSubgraph(subgraphEntry(name)))
  .then((built) => process.stdout.write(built.sdl))
  .catch((e: unknown) => {
    console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
