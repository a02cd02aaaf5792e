/**
 * `/explorer/?type=Person` opens the docs pane at that type: the catalogue links each resource and
 * item here (subgraphs/catalog/catalogue/views.ts), as it once linked Apollo Sandbox's reference.
 */
import { useEffect, useRef } from 'react';
import { useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import { DOC_EXPLORER_PLUGIN, useDocExplorerActions } from '@graphiql/plugin-doc-explorer';

export function OpenType({ name }: { name: string }) {
  const schema = useGraphiQL((state) => state.schema);
  // Zustand actions: static functions, safe to call detached from their object.
  const actions = useGraphiQLActions();
  const docs = useDocExplorerActions();
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !schema) return;
    const type = schema.getType(name);
    if (!type) return;
    opened.current = true;
    actions.setVisiblePlugin(DOC_EXPLORER_PLUGIN);
    docs.push({ name: type.name, def: type });
  }, [schema, name, actions, docs]);
  return null;
}
