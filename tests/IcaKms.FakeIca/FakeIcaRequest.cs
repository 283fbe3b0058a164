namespace IcaKms.FakeIca;

/// <summary>
/// One request the fake answered, without the API key or any secret: whether the key matched, the media types, and the
/// body with <c>secretAccessKey</c> replaced by <see cref="FakeIcaServer.HiddenSecret"/>.
/// </summary>
public sealed record FakeIcaRequest(string Method, string Path, bool ApiKeyMatched, string? Accept, string? ContentType, string? Body, int Status);
