# A War Room hub for a team: the bundled CLI under plain Node, no dependencies, no build tools at run time.
#   docker build -t war-room-hub .
#   docker run -d -p 7311:7311 -v war-room-hub:/data -e WARROOM_HUB_PUBLIC_URL=https://hub.example.com war-room-hub
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --ignore-scripts
COPY . .
RUN node scripts/build-cli.mjs /out

FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    WARROOM_HUB_DATA_DIR=/data \
    WARROOM_HUB_HOST=0.0.0.0 \
    WARROOM_HUB_PORT=7311 \
    WARROOM_LOG_FORMAT=json
COPY --from=build /out /opt/war-room
RUN ln -s /opt/war-room/dist/warroom.mjs /usr/local/bin/warroom \
 && mkdir -p /data && chown node:node /data && chmod 0700 /data
# The image's unprivileged user: the hub needs no root, and its files (0600) belong to it alone.
USER node
VOLUME ["/data"]
EXPOSE 7311
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.WARROOM_HUB_PORT||7311)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) stops it gracefully: no new peers, pending acks answered, files closed.
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/opt/war-room/dist/warroom.mjs", "hub"]
