namespace IcaKms.FakeIca;

/// <summary>How <see cref="FakeIcaServer"/> misbehaves while <see cref="FakeIcaServer.Fault"/> is set (on every request, or those <see cref="FakeIcaServer.FaultPath"/> names).</summary>
public enum FakeIcaFault
{
    /// <summary>Answers as ICA does.</summary>
    None,

    /// <summary>403 problem+json: the key's user lacks the permission.</summary>
    Forbidden,

    /// <summary>404 problem+json.</summary>
    NotFound,

    /// <summary>409 problem+json.</summary>
    Conflict,

    /// <summary>500 problem+json.</summary>
    ServerError,

    /// <summary>Never answers (until the server stops).</summary>
    Hang,

    /// <summary>200 with an HTML page, as a login page or a wrong URL would.</summary>
    HtmlPage,
}
