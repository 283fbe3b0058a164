#!/usr/bin/env bash
# Regenerates src/IcaKms.Web/wwwroot/css/mudblazor.trimmed.css from the referenced MudBlazor package's MudBlazor.min.css
# (run it after upgrading MudBlazor or changing MudStylesheetTrimmer's lists; the Web tests fail while the file is stale).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ICAKMS_UPDATE_TRIMMED_CSS=1 dotnet test tests/IcaKms.Web.Tests/IcaKms.Web.Tests.csproj --nologo \
    --filter "FullyQualifiedName~MudStylesheetTrimmerTests.CheckedInStylesheet_IsTheTrimOfThePackagesOwnFile" </dev/null
ls -l src/IcaKms.Web/wwwroot/css/mudblazor.trimmed.css
