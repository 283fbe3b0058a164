namespace IcaKms.Core.Bundle;

/// <summary>One file of the setup bundle.</summary>
/// <param name="Name">The file name inside the zip.</param>
/// <param name="Text">The file's text, written as UTF-8 without a byte order mark.</param>
public sealed record SetupBundleFile(string Name, string Text);
