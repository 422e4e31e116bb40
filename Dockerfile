# A War Room hub for a team: the bundled CLI under plain Node, no dependencies, no build tools at run time.
#   docker build -t war-room-hub .
#   docker run -d -p 7311:7311 -v war-room-hub:/data -e WARROOM_HUB_PUBLIC_URL=https://hub.example.com war-room-hub
# TLS in the container: -e WARROOM_HUB_SELF_SIGNED=1, or WARROOM_HUB_TLS_CERT/WARROOM_HUB_TLS_KEY with the files mounted.
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Only what the bundle needs: the production dependencies as locked, then esbuild (to bundle) and pino (bundled
# in) at their locked versions; none of the app's build and test tooling (vite, electron-builder, Playwright...).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && npm pkg delete devDependencies \
 && npm install --no-save --ignore-scripts --no-audit --no-fund \
      "esbuild@$(node -p "require('./package-lock.json').packages['node_modules/esbuild'].version")" \
      "pino@$(node -p "require('./package-lock.json').packages['node_modules/pino'].version")"
COPY LICENSE ./
COPY scripts/build-cli.mjs scripts/licence-notices.mjs ./scripts/
COPY packages/cli/package.json packages/cli/README.md ./packages/cli/
COPY src ./src
COPY main ./main
RUN node scripts/build-cli.mjs /out

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    WARROOM_HUB_DATA_DIR=/data \
    WARROOM_HUB_HOST=0.0.0.0 \
    WARROOM_HUB_PORT=7311 \
    WARROOM_LOG_FORMAT=json
COPY --from=build /out /opt/war-room
COPY packaging/docker/healthcheck.cjs /opt/war-room/healthcheck.cjs
RUN ln -s /opt/war-room/dist/warroom.mjs /usr/local/bin/warroom \
 && mkdir -p /data && chown node:node /data && chmod 0700 /data
# The image's unprivileged user: the hub needs no root, and its files (0600) belong to it alone.
USER node
VOLUME ["/data"]
EXPOSE 7311
# /healthz over https when the hub serves TLS, else http (packaging/docker/healthcheck.cjs).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["node", "/opt/war-room/healthcheck.cjs"]
# SIGTERM (docker stop) stops it gracefully: /readyz 503, no new peers, pending acks answered, files closed.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/opt/war-room/dist/warroom.mjs", "hub"]
