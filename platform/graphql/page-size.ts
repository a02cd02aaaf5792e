/** The largest page a connection serves; its own module so the router can check `first` without
 *  loading the subgraphs' type-graphql classes. */
export const MAX_PAGE_SIZE = 500;
