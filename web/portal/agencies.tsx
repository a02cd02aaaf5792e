/** The agency register, read once per page load (open data): codes shown by their Chinese names. */
import { createContext, useContext, type ReactNode } from 'react';
import { AGENCIES } from './queries';
import { useQuery } from './use-query';

export interface Agency {
  code: string;
  name: string;
  kind: string;
  provides: string | null;
  description: string;
  status: string;
  suspendedAt: string | null;
}

interface Register {
  list: Agency[];
  reload: () => void;
}

const AgencyContext = createContext<Register>({ list: [], reload: () => undefined });

export function AgencyProvider({ children }: { children: ReactNode }) {
  const { data, reload } = useQuery<{ agencies: Agency[] }>(AGENCIES);
  return <AgencyContext.Provider value={{ list: data?.agencies ?? [], reload }}>{children}</AgencyContext.Provider>;
}

export const useAgencies = () => useContext(AgencyContext);

export function useAgencyName(): (code: string | null | undefined) => string {
  const { list } = useAgencies();
  return (code) => (code ? (list.find((a) => a.code === code)?.name ?? code) : '—');
}

export function AgencyName({ code }: { code: string | null | undefined }) {
  return <>{useAgencyName()(code)}</>;
}
