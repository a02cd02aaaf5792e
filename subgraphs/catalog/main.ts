import { runSubgraph } from '../../platform/subgraph/run';
import { subgraph } from '.';
import { warnUncoveredCalendarYears } from './calendar/coverage';
import { startBackground } from './background';
import { startConsistencySchedule } from './quality/schedule';
import { startExportRunner } from './exports/runner';

// As platform/subgraph/run.ts `main`, then the calendar's start-up check (years it does not cover)
// and the background work: webhook deliveries, the scheduled rectification scan (background.ts),
// the consistency job's schedule (quality/schedule.ts), the batch export runner (exports/runner.ts).
runSubgraph(subgraph)
  .then(() => warnUncoveredCalendarYears())
  .then(() => startBackground())
  .then(() => startConsistencySchedule())
  .then(() => startExportRunner())
  .catch((e: unknown) => {
    console.error(`${subgraph.name} subgraph failed to start:`, e instanceof Error ? e.message : e);
    process.exit(1);
  });
