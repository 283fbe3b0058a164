# syntax=docker/dockerfile:1
# IcaKms web app, for amd64 and arm64.
#   One platform:  docker build -t icakms .            Run: docker run -p 8080:8080 icakms
#   Both:          docker buildx build --platform linux/amd64,linux/arm64 -t REGISTRY/icakms:TAG --push .
# The tests are not run here; CI runs them with scripts/test.sh (they need Chromium).

# ---- build: restore and publish with the SDK, natively on the builder's platform ----
# The SDK image runs on the machine that builds ($BUILDPLATFORM, no emulation) and publishes for the target
# architecture ($TARGETARCH, set by BuildKit: amd64 or arm64) with `-a`; the output is framework-dependent IL plus
# that architecture's native assets, so nothing runs under QEMU.
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG TARGETARCH
WORKDIR /src

# Restore from the project files alone, so this layer stays cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/IcaKms.Core/IcaKms.Core.csproj src/IcaKms.Core/
COPY src/IcaKms.Web/IcaKms.Web.csproj src/IcaKms.Web/
RUN dotnet restore src/IcaKms.Web/IcaKms.Web.csproj -a $TARGETARCH

COPY src/ src/
RUN dotnet publish src/IcaKms.Web/IcaKms.Web.csproj -c Release --no-restore -a $TARGETARCH -o /app/publish -p:UseAppHost=false
# The empty keys folder, made here because the runtime stage runs no command (it would need emulation for arm64).
RUN mkdir -p /keys

# ---- runtime: ASP.NET Core only, of the target platform (a multi-arch image: BuildKit picks the variant) ----
# aspnet:10.0 is Ubuntu 24.04 (noble) since .NET 10 (no Debian images ship). It has bash, grep and
# coreutils but no curl or wget; the chiseled variant has no shell at all. So the health check
# speaks HTTP through bash's /dev/tcp: nothing to install, no package manager in the final image.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The image sets ASPNETCORE_HTTP_PORTS=8080; clearing it stops Kestrel warning that URLS overrides it.
# The Data Protection keys live in /keys: mount one volume there for every instance (and across restarts).
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1 \
    IcaKms__DataProtection__KeysPath=/keys

COPY --from=build /app/publish .

# The image's non-root `app` user (APP_UID=1654) owns the keys folder; a named volume mounted there inherits that.
COPY --from=build --chown=1654:1654 /keys /keys
VOLUME /keys
USER $APP_UID
EXPOSE 8080

# Healthy when GET /healthz/ready answers 200 (PortalHealthChecks: the process serves and the key ring works).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["dotnet", "IcaKms.Web.dll"]
