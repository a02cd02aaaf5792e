/**
 * A screen's data: runs one operation when its inputs change and keeps the answer, the field
 * errors (refusals) and a failure apart, so a screen shows what was served and, beside it, what
 * was refused and why.
 */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, request, type GraphQLErrorEntry } from './api';

export interface QueryState<T> {
  data?: T;
  errors: GraphQLErrorEntry[];
  error?: ApiError | Error;
  loading: boolean;
  reload: () => void;
}

export function useQuery<T>(query: string, variables: Record<string, unknown> = {}, options: { purpose?: string; skip?: boolean } = {}): QueryState<T> {
  const key = JSON.stringify([query, variables, options.purpose, options.skip]);
  const [state, setState] = useState<Omit<QueryState<T>, 'reload'>>({ errors: [], loading: !options.skip });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    if (options.skip) {
      setState({ errors: [], loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    request<T>(query, variables, options.purpose)
      .then((r) => live && setState({ data: r.data ?? undefined, errors: r.errors ?? [], loading: false }))
      .catch((e: unknown) => live && setState({ errors: [], error: e instanceof Error ? e : new Error(String(e)), loading: false }));
    return () => {
      live = false;
    };
    // The key stands for the inputs (callers pass fresh object literals on every render).
  }, [key, generation]);
  return { ...state, reload };
}
