# syntax=docker/dockerfile:1
# sis-sync image, in three stages:
#   deps     production dependencies only, with the native SQLite binding built for this platform
#   build    compiles TypeScript (src/ → dist/) with the dev dependencies
#   runtime  Node.js 24 LTS slim, tini as PID 1, the unprivileged "node" user, no build tools
# It runs with a read-only root file system: the only place it writes is the state volume.
#
#   docker build -t sis-sync .
#   docker run --read-only --tmpfs /tmp -v sis-sync-state:/var/lib/sis-sync \
#     -v /etc/sis-sync/sis-sync.json:/etc/sis-sync/sis-sync.json:ro \
#     -v /etc/sis-sync/aspiredu.token:/run/secrets/aspiredu_token:ro \
#     -e SIS_SYNC_ASPIREDU_TOKEN_FILE=/run/secrets/aspiredu_token sis-sync

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary matches the platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --ignore-scripts skips "prepare" (a build that needs the dev dependencies); the one native
# module is then built on its own.
RUN npm ci --omit=dev --ignore-scripts \
 && npm rebuild better-sqlite3 \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# The health server listens on every interface of the container (nothing is published unless
# the port is mapped); the configuration file is mounted, secrets come as *_FILE variables.
ENV NODE_ENV=production \
    SIS_SYNC_CONFIG=/etc/sis-sync/sis-sync.json \
    SIS_SYNC_STATE_DIR=/var/lib/sis-sync \
    SIS_SYNC_HEALTH_HOST=0.0.0.0 \
    SIS_SYNC_HEALTH_PORT=9464
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
# The PowerQuery SQL the PowerSchool sources run, and the plugin built from it.
COPY powerschool-plugin/queries ./powerschool-plugin/queries
COPY powerschool-plugin/plugin ./powerschool-plugin/plugin
RUN mkdir -p /var/lib/sis-sync \
 && chown node:node /var/lib/sis-sync \
 && chmod 700 /var/lib/sis-sync
USER node
VOLUME ["/var/lib/sis-sync"]
EXPOSE 9464
# No curl in the image: the CLI asks the daemon's /healthz itself (exit 0 healthy, 1 not).
HEALTHCHECK --interval=60s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "/app/bin/sis-sync.js", "healthcheck"]
# tini forwards SIGTERM to Node and reaps children; the daemon then stops gracefully.
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/sis-sync.js"]
CMD ["run"]
