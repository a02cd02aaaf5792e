import { main } from '../../platform/subgraph/run';
import { subgraph } from '.';

main(subgraph);
