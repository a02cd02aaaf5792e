import { runSubgraph } from '../../platform/subgraph/run';
import { subgraph } from '.';
import { warnUncoveredCalendarYears } from './calendar/coverage';

// As platform/subgraph/run.ts `main`, then the calendar's start-up check (years it does not cover).
runSubgraph(subgraph)
  .then(() => warnUncoveredCalendarYears())
  .catch((e: unknown) => {
    console.error(`${subgraph.name} subgraph failed to start:`, e instanceof Error ? e.message : e);
    process.exit(1);
  });
