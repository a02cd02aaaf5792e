# syntax=docker/dockerfile:1
# One image for every process of the platform: `docker run <image> router`, `… population`,
# `… migrate`, `… audit-verify` (deploy/entrypoint.sh; scripts/process-script.ts maps the name to its compiled script).
# A glibc base (Debian bookworm), not Alpine: the Hive runtime's Rust query planner ships glibc
# addons. docs/DEPLOY.md walks through building and running it.

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Build: every dependency, then tsc into dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run -s build

# 2. Production dependencies only (no TypeScript, Jest, ESLint in the image).
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 3. Runtime: compiled code, the subgraph list, router.yaml and the supergraph; no sources.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# Production mode by default: a process without its keys refuses to start, naming them. Listening
# beyond loopback, since the container network reaches the process there.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    ROUTER_LISTEN=0.0.0.0:4000
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json router.yaml ./
COPY schema ./schema
COPY --chmod=0755 deploy/entrypoint.sh /usr/local/bin/hengyang-entrypoint
# The audit checkpoint volume's mount point (scripts/deploy/profile.ts), the node user's: a new
# named volume mounted there takes its owner, so the catalog can append to it.
RUN mkdir -p /var/lib/hengyang/audit-checkpoints && chown node:node /var/lib/hengyang/audit-checkpoints
# The image's `node` user (uid 1000); the files stay root's, so the process cannot change its own code.
USER node
# The router listens on 4000; each subgraph on its port in schema/subgraphs.json (4001…).
EXPOSE 4000
ENTRYPOINT ["hengyang-entrypoint"]
CMD ["router"]
