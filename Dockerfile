# syntax=docker/dockerfile:1
# IcaKms web app. Build: docker build -t icakms .   Run: docker run -p 8080:8080 icakms
# The tests are not run here; CI runs them with scripts/test.sh (they need Chromium).

# ---- build: restore and publish with the SDK ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so this layer stays cached until a dependency changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/IcaKms.Core/IcaKms.Core.csproj src/IcaKms.Core/
COPY src/IcaKms.Web/IcaKms.Web.csproj src/IcaKms.Web/
RUN dotnet restore src/IcaKms.Web/IcaKms.Web.csproj

COPY src/ src/
RUN dotnet publish src/IcaKms.Web/IcaKms.Web.csproj -c Release --no-restore -o /app/publish -p:UseAppHost=false

# ---- runtime: ASP.NET Core only ----
# aspnet:10.0 is Ubuntu 24.04 (noble) since .NET 10 (no Debian images ship). It has bash, grep and
# coreutils but no curl or wget; the chiseled variant has no shell at all. So the health check
# speaks HTTP through bash's /dev/tcp: nothing to install, no package manager in the final image.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app

# The image sets ASPNETCORE_HTTP_PORTS=8080; clearing it stops Kestrel warning that URLS overrides it.
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1

COPY --from=build /app/publish .

# The image's non-root `app` user (APP_UID=1654); its home holds the data-protection keys.
USER $APP_UID
EXPOSE 8080

# Healthy when GET /healthz answers 200 (Program.cs maps it with MapHealthChecks).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["dotnet", "IcaKms.Web.dll"]
